import Testing
import Datasets

@Suite("Dataset — features checked against the training data or a model")
struct DatasetFeatureCheckTests {
    static let grey = ImageShape(height: 2, width: 2)
    static let wide = ImageShape(height: 1, width: 4)

    // Columns: features, their image shape, the expected features and image shape.
    static let fitting: [(count: Int, shape: ImageShape?, expectedCount: Int, expectedShape: ImageShape?)] = [
        (4, nil, 4, nil), (4, grey, 4, grey), (4, nil, 4, grey), (4, wide, 4, nil),
    ]

    @Test("The same count fits when the shapes agree or one side has none (flat data taken as they are)", arguments: fitting)
    func fits(count: Int, shape: ImageShape?, expectedCount: Int, expectedShape: ImageShape?) throws {
        try Dataset.checkFeatures(count: count, imageShape: shape, file: "t.csv", expectedCount: expectedCount,
                                  expectedImageShape: expectedShape, reference: "as the training data")
    }

    @Test("Another feature count names the file and both counts, whatever the shapes")
    func featureCount() {
        #expect(errorMessage {
            try Dataset.checkFeatures(count: 3, imageShape: nil, file: "t.csv", expectedCount: 4, expectedImageShape: Self.grey,
                                      reference: "as the training data")
        } == "t.csv: expected 4 features per example (as the model or training data has), found 3")
    }

    @Test("Images of another shape with as many features are refused, the message ending with the reference")
    func imageShape() {
        #expect(errorMessage {
            try Dataset.checkFeatures(count: 4, imageShape: Self.wide, file: "x.npy", expectedCount: 4, expectedImageShape: Self.grey,
                                      reference: "as the model was trained on")
        } == "x.npy: expected images of 2×2 as the model was trained on, found images of 1×4")
    }
}
