import LinearAlgebra

// The bias trick of the lecture: append a constant 1 to every input and the bias as one more
// column of W, and the affine score function becomes a single product:
//
//     W·x + b  =  [W b]·[x; 1]        S = X·Wᵀ + b  =  [X 1]·[W b]ᵀ
//
// The two forms are the same function of the same parameters, so their gradients are the same
// too: with dS = ∂L/∂S (B×K),
//
//     dW = dSᵀ·X_B,  db = Σᵢ dSᵢ        ⟺        d[W b] = dSᵀ·[X_B 1]
//
// (the last column of [X_B 1] is all ones, so its column of the product is the column sum of dS).
// This file holds both sides of each equivalence; the tests show they agree on random data.

extension LinearClassifier {
    /// [W b], K×(D+1): the weights with the bias appended as the last column. Row k is class k's
    /// template followed by its bias, the layout of `model.json`'s `weights`.
    ///
    /// Setting it splits the matrix back into W (the first D columns) and b (the last one).
    /// - Precondition (set): the matrix has K rows and D + 1 columns.
    public var augmentedWeights: Matrix {
        get {
            var augmented = Matrix(rows: classCount, columns: featureCount + 1)
            for k in 0..<classCount {
                for d in 0..<featureCount {
                    augmented[k, d] = weights[k, d]
                }
                augmented[k, featureCount] = bias[k, 0]
            }
            return augmented
        }
        set {
            precondition(newValue.rows == classCount && newValue.columns == featureCount + 1,
                         "[W b] of a K×D classifier is K×(D+1)")
            self = LinearClassifier(augmentedWeights: newValue)
        }
    }

    /// The classifier whose [W b] is `augmentedWeights` (K×(D+1)): W is its first D columns and b
    /// its last column.
    /// - Precondition: at least one column (the bias).
    public init(augmentedWeights: Matrix) {
        precondition(augmentedWeights.columns >= 1, "[W b] has at least the bias column")
        let classes = augmentedWeights.rows, features = augmentedWeights.columns - 1
        var weights = Matrix(rows: classes, columns: features)
        var bias = Matrix(rows: classes, columns: 1)
        for k in 0..<classes {
            for d in 0..<features {
                weights[k, d] = augmentedWeights[k, d]
            }
            bias[k, 0] = augmentedWeights[k, features]
        }
        self.init(weights: weights, bias: bias)
    }

    /// [X 1], N×(D+1): every row of X with a constant 1 appended, the input side of the bias trick.
    /// - Complexity: O(N·D).
    public static func augmentedFeatures(_ features: Matrix) -> Matrix {
        var augmented = Matrix(rows: features.rows, columns: features.columns + 1, repeating: 1)
        for i in 0..<features.rows {
            for d in 0..<features.columns {
                augmented[i, d] = features[i, d]
            }
        }
        return augmented
    }

    /// The scores of the picked rows of X by the bias trick, S = [X_B 1]·[W b]ᵀ: [X_B 1] built
    /// (each row with its 1), then one product with the K×(D+1) matrix [W b], no separate bias.
    ///
    /// Equal to `naiveScores(for:rows:)` bit for bit: both sum x_d·w_{kd} over d in order and then
    /// add b_k (as 1·b_k, which is exact). What `model.implementation: "naive"` trains with when
    /// `model.bias_trick` is true.
    /// - Complexity: O(B·K·D).
    public static func scoresUsingBiasTrick(augmentedWeights: Matrix, features: Matrix, rows: ArraySlice<Int>) -> Matrix {
        let inputs = augmentedFeatures(features.gatheringRows(rows))
        return Matrix.naiveMultiplyTransposed(rowsOf: inputs, at: Array(0..<inputs.rows)[...], by: augmentedWeights)
    }

    /// The gradients of W and b from the gradient of the scores dS = ∂L/∂S of the batch X[rows]:
    ///
    ///     dW = dSᵀ·X_B   (K×D)        db = Σᵢ dSᵢ   (K×1)
    ///
    /// since s_{ik} = Σ_d x_{id}·w_{kd} + b_k makes ∂s_{ik}/∂w_{kd} = x_{id} and ∂s_{ik}/∂b_k = 1.
    /// What `model.implementation: "naive"` trains with when `model.bias_trick` is false.
    /// - Parameters:
    ///   - scoresGradient: dS, B×K, row i for the example `features` row `rows[i]`.
    ///   - features: X, the whole data (N×D); `rows` picks the batch without copying it.
    /// - Complexity: O(B·K·D).
    public static func weightGradients(
        scoresGradient: Matrix, features: Matrix, rows: ArraySlice<Int>
    ) -> (weights: Matrix, bias: Matrix) {
        let weights = Matrix.naiveTransposedMultiply(scoresGradient, byRowsOf: features, at: rows)
        var bias = Matrix(rows: scoresGradient.columns, columns: 1)
        for k in 0..<scoresGradient.columns {
            for i in 0..<scoresGradient.rows { bias[k, 0] += scoresGradient[i, k] }
        }
        return (weights, bias)
    }

    /// The gradient of [W b] by the bias trick, d[W b] = dSᵀ·[X_B 1] (K×(D+1)): `weightGradients`
    /// as one product with [X_B 1] built, db its last column (Σᵢ dS_{ik}·1). Same inputs as
    /// `weightGradients`, the same bits. What `model.implementation: "naive"` trains with when
    /// `model.bias_trick` is true.
    /// - Complexity: O(B·K·D).
    public static func augmentedGradient(scoresGradient: Matrix, features: Matrix, rows: ArraySlice<Int>) -> Matrix {
        let inputs = augmentedFeatures(features.gatheringRows(rows))
        return Matrix.naiveTransposedMultiply(scoresGradient, byRowsOf: inputs, at: Array(0..<inputs.rows)[...])
    }
}
