import Testing
import LinearAlgebra
import Regularizers

/// R(W) = Σ W, to check that the protocol's default proximal steps leave W alone.
private struct SumPenalty: Regularizer {
    func penalty(of weights: Matrix) -> Double { weights.elements.reduce(0, +) }
    func naivePenalty(of weights: Matrix) -> Double { penalty(of: weights) }
    func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {}
    func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {}
}

@Suite("Regularizer protocol defaults")
struct RegularizerDefaultsTests {
    @Test("the default proximal steps, fast and naive, are no-ops")
    func noProximalStep() {
        var weights = Matrix([[1, -2], [0.5, 0]])
        SumPenalty().proximalStep(&weights, threshold: 10)
        SumPenalty().naiveProximalStep(&weights, threshold: 10)
        #expect(weights == Matrix([[1, -2], [0.5, 0]]))
    }
}

@Suite("Regularizer table — config names to types")
struct RegularizerTypeTests {
    @Test("the config names, in help order: none, l1, l2, elastic_net")
    func names() {
        #expect(RegularizerType.allCases.map(\.rawValue) == ["none", "l1", "l2", "elastic_net"])
        #expect(RegularizerType(rawValue: "elastic_net") == .elasticNet)
        #expect(RegularizerType(rawValue: "elasticNet") == nil)
    }

    // (type, its config keys)
    static let keys: [(RegularizerType, [String])] = [
        (.none, ["type", "strength", "include_bias"]),
        (.l1, ["type", "strength", "include_bias", "proximal"]),
        (.l2, ["type", "strength", "include_bias"]),
        (.elasticNet, ["type", "strength", "include_bias", "proximal", "l1_ratio"]),
    ]

    @Test("each type's config keys", arguments: keys)
    func configKeys(type: RegularizerType, expected: [String]) {
        #expect(type.keys == expected)
        #expect(!type.summary.isEmpty)
    }

    @Test("each name makes its regularizer, with proximal and l1_ratio passed on")
    func makesRegularizers() {
        #expect(RegularizerType.none.makeRegularizer() as? NoRegularizer == NoRegularizer())
        #expect(RegularizerType.l2.makeRegularizer(proximal: true) as? L2Regularizer == L2Regularizer())
        #expect(RegularizerType.l1.makeRegularizer(proximal: true) as? L1Regularizer == L1Regularizer(proximal: true))
        #expect(RegularizerType.elasticNet.makeRegularizer(proximal: true, l1Ratio: 0.2) as? ElasticNetRegularizer
                == ElasticNetRegularizer(l1Ratio: 0.2, proximal: true))
        #expect(RegularizerType.elasticNet.makeRegularizer() as? ElasticNetRegularizer
                == ElasticNetRegularizer(l1Ratio: 0.5, proximal: false))
    }
}
