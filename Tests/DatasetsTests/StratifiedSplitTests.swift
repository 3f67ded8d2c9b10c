import Testing
import LinearAlgebra
import TestSupport
import Datasets

@Suite("Stratified split — each part keeps the class proportions")
struct StratifiedSplitTests {
    /// A dataset with unequal classes (sizes 50, 31, 7, 2) whose feature is the row number.
    static let unbalanced: Dataset = {
        let sizes = [50, 31, 7, 2]
        let labels = sizes.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        return Dataset(features: Matrix(rows: labels.count, columns: 1, elements: labels.indices.map(Double.init)),
                       labels: labels, classNames: ["a", "b", "c", "d"], featureNames: ["row"])
    }()

    @Test("Class counts within one example of fraction·n_k; rows partitioned exactly (seeds 0..<20)", arguments: 0..<20)
    func proportions(seed: UInt64) throws {
        let dataset = Self.unbalanced
        let splits = try dataset.stratifiedSplit(validationFraction: 0.2, testFraction: 0.1, seed: seed)
        let validation = try #require(splits.validation), test = try #require(splits.test)
        let all = (splits.train.features.elements + validation.features.elements + test.features.elements).sorted()
        #expect(all == dataset.features.elements, "seed \(seed): every row lands in exactly one part")
        for (k, n) in [50, 31, 7, 2].enumerated() {
            for (part, fraction) in [(validation, 0.2), (test, 0.1)] {
                let count = part.labels.filter { $0 == k }.count
                #expect(abs(Double(count) - fraction * Double(n)) <= 1, "seed \(seed), class \(k): \(count) of \(n) at fraction \(fraction)")
            }
            #expect(splits.train.labels.contains(k), "seed \(seed): class \(k) kept in training")
        }
        #expect(splits.train.classNames == dataset.classNames && validation.classNames == dataset.classNames)
    }

    @Test("Same seed same split; another seed another split; fraction 0 means no part")
    func seededAndOptional() throws {
        let a = try Self.unbalanced.stratifiedSplit(validationFraction: 0.3, testFraction: 0, seed: 1)
        let b = try Self.unbalanced.stratifiedSplit(validationFraction: 0.3, testFraction: 0, seed: 1)
        let c = try Self.unbalanced.stratifiedSplit(validationFraction: 0.3, testFraction: 0, seed: 2)
        #expect(a == b && a.validation != c.validation && a.test == nil)
        let whole = try Self.unbalanced.stratifiedSplit(validationFraction: 0, testFraction: 0, seed: 1)
        #expect(whole.train == Self.unbalanced && whole.validation == nil)
    }

    @Test("Fractions out of range are errors", arguments: [(1.0, 0.0, "validation_fraction = 1.0: expected a fraction from 0 up to (not including) 1"),
                                                          (0.0, -0.1, "test_fraction = -0.1: expected a fraction from 0 up to (not including) 1"),
                                                          (0.6, 0.5, "validation_fraction + test_fraction = 1.1: expected less than 1, leaving examples to train on")])
    func badFractions(validation: Double, test: Double, message: String) {
        #expect(errorMessage { _ = try Self.unbalanced.stratifiedSplit(validationFraction: validation, testFraction: test, seed: 0) } == message)
    }

    @Test("A fraction that rounds to no example per class is an error, not an empty split")
    func emptyPart() {
        let four = Dataset(features: Matrix([[1], [2], [3], [4]]), labels: [0, 1, 0, 1], classNames: ["0", "1"], featureNames: ["x1"])
        #expect(throws: DatasetError.self) { _ = try four.stratifiedSplit(validationFraction: 0.2, testFraction: 0, seed: 1) }
    }

    @Test("Every part keeps the image shape")
    func imageShapeKept() throws {
        var dataset = Self.unbalanced
        dataset.features = Matrix(rows: dataset.exampleCount, columns: 4, repeating: 1)
        dataset.featureNames = ["a", "b", "c", "d"]
        dataset.imageShape = ImageShape(height: 2, width: 2)
        let splits = try dataset.stratifiedSplit(validationFraction: 0.2, testFraction: 0.1, seed: 0)
        #expect(splits.train.imageShape == dataset.imageShape && splits.validation?.imageShape == dataset.imageShape
            && splits.test?.imageShape == dataset.imageShape)
    }
}
