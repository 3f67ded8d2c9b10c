import Testing
import LinearAlgebra
import Losses
import TestSupport

@Suite("Mean squared error loss — lecture slides")
struct MeanSquaredErrorLossTests {
    let loss = MeanSquaredErrorLoss()

    // MARK: Slide examples

    /// Columns: scores, label (the one-hot target's 1), expected Lᵢ.
    static let examples: [([Double], Int, Double)] = [
        ([1.5, -2, 1.0], 0, 1.75),        // ((0.5)² + (−2)² + 1²)/3 = 5.25/3, target [1, 0, 0]
        ([1.5, -2, 1.0], 1, 12.25 / 3),   // ((1.5)² + (−3)² + 1²)/3 = 4.0833, target [0, 1, 0]
    ]

    @Test("K = 3, scores [1.5, −2, 1.0]: target [1, 0, 0] → 1.75; target [0, 1, 0] → 4.0833", arguments: examples)
    func slideExamples(scores: [Double], label: Int, expected: Double) {
        expectClose(loss.dataLoss(scores: Matrix([scores]), labels: [label]), expected, tolerance: 1e-15, "y = \(label)")
    }

    @Test("4.0833 as the slide prints it")
    func slideRounding() {
        expectClose(loss.dataLoss(scores: Matrix([[1.5, -2, 1.0]]), labels: [1]), 4.0833, tolerance: 1e-4)
    }

    @Test("∂L/∂S = (2/K)(s − t)/B: [1.5, −2, 1.0] with label 0 → [1/3, −4/3, 2/3]")
    func gradientByHand() {
        let (_, gradient) = loss.dataLossAndGradient(scores: Matrix([[1.5, -2, 1.0]]), labels: [0])
        expectClose(gradient, Matrix([[1.0 / 3, -4.0 / 3, 2.0 / 3]]), tolerance: 1e-15)
    }

    // MARK: Value at W = 0

    @Test("all-zero scores: 1/K = expectedInitialLoss", arguments: [1, 2, 3, 10])
    func valueAtZero(classes: Int) {
        let zeros = Matrix(rows: 3, columns: classes), labels = (0..<3).map { $0 % classes }
        #expect(loss.expectedInitialLoss(classCount: classes) == 1 / Double(classes))
        expectClose(loss.dataLossAndGradient(scores: zeros, labels: labels).loss, 1 / Double(classes), tolerance: 1e-15)
    }

    // MARK: Naive matches fast

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)")
    func naiveMatchesFast() {
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, "mse")
    }

    // MARK: Gradient check

    @Test("central differences agree with ∂L/∂S to 1e−6")
    func gradientCheck() {
        expectGradientCheckPasses(loss, "mse")
    }

    // MARK: Bad input

    @Test("scores of ±1e4 give a finite loss and gradient")
    func hugeScores() {
        expectFiniteForHugeScores(loss, "mse")
    }
}
