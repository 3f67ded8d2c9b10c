import Testing
import LinearAlgebra
import LinearModel
import Losses
import TestSupport
@testable import Training

@Suite("One SGD step, piece by piece — the lecture's dog/bird/truck")
struct SGDStepExplanationTests {
    /// X = I (one example per image), W the slide's score table (row k: class k's scores on the three
    /// images), b = 0: the scores of image i are column i of W.
    static let classifier = LinearClassifier(
        weights: Matrix([[3.0, 0.9, 1.6], [6.2, 5.1, 2.3], [-2.1, 3.4, -4.5]]), bias: Matrix(rows: 3, columns: 1))
    static let images = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])

    @Test("SVM Δ = 1: Lᵢ = 4.2, 0, 14.9; ∂L/∂s = [−1, 1, 0], 0, [1, 1, −2]; dW = dSᵀ/3, db = [0, 2, −2]/3")
    func svmByHand() {
        let step = SGDStepExplanation(classifier: Self.classifier, loss: MulticlassSVMLoss(), features: Self.images,
                                      labels: [0, 1, 2], learningRate: 0.1, strength: 0)
        expectClose(Matrix([step.exampleLosses]), Matrix([[4.2, 0, 14.9]]))
        expectClose(step.exampleGradients, Matrix([[-1, 1, 0], [0, 0, 0], [1, 1, -2]]))
        // dW[k, i] = (1/3)·Σ_n dS[n, k]·X[n, i] = dS[i, k]/3 with X = I.
        expectClose(step.weightGradient, Matrix([[-1, 0, 1], [1, 0, 1], [0, 0, -2]].map { $0.map { $0 / 3 } }))
        expectClose(step.biasGradient, Matrix([[0], [2.0 / 3], [-2.0 / 3]]))
        expectClose(step.after.weights, Matrix([[3.0 + 0.1 / 3, 0.9, 1.6 - 0.1 / 3], [6.2 - 0.1 / 3, 5.1, 2.3 - 0.1 / 3],
                                                [-2.1, 3.4, -4.5 + 0.2 / 3]]))
        expectClose(step.after.bias, Matrix([[0], [-0.2 / 3], [0.2 / 3]]))
        #expect(step.before == Self.classifier)
    }

    @Test("softmax: ∂Lᵢ/∂s = p − onehot(y); λ = 0.5 adds 2λW = W to dW")
    func softmaxAndL2() {
        let plain = SGDStepExplanation(classifier: Self.classifier, loss: SoftmaxCrossEntropyLoss(), features: Self.images,
                                       labels: [0, 1, 2], learningRate: 0.1, strength: 0)
        var expected = softmaxProbabilities(scores: Self.classifier.naiveScores(for: Self.images, rows: [0, 1, 2]))
        for i in 0..<3 { expected[i, i] -= 1 }
        expectClose(plain.exampleGradients, expected)
        let regularized = SGDStepExplanation(classifier: Self.classifier, loss: SoftmaxCrossEntropyLoss(), features: Self.images,
                                             labels: [0, 1, 2], learningRate: 0.1, strength: 0.5)
        var difference = regularized.weightGradient
        difference.add(plain.weightGradient, scaledBy: -1)
        expectClose(difference, Self.classifier.weights)
        #expect(regularized.biasGradient == plain.biasGradient)
    }
}
