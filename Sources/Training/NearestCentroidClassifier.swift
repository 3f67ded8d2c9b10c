import LinearAlgebra
import LinearModel
import Datasets

/// The classifier of a triplet embedding: a point goes to the class whose centroid is nearest in
/// the embedding, which is again a linear classifier (SPEC §3.1):
///
///     c_k = mean of V·xᵢ over the training rows of class k            (K×M)
///     argmin_k ‖Vx − c_k‖² = argmax_k (2c_kᵀV)·x − ‖c_k‖²   (‖Vx‖² is the same for every k)
///     ⇒ W_k = 2c_kᵀV,  b_k = −‖c_k‖²
///
/// so `evaluate`, `predict`, `explain` and the report use a triplet model as any [W b].
public struct NearestCentroidClassifier: Sendable {
    /// V, M×D.
    public var embedding: Matrix
    /// c_k, K×M; a class without training rows gets the origin (see `classesWithFewExamples`).
    public var centroids: Matrix

    public init(embedding: Matrix, centroids: Matrix) {
        precondition(embedding.rows == centroids.columns, "centroids live in the embedding")
        self.embedding = embedding
        self.centroids = centroids
    }

    /// The centroids of the embedded `training` rows, one per class 0..<`classCount`.
    /// - Complexity: O(N·M·D).
    public init(embedding: Matrix, training: Dataset, classCount: Int) {
        let embedded = training.features.multiplyingTransposed(embedding)
        var sums = Matrix(rows: classCount, columns: embedding.rows)
        var counts = Array(repeating: 0, count: classCount)
        for (i, label) in training.labels.enumerated() {
            counts[label] += 1
            for m in 0..<embedding.rows { sums[label, m] += embedded[i, m] }
        }
        for k in 0..<classCount where counts[k] > 0 {
            for m in 0..<embedding.rows { sums[k, m] /= Double(counts[k]) }
        }
        self.init(embedding: embedding, centroids: sums)
    }

    /// [W b] with W_k = 2c_kᵀV (K×D) and b_k = −‖c_k‖²: the same predictions as `predictions(for:)`.
    /// - Complexity: O(K·M·D).
    public var linearClassifier: LinearClassifier {
        let classes = centroids.rows, dimension = embedding.rows, features = embedding.columns
        var weights = Matrix(rows: classes, columns: features), bias = Matrix(rows: classes, columns: 1)
        for k in 0..<classes {
            for m in 0..<dimension {
                let c = centroids[k, m]
                bias[k, 0] -= c * c
                for d in 0..<features { weights[k, d] += 2 * c * embedding[m, d] }
            }
        }
        return LinearClassifier(weights: weights, bias: bias)
    }

    /// argmin_k ‖Vx − c_k‖² for every row of `features`, computed in the embedding (ties to the
    /// lowest k): the definition that `linearClassifier` must reproduce.
    public func predictions(for features: Matrix) -> [Int] {
        let embedded = features.multiplyingTransposed(embedding)
        return (0..<embedded.rows).map { i in
            var best = 0, bestDistance = Double.infinity
            for k in 0..<centroids.rows {
                var distance = 0.0
                for m in 0..<centroids.columns {
                    let difference = embedded[i, m] - centroids[k, m]
                    distance += difference * difference
                }
                if distance < bestDistance { (best, bestDistance) = (k, distance) }
            }
            return best
        }
    }

    /// The classes with fewer than two training rows: no positive for their anchors, so the
    /// triplet loss never pulls them together (none at all: their centroid is the origin).
    public static func classesWithFewExamples(in training: Dataset) -> [(name: String, count: Int)] {
        var counts = Array(repeating: 0, count: training.classCount)
        for label in training.labels { counts[label] += 1 }
        return counts.enumerated().filter { $0.element < 2 }.map { (training.classNames[$0.offset], $0.element) }
    }
}
