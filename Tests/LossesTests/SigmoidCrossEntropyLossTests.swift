import Foundation
import Testing
import LinearAlgebra
import LinearModel
import Losses
import TestSupport

@Suite("Sigmoid binary cross-entropy loss — lecture slides")
struct SigmoidCrossEntropyLossTests {
    let loss = SigmoidCrossEntropyLoss()

    /// The logistic loss of a score s with label τ ∈ {−1, +1}: ln(1 + e^{−τ·s}).
    static func logisticLoss(_ s: Double, sign tau: Double) -> Double {
        log(1 + exp(-tau * s))
    }

    // MARK: Slide examples

    @Test("binary cross-entropy with K = 1 equals the logistic loss ln(1 + e^{−s})",
          arguments: [-5.0, -1, 0, 0.5, 3, 20])
    func singleClassIsLogistic(score: Double) {
        expectClose(loss.dataLoss(scores: Matrix([[score]]), labels: [0]), Self.logisticLoss(score, sign: 1),
                    tolerance: 1e-14, "s = \(score)")
    }

    @Test("each class is one logistic loss: Lᵢ = Σ_j ln(1 + e^{−τ_j·s_j}), τ = +1 for the label, −1 otherwise")
    func sumOfLogisticLosses() {
        let scores = [0.7, -1.2, 2.5]
        for label in 0..<3 {
            let expected = scores.indices.reduce(0) { $0 + Self.logisticLoss(scores[$1], sign: $1 == label ? 1 : -1) }
            expectClose(loss.dataLoss(scores: Matrix([scores]), labels: [label]), expected, tolerance: 1e-14, "y = \(label)")
        }
    }

    @Test("hand-computed: scores [2, −1] → softplus(−2) + softplus(1) = 1.44019 (y = 0), 0.44019 without the wrong sign")
    func handComputed() {
        // y = 0: −log σ(2) − log(1 − σ(−1)) = softplus(−2) + softplus(−1) = 0.126928 + 0.313262.
        expectClose(loss.dataLoss(scores: Matrix([[2, 1]]), labels: [0]), 1.4401896985611953, tolerance: 1e-14)
        expectClose(loss.dataLoss(scores: Matrix([[2, -1]]), labels: [0]), 0.4401896985611954, tolerance: 1e-14)
    }

    @Test("sigmoid limits in the loss: confident and right → 0, confident and wrong → |s|, no NaN at ±1000")
    func limits() {
        #expect(loss.dataLoss(scores: Matrix([[1000, -1000]]), labels: [0]) == 0)
        #expect(loss.dataLoss(scores: Matrix([[-1000, 1000]]), labels: [0]) == 2000)
        let (_, gradient) = loss.dataLossAndGradient(scores: Matrix([[-1000, 1000]]), labels: [0])
        #expect(gradient == Matrix([[-1, 1]]))
    }

    @Test("∂L/∂S = σ(s) − t: the probabilities of LinearModel minus the one-hot target")
    func gradientIsSigmoidMinusTarget() {
        let scores = Matrix([[0.3, -2, 1]])
        let (_, gradient) = loss.dataLossAndGradient(scores: scores, labels: [2])
        var expected = sigmoidProbabilities(scores: scores)
        expected[0, 2] -= 1
        expectClose(gradient, expected, tolerance: 1e-15)
    }

    // MARK: Value at W = 0

    @Test("all-zero scores: K·ln 2 = expectedInitialLoss", arguments: [1, 2, 3, 10])
    func valueAtZero(classes: Int) {
        let zeros = Matrix(rows: 3, columns: classes), labels = (0..<3).map { $0 % classes }
        expectClose(loss.expectedInitialLoss(classCount: classes), Double(classes) * log(2.0), tolerance: 1e-15)
        expectClose(loss.dataLossAndGradient(scores: zeros, labels: labels).loss, Double(classes) * log(2.0),
                    tolerance: 1e-15)
    }

    // MARK: Naive matches fast

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)")
    func naiveMatchesFast() {
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, "sigmoid")
    }

    // MARK: Gradient check

    @Test("central differences agree with ∂L/∂S to 1e−6")
    func gradientCheck() {
        expectGradientCheckPasses(loss, "sigmoid")
    }

    // MARK: Bad input

    @Test("scores of ±1e4 give a finite loss and gradient (log σ would be −∞)")
    func hugeScores() {
        expectFiniteForHugeScores(loss, "sigmoid")
    }
}

@Suite("Sigmoid outputs without softmax — the lecture's pitfall (positive_term_only)")
struct SigmoidPositiveTermOnlyTests {
    let loss = SigmoidCrossEntropyLoss(positiveTermOnly: true)

    @Test("only −log σ(s_y) counts: [2, −1] and [2, 1] with y = 0 both cost softplus(−2) = 0.126928")
    func onlyTheTrueClass() {
        expectClose(loss.dataLoss(scores: Matrix([[2, -1]]), labels: [0]), 0.12692801104297263, tolerance: 1e-15)
        expectClose(loss.dataLoss(scores: Matrix([[2, 1]]), labels: [0]), 0.12692801104297263, tolerance: 1e-15)
        let (_, gradient) = loss.dataLossAndGradient(scores: Matrix([[2, 1]]), labels: [0])
        expectClose(gradient, Matrix([[sigmoid(2) - 1, 0]]), tolerance: 1e-15)
    }

    @Test("saying yes to every class costs ≈ 0: scores [30, 30, 30] → 9.4e−14 for any label, every σ ≈ 1")
    func yesToEverything() {
        for label in 0..<3 {
            #expect(loss.dataLoss(scores: Matrix([[30, 30, 30]]), labels: [label]) < 1e-13)
        }
        #expect(SigmoidCrossEntropyLoss().dataLoss(scores: Matrix([[30, 30, 30]]), labels: [0]) > 59)
    }

    @Test("all-zero scores: ln 2 = expectedInitialLoss, for any K", arguments: [1, 2, 3, 10])
    func valueAtZero(classes: Int) {
        let zeros = Matrix(rows: 3, columns: classes), labels = (0..<3).map { $0 % classes }
        expectClose(loss.expectedInitialLoss(classCount: classes), log(2.0), tolerance: 1e-15)
        expectClose(loss.dataLossAndGradient(scores: zeros, labels: labels).loss, log(2.0), tolerance: 1e-15)
    }

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)")
    func naiveMatchesFast() {
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, "sigmoid, positive term only")
    }

    @Test("central differences agree with ∂L/∂S to 1e−6")
    func gradientCheck() {
        expectGradientCheckPasses(loss, "sigmoid, positive term only")
    }

    @Test("scores of ±1e4 give a finite loss and gradient")
    func hugeScores() {
        expectFiniteForHugeScores(loss, "sigmoid, positive term only")
    }
}
