import Testing
import LinearAlgebra
import TestSupport
import Datasets

@Suite("Preprocessing — standardize with the training split's statistics")
struct PreprocessingTests {
    @Test("standardize: mean and std (1/N) per feature; the result has mean 0 and std 1 (seeds 0..<20)", arguments: 0..<20)
    func standardize(seed: UInt64) {
        var features = randomMatrix(rows: 37, columns: 4, seed: seed, scale: 5)
        for i in 0..<37 { features[i, 1] += 100 }
        let preprocessing = Preprocessing.fit(kind: .standardize, to: features)
        for j in 0..<4 {
            let column = (0..<37).map { features[$0, j] }
            let mean = column.reduce(0, +) / 37
            let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 37).squareRoot()
            expectClose(preprocessing.mean[j], mean, "seed \(seed), feature \(j) mean")
            expectClose(preprocessing.scale[j], std, "seed \(seed), feature \(j) scale")
        }
        let standardized = preprocessing.applied(to: features)
        let again = Preprocessing.fit(kind: .standardize, to: standardized)
        for j in 0..<4 {
            expectClose(again.mean[j], 0, tolerance: 1e-12, "seed \(seed), feature \(j) mean after")
            expectClose(again.scale[j], 1, tolerance: 1e-12, "seed \(seed), feature \(j) std after")
        }
        var restored = standardized
        preprocessing.invert(&restored)
        expectClose(restored, features, tolerance: 1e-12, "seed \(seed) inverse")
        expectClose(Matrix([preprocessing.rawPoint(standardized.row(5))]), Matrix([features.row(5)]), "seed \(seed) raw point")
    }

    @Test("A constant feature gets scale 1, never NaN", arguments: [0.0, 0.1, -3e7])
    func constantFeature(value: Double) {
        let features = Matrix(rows: 10, columns: 2, elements: (0..<10).flatMap { [value, Double($0)] })
        let preprocessing = Preprocessing.fit(kind: .standardize, to: features)
        #expect(preprocessing.scale[0] == 1, "value \(value): scale \(preprocessing.scale[0])")
        #expect(preprocessing.applied(to: features).isFinite)
    }

    @Test("Statistics come from the training split only, and apply unchanged to validation")
    func trainingSplitOnly() throws {
        let dataset = try SyntheticDataset.generate(kind: .blobs, samples: 200, classes: 2, features: 3, seed: 4)
        let splits = try dataset.stratifiedSplit(validationFraction: 0.25, testFraction: 0, seed: 4)
        let validation = try #require(splits.validation)
        let preprocessing = Preprocessing.fit(kind: .standardize, to: splits.train.features)
        #expect(preprocessing == Preprocessing.fit(kind: .standardize, to: splits.train.features))
        #expect(preprocessing != Preprocessing.fit(kind: .standardize, to: dataset.features))
        var scaled = validation.features
        preprocessing.apply(to: &scaled)
        expectClose(scaled[0, 2], (validation.features[0, 2] - preprocessing.mean[2]) / preprocessing.scale[2])
    }

    @Test("center subtracts the mean with scale 1; none is the identity")
    func centerAndNone() {
        let features = Matrix([[1, 10], [3, 20]])
        let center = Preprocessing.fit(kind: .center, to: features)
        #expect(center.mean == [2, 15] && center.scale == [1, 1])
        #expect(center.applied(to: features) == Matrix([[-1, -5], [1, 5]]))
        #expect(Preprocessing.fit(kind: .none, to: features).applied(to: features) == features)
    }
}
