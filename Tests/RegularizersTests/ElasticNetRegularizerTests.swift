import Testing
import LinearAlgebra
import Regularizers
import TestSupport

@Suite("Elastic net — R(W) = ρ·Σ|W| + (1 − ρ)·ΣW²")
struct ElasticNetRegularizerTests {
    // MARK: Hand values

    @Test("ρ = 0.25 on [[1, −2], [0.5, 0]]: R = 0.25·3.5 + 0.75·5.25 = 4.8125")
    func penaltyByHand() {
        expectClose(ElasticNetRegularizer(l1Ratio: 0.25).penalty(of: Matrix([[1, -2], [0.5, 0]])), 4.8125)
    }

    @Test("ρ = 0.25, λ = 1: ρ·sign(W) + (1 − ρ)·2W = [[1.75, −3.25], [1.0, 0]]")
    func gradientByHand() {
        var gradient = Matrix(rows: 2, columns: 2)
        ElasticNetRegularizer(l1Ratio: 0.25).addGradient(of: Matrix([[1, -2], [0.5, 0]]), strength: 1, into: &gradient)
        expectClose(gradient, Matrix([[1.75, -3.25], [1.0, 0]]))
    }

    @Test("proximal, ρ = 0.25, λ = 1: the gradient keeps only (1 − ρ)·2W = [[1.5, −3], [0.75, 0]]")
    func proximalGradientByHand() {
        var gradient = Matrix(rows: 2, columns: 2)
        ElasticNetRegularizer(l1Ratio: 0.25, proximal: true).addGradient(of: Matrix([[1, -2], [0.5, 0]]), strength: 1, into: &gradient)
        expectClose(gradient, Matrix([[1.5, -3], [0.75, 0]]))
    }

    @Test("proximal, ρ = 0.5, t = 0.2: soft-thresholding by ρ·t = 0.1, [0.3, −0.05, 0, −2] → [0.2, 0, 0, −1.9]")
    func proximalStepByHand() {
        var weights = Matrix([[0.3, -0.05, 0, -2]])
        ElasticNetRegularizer(l1Ratio: 0.5, proximal: true).proximalStep(&weights, threshold: 0.2)
        expectClose(weights, Matrix([[0.2, 0, 0, -1.9]]), tolerance: 1e-15)
        #expect(weights[0, 1] == 0)
    }

    @Test("without proximal there is no proximal step")
    func noProximalStep() {
        var weights = Matrix([[0.3, -0.05, 0, -2]])
        ElasticNetRegularizer(l1Ratio: 0.5).proximalStep(&weights, threshold: 0.2)
        #expect(weights == Matrix([[0.3, -0.05, 0, -2]]))
    }

    // (ρ, the regularizer it must equal)
    static let limitCases: [(Double, any Regularizer)] = [(1, L1Regularizer()), (0, L2Regularizer())]

    @Test("ρ = 1 is L1 and ρ = 0 is L2", arguments: limitCases)
    func limits(l1Ratio: Double, equivalent: any Regularizer) {
        for seed: UInt64 in 0..<5 {
            let weights = randomMatrix(rows: 3, columns: 4, seed: seed)
            let elasticNet = ElasticNetRegularizer(l1Ratio: l1Ratio)
            expectClose(elasticNet.penalty(of: weights), equivalent.penalty(of: weights), "ρ \(l1Ratio), seed \(seed):")
            var observed = Matrix(rows: 3, columns: 4), expected = observed
            elasticNet.addGradient(of: weights, strength: 0.3, into: &observed)
            equivalent.addGradient(of: weights, strength: 0.3, into: &expected)
            expectClose(observed, expected, "ρ \(l1Ratio), seed \(seed):")
        }
    }

    // MARK: W = 0

    @Test("at W = 0: R = 0 and the gradient is unchanged", arguments: [false, true])
    func atZero(proximal: Bool) {
        let zero = Matrix(rows: 2, columns: 3)
        var gradient = randomMatrix(rows: 2, columns: 3, seed: 4)
        let before = gradient
        ElasticNetRegularizer(l1Ratio: 0.3, proximal: proximal).addGradient(of: zero, strength: 2, into: &gradient)
        #expect(ElasticNetRegularizer(l1Ratio: 0.3).penalty(of: zero) == 0)
        #expect(gradient == before)
    }

    // MARK: Naive matches fast

    @Test("penalty and gradient match their naive definitions", arguments: [false, true], 0..<20 as Range<UInt64>)
    func naiveMatchesFast(proximal: Bool, seed: UInt64) {
        expectNaiveMatchesFast(ElasticNetRegularizer(l1Ratio: 0.35, proximal: proximal), seed: seed)
    }

    // MARK: Gradient check

    @Test("gradient check of ½‖W − A‖² + λ·R(W) away from 0, ρ = 0.35, λ = 0 and λ > 0", arguments: [0.0, 0.1, 3.0], 0..<5 as Range<UInt64>)
    func gradientCheck(strength: Double, seed: UInt64) {
        let regularizer = ElasticNetRegularizer(l1Ratio: 0.35)
        let error = gradientCheckError(regularizer, strength: strength, seed: seed) { regularizer.naivePenalty(of: $0) }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    @Test("proximal: the gradient is that of the L2 part (1 − ρ)·ΣW² only", arguments: [0.0, 3.0], 0..<5 as Range<UInt64>)
    func proximalGradientCheck(strength: Double, seed: UInt64) {
        let error = gradientCheckError(ElasticNetRegularizer(l1Ratio: 0.35, proximal: true), strength: strength, seed: seed) {
            0.65 * L2Regularizer().naivePenalty(of: $0)
        }
        #expect(error < 1e-6, "seed \(seed), λ \(strength): relative error \(error)")
    }

    // MARK: Bad input

    @Test("l1_ratio outside [0, 1] stops the program (the config validation rejects it first)")
    func l1RatioOutOfRange() async {
        await #expect(processExitsWith: .failure) {
            _ = ElasticNetRegularizer(l1Ratio: 1.5)
        }
    }
}
