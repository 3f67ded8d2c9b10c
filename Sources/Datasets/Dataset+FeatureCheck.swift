extension Dataset {
    /// Fails unless features read from `file` fit the data or model they are used with: `count`
    /// features per example against `expectedCount` and, when both know one, the image shape
    /// `imageShape` against `expectedImageShape`. Flat data of the right count are taken as they
    /// are; images of another shape are refused even with as many features (a CHW array read as
    /// HWC would scramble every image).
    ///
    /// This is the one check of validation and test data against the training data and of the
    /// data of evaluate, predict and explain against a model; `reference` ends the image-shape
    /// message with what the shape was expected from ("as the training data").
    /// - Throws: `DatasetError.featureCountMismatch` or `imageShapeMismatch` naming `file`.
    public static func checkFeatures(count: Int, imageShape: ImageShape?, file: String,
                                     expectedCount: Int, expectedImageShape: ImageShape?, reference: String) throws {
        guard count == expectedCount else {
            throw DatasetError.featureCountMismatch(file: file, expected: expectedCount, found: count)
        }
        if let imageShape, let expectedImageShape, imageShape != expectedImageShape {
            throw DatasetError.imageShapeMismatch(file: file, expected: "images of \(expectedImageShape) \(reference)",
                                                  found: "images of \(imageShape)")
        }
    }
}
