import Testing
import LinearAlgebra
import Regularizers
import TestSupport

@Suite("L2 regularization — lecture slides")
struct L2RegularizerTests {
    // MARK: Slide examples

    @Test("L2 prefers diffuse weights: x = [1,1,1,1], w₁ = [1,0,0,0], w₂ = [.25,.25,.25,.25] → same score 1, R(w₁) = 1, R(w₂) = 0.25")
    func diffuseWeights() {
        let x = [1.0, 1, 1, 1]
        let w1 = Matrix([[1, 0, 0, 0]]), w2 = Matrix([[0.25, 0.25, 0.25, 0.25]])
        #expect(zip(w1.elements, x).reduce(0) { $0 + $1.0 * $1.1 } == 1)
        #expect(zip(w2.elements, x).reduce(0) { $0 + $1.0 * $1.1 } == 1)
        #expect(L2Regularizer().penalty(of: w1) == 1)
        #expect(L2Regularizer().penalty(of: w2) == 0.25)
    }

    // (W, R(W), gradient of λ·R with λ = 0.5, i.e. λ·2W = W)
    static let handValues: [(Matrix, Double, Matrix)] = [
        (Matrix([[1, -2], [0.5, 0]]), 5.25, Matrix([[1, -2], [0.5, 0]])),
        (Matrix([[3]]), 9, Matrix([[3]])),
        (Matrix([[-0.1, 0.2, -0.3]]), 0.14, Matrix([[-0.1, 0.2, -0.3]])),
    ]

    @Test("R(W) = ΣW² and λ·2W by hand", arguments: handValues)
    func byHand(weights: Matrix, penalty: Double, gradient: Matrix) {
        expectClose(L2Regularizer().penalty(of: weights), penalty, "W \(weights):")
        var observed = Matrix(rows: weights.rows, columns: weights.columns)
        L2Regularizer().addGradient(of: weights, strength: 0.5, into: &observed)
        expectClose(observed, gradient, "W \(weights):")
    }

    // MARK: W = 0

    @Test("at W = 0: R = 0 and the gradient is unchanged")
    func atZero() {
        let zero = Matrix(rows: 3, columns: 4)
        var gradient = randomMatrix(rows: 3, columns: 4, seed: 1)
        let before = gradient
        L2Regularizer().addGradient(of: zero, strength: 2, into: &gradient)
        #expect(L2Regularizer().penalty(of: zero) == 0)
        #expect(gradient == before)
    }

    // MARK: Naive matches fast

    @Test("penalty and gradient match their naive definitions", arguments: 0..<20 as Range<UInt64>)
    func naiveMatchesFast(seed: UInt64) {
        expectNaiveMatchesFast(L2Regularizer(), seed: seed)
    }

    // MARK: Gradient check

    @Test("gradient check of ½‖W − A‖² + λ·ΣW², λ = 0 and λ > 0", arguments: [0.0, 0.1, 3.0], 0..<5 as Range<UInt64>)
    func gradientCheck(strength: Double, seed: UInt64) {
        let error = gradientCheckError(L2Regularizer(), strength: strength, seed: seed) { L2Regularizer().naivePenalty(of: $0) }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    // MARK: Bad input

    @Test("a NaN or ∞ weight shows in the penalty, where the training loop detects divergence")
    func nonFinite() {
        #expect(L2Regularizer().penalty(of: Matrix([[1, .nan]])).isNaN)
        #expect(L2Regularizer().penalty(of: Matrix([[-.infinity, 1]])) == .infinity)
    }

    @Test("a gradient of another shape than W stops the program (a programmer error)")
    func shapeMismatch() async {
        await #expect(processExitsWith: .failure) {
            var gradient = Matrix(rows: 2, columns: 2)
            L2Regularizer().addGradient(of: Matrix(rows: 2, columns: 3), strength: 1, into: &gradient)
        }
    }
}
