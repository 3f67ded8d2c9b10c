import Testing
import LinearAlgebra
import Regularizers
import TestSupport

@Suite("L1 regularization — subgradient and proximal soft-thresholding")
struct L1RegularizerTests {
    // MARK: Slide examples

    @Test("L1 prefers sparse weights: w₁ = [1,0,0,0] and w₂ = [.25,.25,.25,.25] both cost 1, unlike L2")
    func sparseAsCheapAsDiffuse() {
        #expect(L1Regularizer().penalty(of: Matrix([[1, 0, 0, 0]])) == 1)
        #expect(L1Regularizer().penalty(of: Matrix([[0.25, 0.25, 0.25, 0.25]])) == 1)
    }

    @Test("R(W) = Σ|W| by hand: [[0.3, −0.05], [0, −2]] → 2.35, in both modes", arguments: [false, true])
    func penaltyByHand(proximal: Bool) {
        expectClose(L1Regularizer(proximal: proximal).penalty(of: Matrix([[0.3, -0.05], [0, -2]])), 2.35)
    }

    @Test("subgradient λ·sign(W), sign(0) = 0: λ = 0.5 on [[0.3, −0.05], [0, −2]] adds [[0.5, −0.5], [0, −0.5]]")
    func subgradientByHand() {
        var gradient = Matrix([[1, 1], [1, 1]])
        L1Regularizer().addGradient(of: Matrix([[0.3, -0.05], [0, -2]]), strength: 0.5, into: &gradient)
        #expect(gradient == Matrix([[1.5, 0.5], [1, 0.5]]))
    }

    @Test("proximal: the gradient step leaves the L1 term out")
    func proximalGradientIsUnchanged() {
        var gradient = Matrix([[1, 1], [1, 1]])
        L1Regularizer(proximal: true).addGradient(of: Matrix([[0.3, -0.05], [0, -2]]), strength: 0.5, into: &gradient)
        #expect(gradient == Matrix([[1, 1], [1, 1]]))
    }

    @Test("soft-thresholding [0.3, −0.05, 0, −2] with t = 0.1 → [0.2, 0, 0, −1.9], the zeros exact and positive")
    func softThresholdingByHand() {
        var weights = Matrix([[0.3, -0.05, 0, -2]])
        L1Regularizer(proximal: true).proximalStep(&weights, threshold: 0.1)
        expectClose(weights, Matrix([[0.2, 0, 0, -1.9]]), tolerance: 1e-15)
        #expect(weights[0, 1] == 0 && weights[0, 2] == 0)
        #expect(weights[0, 1].sign == .plus, "−0.05 became \(weights[0, 1]); a model file would print -0.0")
    }

    @Test("soft-thresholding at the edge: |w| = t goes to 0; t = 0 changes nothing")
    func softThresholdingEdges() {
        var atThreshold = Matrix([[0.5, -0.5]])
        L1Regularizer(proximal: true).proximalStep(&atThreshold, threshold: 0.5)
        #expect(atThreshold == Matrix([[0, 0]]))
        var unchanged = Matrix([[0.3, -0.05, 0, -2]])
        L1Regularizer(proximal: true).proximalStep(&unchanged, threshold: 0)
        #expect(unchanged == Matrix([[0.3, -0.05, 0, -2]]))
    }

    @Test("subgradient mode has no proximal step")
    func subgradientHasNoProximalStep() {
        var weights = Matrix([[0.3, -0.05, 0, -2]])
        L1Regularizer().proximalStep(&weights, threshold: 0.1)
        #expect(weights == Matrix([[0.3, -0.05, 0, -2]]))
    }

    // MARK: W = 0

    @Test("at W = 0: R = 0, the subgradient adds 0, the proximal step keeps 0", arguments: [false, true])
    func atZero(proximal: Bool) {
        let regularizer = L1Regularizer(proximal: proximal)
        var weights = Matrix(rows: 2, columns: 3)
        var gradient = randomMatrix(rows: 2, columns: 3, seed: 3)
        let before = gradient
        regularizer.addGradient(of: weights, strength: 4, into: &gradient)
        regularizer.proximalStep(&weights, threshold: 0.1)
        #expect(regularizer.penalty(of: weights) == 0)
        #expect(gradient == before)
        #expect(weights == Matrix(rows: 2, columns: 3))
    }

    // MARK: Naive matches fast

    @Test("penalty and gradient match their naive definitions", arguments: [false, true], 0..<20 as Range<UInt64>)
    func naiveMatchesFast(proximal: Bool, seed: UInt64) {
        expectNaiveMatchesFast(L1Regularizer(proximal: proximal), seed: seed)
    }

    // MARK: Gradient check

    @Test("gradient check of ½‖W − A‖² + λ·Σ|W| away from 0, λ = 0 and λ > 0", arguments: [0.0, 0.1, 3.0], 0..<5 as Range<UInt64>)
    func gradientCheck(strength: Double, seed: UInt64) {
        let error = gradientCheckError(L1Regularizer(), strength: strength, seed: seed) { L1Regularizer().naivePenalty(of: $0) }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    @Test("proximal: the gradient is the smooth part's alone (½‖W − A‖², no L1 term)", arguments: [0.0, 3.0], 0..<5 as Range<UInt64>)
    func proximalGradientCheck(strength: Double, seed: UInt64) {
        let error = gradientCheckError(L1Regularizer(proximal: true), strength: strength, seed: seed) { _ in 0 }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    // MARK: Bad input

    @Test("a NaN weight shows in the penalty (divergence), not in the subgradient")
    func nonFinite() {
        #expect(L1Regularizer().penalty(of: Matrix([[1, .nan]])).isNaN)
        var gradient = Matrix([[0, 0]])
        L1Regularizer().addGradient(of: Matrix([[1, .nan]]), strength: 1, into: &gradient)
        #expect(gradient == Matrix([[1, 0]]))
    }

    @Test("a negative threshold stops the program (t = lr·λ ≥ 0 is validated before)")
    func negativeThreshold() async {
        await #expect(processExitsWith: .failure) {
            var weights = Matrix([[1]])
            L1Regularizer(proximal: true).proximalStep(&weights, threshold: -0.1)
        }
    }
}
