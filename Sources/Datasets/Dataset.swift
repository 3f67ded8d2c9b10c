import LinearAlgebra

/// A labelled dataset in memory: N examples of D features, each with a class index.
public struct Dataset: Equatable, Sendable {
    /// X, N×D: one example per row.
    public var features: Matrix
    /// yᵢ ∈ 0..<K for each row.
    public var labels: [Int]
    /// The name of each class, in index order (class k is `classNames[k]`).
    public var classNames: [String]
    /// The name of each feature column, in order.
    public var featureNames: [String]
    /// The shape of the image each row holds (IDX files, CIFAR-10 batches, `.npy` arrays of 3 or 4
    /// dimensions, or `data.image_shape`); nil for data that are not known to be images.
    public var imageShape: ImageShape?

    /// A dataset from its parts.
    /// - Precondition: one label per row, one name per column, labels in 0..<classNames.count,
    ///   and an image shape, if any, of D features.
    public init(features: Matrix, labels: [Int], classNames: [String], featureNames: [String], imageShape: ImageShape? = nil) {
        precondition(labels.count == features.rows, "one label per example")
        precondition(featureNames.count == features.columns, "one name per feature")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classNames.count }, "labels index the classes")
        precondition(imageShape.map { $0.featureCount == features.columns } ?? true, "an image shape of D features")
        self.features = features
        self.labels = labels
        self.classNames = classNames
        self.featureNames = featureNames
        self.imageShape = imageShape
    }

    /// N, the number of examples.
    public var exampleCount: Int { features.rows }
    /// D, the number of features.
    public var featureCount: Int { features.columns }
    /// K, the number of classes.
    public var classCount: Int { classNames.count }
}
