import Testing
import LinearAlgebra
import Losses

/// Lᵢ = |s₀| per example (∂Lᵢ/∂s₀ = sign(s₀)), to check what `RowwiseLoss` builds from one row.
private struct AbsoluteFirstScore: RowwiseLoss {
    func exampleLoss(scores: Span<Double>, label: Int, scale: Double, scoresGradient: inout MutableSpan<Double>) -> Double {
        for j in 0..<scores.count { scoresGradient[j] = 0 }
        scoresGradient[0] = (scores[0] > 0 ? 1 : -1) * scale
        return abs(scores[0])
    }
    func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        (0, Matrix(rows: scores.rows, columns: scores.columns))
    }
    func expectedInitialLoss(classCount: Int) -> Double { 0 }
}

@Suite("RowwiseLoss — the batch forms built from one row")
struct LossDefaultsTests {
    @Test("dataLoss is the mean of the example losses; 0 for an empty batch")
    func meanOfExamples() {
        #expect(AbsoluteFirstScore().dataLoss(scores: Matrix([[1, 0], [-3, 0]]), labels: [0, 0]) == 2)
        #expect(AbsoluteFirstScore().dataLoss(scores: Matrix(rows: 0, columns: 2), labels: []) == 0)
        #expect(AbsoluteFirstScore().exampleLosses(scores: Matrix([[1, 0], [-3, 0]]), labels: [0, 1]) == [1, 3])
    }

    @Test("dataLossAndGradient: row i of ∂L/∂S is (1/B)·∂Lᵢ/∂sᵢ, written over whatever the matrix held")
    func gradientRows() {
        var gradient = Matrix(rows: 2, columns: 2, repeating: 7)
        let loss = AbsoluteFirstScore().dataLossAndGradient(scores: Matrix([[1, 0], [-3, 0]]), labels: [0, 0],
                                                            scoresGradient: &gradient)
        #expect(loss == 2)
        #expect(gradient == Matrix([[0.5, 0], [-0.5, 0]]))
    }

    @Test("writeScoresGradient by default calls exampleLoss row by row, with the given scale")
    func defaultRows() {
        let scores: [Double] = [1, 5, -2, 5, 3, 5], labels = [0, 1, 0]
        var gradient = [Double](repeating: 9, count: 6)
        var view = gradient.mutableSpan
        AbsoluteFirstScore().writeScoresGradient(scores: scores.span, labels: labels.span, scale: 0.25, scoresGradient: &view)
        _ = consume view
        #expect(gradient == [0.25, 0, -0.25, 0, 0.25, 0])
    }
}
