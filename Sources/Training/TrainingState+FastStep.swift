import LinearAlgebra

// The training step by the fused kernel (`model.implementation: "fast"`, the default): each picked
// row of X is read from memory once for its scores, its row of ∂L/∂S and its share of dW.

extension TrainingState {
    /// The data gradient of the minibatch `rows` into the parameters' gradients: the numbers of
    /// `naiveDataGradient`, up to the rounding of reordered sums, by `Matrix.minibatchGradient`
    /// on [W b] (bias trick) or on W and b apart. The loss writes ∂L/∂S a chunk of rows at a time
    /// (`RowwiseLoss.writeScoresGradient`).
    mutating func fastDataGradient(rows: ArraySlice<Int>) {
        let loss = self.loss, labels = batchLabels, scale = 1 / Double(rows.count)
        let scoresGradientOfRows: ScoresGradientOfRows = { batchRows, scores, scoresGradient in
            loss.writeScoresGradient(scores: scores, labels: labels.span.extracting(batchRows), scale: scale,
                                     scoresGradient: &scoresGradient)
        }
        let x = data.train.features
        if var bias {
            Matrix.minibatchGradient(
                rowsOf: x, at: rows, weights: weights.values, bias: bias.values, scoresGradientOfRows: scoresGradientOfRows,
                weightGradient: &weights.gradient, biasGradient: &bias.gradient, scratch: &minibatchScratch)
            self.bias = bias
        } else {
            Matrix.minibatchGradient(
                rowsOf: x, at: rows, augmentedWeights: weights.values, scoresGradientOfRows: scoresGradientOfRows,
                augmentedGradient: &weights.gradient, scratch: &minibatchScratch)
        }
    }
}
