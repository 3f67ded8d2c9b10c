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

    /// A dataset from its parts.
    /// - Precondition: one label per row, one name per column, labels in 0..<classNames.count.
    public init(features: Matrix, labels: [Int], classNames: [String], featureNames: [String]) {
        precondition(labels.count == features.rows, "one label per example")
        precondition(featureNames.count == features.columns, "one name per feature")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classNames.count }, "labels index the classes")
        self.features = features
        self.labels = labels
        self.classNames = classNames
        self.featureNames = featureNames
    }

    /// N, the number of examples.
    public var exampleCount: Int { features.rows }
    /// D, the number of features.
    public var featureCount: Int { features.columns }
    /// K, the number of classes.
    public var classCount: Int { classNames.count }
}
