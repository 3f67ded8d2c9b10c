import Testing
import LinearAlgebra
import Datasets

@Suite("Dataset — shapes")
struct DatasetTests {
    @Test("N, D, K of a small dataset")
    func shape() {
        let dataset = Dataset(features: Matrix([[1, 2], [3, 4], [5, 6]]), labels: [0, 1, 1],
                              classNames: ["a", "b"], featureNames: ["x1", "x2"])
        #expect(dataset.exampleCount == 3 && dataset.featureCount == 2 && dataset.classCount == 2)
    }
}
