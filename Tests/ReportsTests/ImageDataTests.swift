import Testing
import LinearAlgebra
import Datasets
import Training
@testable import Reports

@Suite("Image data — templates only for images, never for a square number of features")
struct ImageDataTests {
    @Test("p{row}_{column} names in row-major order give the image's shape", arguments: [
        // names, shape
        (["p0_0", "p0_1", "p0_2", "p1_0", "p1_1", "p1_2"], [2, 3, 1]),
        (["p0_0", "p0_1", "p1_0", "p1_1"], [2, 2, 1]),
        (["sepal_length", "sepal_width", "petal_length", "petal_width"], []),
        (["p0_0", "p1_0", "p0_1", "p1_1"], []),
        (["p0_0", "p0_1"], []),
        (["x1", "x2"], []),
    ])
    func pixelNames(names: [String], expected: [Int]) {
        let shape = ImageData.shape(ofPixelNames: names).map { [$0.height, $0.width, $0.channels] } ?? []
        #expect(shape == expected, "\(names)")
    }
}

@Suite("Image data — each class's mean image in raw units")
struct ClassMeansTests {
    @Test("means of the preprocessed rows, undone per class, equal the raw class means (standardized 2×2 images)")
    func rawMeans() {
        let raw = Matrix([[1, 2, 3, 4], [3, 2, 1, 0], [10, 20, 30, 40], [0, 0, 0, 8]])
        let labels = [0, 0, 1, 1]
        var train = Dataset(features: raw, labels: labels, classNames: ["a", "b", "c"], featureNames: ["p0_0", "p0_1", "p1_0", "p1_1"])
        let preprocessing = Preprocessing.fit(kind: .standardize, to: train.features)
        preprocessing.apply(to: &train.features)
        let data = ExperimentData(train: train, validation: nil, test: nil, preprocessing: preprocessing)
        let means = ImageData.classMeans(of: data)
        let expected: [[Double]] = [[2, 2, 2, 2], [5, 10, 15, 24], [0, 0, 0, 0]]
        for (observed, wanted) in zip(means, expected) {
            for (o, w) in zip(observed, wanted) { #expect(abs(o - w) < 1e-12, "\(observed) vs \(wanted)") }
        }
    }
}
