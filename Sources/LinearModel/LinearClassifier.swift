import LinearAlgebra

/// The linear classifier of the lecture: the score function
///
///     f(x) = W·x + b        W: K×D (one row, a "template", per class), b: K
///
/// so that the score of class k is the dot product of template k with x plus its bias. The
/// predicted class is the one with the highest score.
public struct LinearClassifier: Equatable, Sendable {
    /// W, K×D: row k is class k's template.
    public var weights: Matrix
    /// b, K×1: one bias per class.
    public var bias: Matrix

    /// A classifier with the given W (K×D) and b (K×1).
    /// - Precondition: `bias` is K×1 for the K rows of `weights`.
    public init(weights: Matrix, bias: Matrix) {
        precondition(bias.rows == weights.rows && bias.columns == 1, "b has one entry per row of W")
        self.weights = weights
        self.bias = bias
    }

    /// K, the number of classes.
    public var classCount: Int { weights.rows }

    /// D, the number of features.
    public var featureCount: Int { weights.columns }

    /// The scores of the picked rows of X: S = X[rows]·Wᵀ + b, one row of K scores per example, by
    /// the kernel of the training step (`Matrix.minibatchScores`: b added after each dot product).
    /// Every command that scores a model — evaluation, `evaluate`, `predict`, `explain` — comes
    /// here, so they agree on every near-tie. Same inputs and outputs as `naiveScores(for:rows:)`,
    /// up to the rounding of reordered sums.
    /// - Complexity: O(|rows|·K·D).
    public func scores(for features: Matrix, rows: ArraySlice<Int>) -> Matrix {
        var scores = Matrix(rows: rows.count, columns: classCount)
        Matrix.minibatchScores(rowsOf: features, at: rows, weights: weights, bias: bias, into: &scores)
        return scores
    }

    /// S = X[rows]·Wᵀ + b by the definition: the dot product of each picked row with each template,
    /// then the bias. The readable reference for `scores(for:rows:)`, which `model.implementation:
    /// "naive"` evaluates with.
    /// - Complexity: O(|rows|·K·D).
    public func naiveScores(for features: Matrix, rows: ArraySlice<Int>) -> Matrix {
        var scores = Matrix.naiveMultiplyTransposed(rowsOf: features, at: rows, by: weights)
        addBias(to: &scores)
        return scores
    }

    /// The scores of every row of X: S = X·Wᵀ + b.
    public func scores(for features: Matrix) -> Matrix {
        scores(for: features, rows: Array(0..<features.rows)[...])
    }

    /// S ← S + b on every row.
    public func addBias(to scores: inout Matrix) {
        let classes = classCount
        for i in 0..<scores.rows {
            for k in 0..<classes {
                scores.elements[i * classes + k] += bias.elements[k]
            }
        }
    }

    /// The predicted class of each row of `scores`: argmax_k s_k, ties to the lowest index.
    public static func predictions(fromScores scores: Matrix) -> [Int] {
        (0..<scores.rows).map { i in
            var best = 0
            for k in 1..<max(scores.columns, 1) where scores[i, k] > scores[i, best] {
                best = k
            }
            return best
        }
    }

    /// The predicted class of every row of X.
    public func predictions(for features: Matrix) -> [Int] {
        Self.predictions(fromScores: scores(for: features))
    }
}
