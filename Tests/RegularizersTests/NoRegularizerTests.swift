import Testing
import LinearAlgebra
import Regularizers
import TestSupport

@Suite("No regularization — R(W) = 0")
struct NoRegularizerTests {
    @Test("R(W) = 0 and the gradient is unchanged, for any W", arguments: 0..<5 as Range<UInt64>)
    func nothingAdded(seed: UInt64) {
        let weights = randomMatrix(rows: 4, columns: 3, seed: seed, scale: 10)
        let gradient = randomMatrix(rows: 4, columns: 3, seed: seed + 1)
        var updated = gradient
        NoRegularizer().addGradient(of: weights, strength: 5, into: &updated)
        #expect(NoRegularizer().penalty(of: weights) == 0)
        #expect(updated == gradient)
        expectNaiveMatchesFast(NoRegularizer(), seed: seed)
    }

    @Test("gradient check of ½‖W − A‖² + λ·0, λ = 0 and λ > 0", arguments: [0.0, 0.5], 0..<5 as Range<UInt64>)
    func gradientCheck(strength: Double, seed: UInt64) {
        let error = gradientCheckError(NoRegularizer(), strength: strength, seed: seed) { _ in 0 }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    @Test("no proximal step: W is left as it is")
    func noProximalStep() {
        var weights = Matrix([[0.3, -0.05, 0, -2]])
        NoRegularizer().proximalStep(&weights, threshold: 1)
        #expect(weights == Matrix([[0.3, -0.05, 0, -2]]))
    }
}
