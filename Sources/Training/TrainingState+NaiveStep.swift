import LinearAlgebra
import LinearModel

// The training step as the lecture writes it, by the readable code (`model.implementation: "naive"`):
// every product a triple loop, the loss its `naiveDataLossAndGradient`. The fast step computes the
// same numbers up to the rounding of reordered sums; the tests train every loss both ways.

extension TrainingState {
    /// The data gradient of the minibatch `rows` into the parameters' gradients, by the definitions:
    ///
    ///     bias trick   S = [X_B 1]·[W b]ᵀ     L, dS = loss(S, y_B)     d[W b] = dSᵀ·[X_B 1]
    ///     apart        S = X_B·Wᵀ + b         L, dS = loss(S, y_B)     dW = dSᵀ·X_B,  db = Σᵢ dSᵢ
    ///
    /// With the trick the column of ones is appended to each row as it is read, and b is one more
    /// weight per class: the scores' last term is b_k·1 and d[W b]'s last column is Σᵢ dS_{ik}·1.
    /// - Complexity: O(B·K·D), allocating its scores and gradients afresh.
    mutating func naiveDataGradient(rows: ArraySlice<Int>) {
        let x = data.train.features
        if var bias {
            let scores = LinearClassifier(weights: weights.values, bias: bias.values).naiveScores(for: x, rows: rows)
            let scoresGradient = loss.naiveDataLossAndGradient(scores: scores, labels: batchLabels).scoresGradient
            (weights.gradient, bias.gradient) = LinearClassifier.weightGradients(scoresGradient: scoresGradient, features: x, rows: rows)
            self.bias = bias
        } else {
            let scores = LinearClassifier.scoresUsingBiasTrick(augmentedWeights: weights.values, features: x, rows: rows)
            let scoresGradient = loss.naiveDataLossAndGradient(scores: scores, labels: batchLabels).scoresGradient
            weights.gradient = LinearClassifier.augmentedGradient(scoresGradient: scoresGradient, features: x, rows: rows)
        }
    }
}
