import Testing
import LinearAlgebra
import LinearModel

@Suite("Weight initialization — small random W, zero b")
struct InitializationTests {
    @Test("gaussian: w_kd = scale·N(0, 1), drawn row-major from the generator; b = 0")
    func gaussianRowMajor() {
        var generator = Xoshiro256StarStar(seed: 11)
        let model = LinearClassifier(classCount: 3, featureCount: 4, initialization: .gaussian(scale: 0.01),
                                     generator: &generator)
        var reference = Xoshiro256StarStar(seed: 11)
        let expected = (0..<12).map { _ in 0.01 * reference.gaussian() }
        #expect(model.weights == Matrix(rows: 3, columns: 4, elements: expected))
        #expect(model.bias == Matrix(rows: 3, columns: 1))
        #expect(generator == reference, "the generator advanced by exactly one Gaussian per weight")
    }

    @Test("same generator state → same W; another seed → another W")
    func seeded() {
        func initialWeights(seed: UInt64) -> Matrix {
            var generator = Xoshiro256StarStar(seed: seed)
            return LinearClassifier(classCount: 4, featureCount: 5, initialization: .gaussian(scale: 0.001),
                                    generator: &generator).weights
        }
        #expect(initialWeights(seed: 7) == initialWeights(seed: 7))
        #expect(initialWeights(seed: 7) != initialWeights(seed: 8))
    }

    @Test("zeros: W = 0 and b = 0, and the generator is left untouched")
    func zeros() {
        var generator = Xoshiro256StarStar(seed: 5)
        let model = LinearClassifier(classCount: 2, featureCount: 3, initialization: .zeros, generator: &generator)
        #expect(model.weights == Matrix(rows: 2, columns: 3))
        #expect(model.bias == Matrix(rows: 2, columns: 1))
        #expect(generator == Xoshiro256StarStar(seed: 5))
    }

    @Test("the config names table: \"gaussian\" and \"zeros\" round-trip; the default scale is 0.001")
    func namesTable() {
        #expect(WeightInitialization.Kind.allCases.map(\.rawValue) == ["gaussian", "zeros"])
        for kind in WeightInitialization.Kind.allCases {
            #expect(WeightInitialization(kind: kind).kind == kind)
        }
        #expect(WeightInitialization(kind: .gaussian) == .gaussian(scale: 0.001))
        #expect(WeightInitialization(kind: .gaussian, scale: 0.5) == .gaussian(scale: 0.5))
        #expect(WeightInitialization.Kind(rawValue: "normal") == nil)
    }
}
