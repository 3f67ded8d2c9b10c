import Testing
import LinearAlgebra
import Losses

/// A loss of |s₀| per example, to check the protocol's default `dataLoss` (the mean of Lᵢ).
private struct AbsoluteFirstScore: Loss {
    func dataLossAndGradient(scores: Matrix, labels: [Int], scoresGradient: inout Matrix) -> Double {
        dataLoss(scores: scores, labels: labels)
    }
    func exampleLosses(scores: Matrix, labels: [Int]) -> [Double] { (0..<scores.rows).map { abs(scores[$0, 0]) } }
    func expectedInitialLoss(classCount: Int) -> Double { 0 }
}

@Suite("Loss protocol defaults")
struct LossDefaultsTests {
    @Test("dataLoss is the mean of the example losses; 0 for an empty batch")
    func meanOfExamples() {
        #expect(AbsoluteFirstScore().dataLoss(scores: Matrix([[1, 0], [-3, 0]]), labels: [0, 0]) == 2)
        #expect(AbsoluteFirstScore().dataLoss(scores: Matrix(rows: 0, columns: 2), labels: []) == 0)
    }
}
