import Testing
import LinearAlgebra
import Datasets

@Suite("Dataset — columns by name")
struct DatasetColumnsByNameTests {
    let dataset = Dataset(features: Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6]), labels: [0, 1],
                          classNames: ["a", "b"], featureNames: ["x", "y", "z"])

    @Test("columns come in the order asked, each found by its name")
    func reorders() throws {
        let reordered = try dataset.columns(named: ["z", "x", "y"], file: "f.csv")
        #expect(reordered.features.elements == [3, 1, 2, 6, 4, 5])
        #expect(reordered.featureNames == ["z", "x", "y"])
        #expect(reordered.labels == [0, 1])
    }

    @Test("a name that is not a column is an error naming the file, the name and the columns")
    func missingName() {
        #expect {
            _ = try dataset.columns(named: ["x", "w", "y"], file: "f.csv")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("f.csv") && message.contains("'w'") && message.contains("z")
        }
    }
}
