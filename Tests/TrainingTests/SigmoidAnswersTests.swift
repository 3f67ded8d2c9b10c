import Testing
import LinearAlgebra
import LinearModel
import TestSupport
@testable import Training

@Suite("Sigmoid outputs as yes/no answers")
struct SigmoidAnswersTests {
    @Test("scores s = x with labels [0, 1]: σ of the correct classes and of the others, and who says yes, by hand")
    func byHand() {
        // Row 0 (label 0): σ(2) = 0.8808 correct, σ(1) = 0.7311 other (yes). Row 1 (label 1): σ(−1) = 0.2689 correct, σ(0) = 0.5 other (not > 0.5).
        let identity = LinearClassifier(weights: Matrix([[1, 0], [0, 1]]), bias: Matrix(rows: 2, columns: 1))
        let answers = SigmoidAnswers(classifier: identity, features: Matrix([[2, 1], [0, -1]]), labels: [0, 1])
        expectClose(answers.meanCorrect, (sigmoid(2) + sigmoid(-1)) / 2, tolerance: 1e-15)
        expectClose(answers.meanOther, (sigmoid(1) + 0.5) / 2, tolerance: 1e-15)
        #expect(answers.otherYesFraction == 0.5)
    }
}
