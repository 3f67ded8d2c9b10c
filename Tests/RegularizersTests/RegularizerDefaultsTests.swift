import Testing
import LinearAlgebra
import Regularizers

/// R(W) = Σ W, to check that the protocol's default proximal step leaves W alone.
private struct SumPenalty: Regularizer {
    func penalty(of weights: Matrix) -> Double { weights.elements.reduce(0, +) }
    func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {}
}

@Suite("Regularizer protocol defaults")
struct RegularizerDefaultsTests {
    @Test("the default proximal step is a no-op")
    func noProximalStep() {
        var weights = Matrix([[1, -2], [0.5, 0]])
        SumPenalty().proximalStep(&weights, threshold: 10)
        #expect(weights == Matrix([[1, -2], [0.5, 0]]))
    }
}
