import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Datasets

/// Losses and accuracies of a classifier on a whole split: one forward pass each.
public enum Evaluation {
    /// Rows scored at a time, so that a large split needs no N×K score matrix at once.
    static let chunkSize = 4096

    /// The mean data loss and the accuracy of `classifier` on `dataset`, in one pass over X.
    /// An empty split gives 0 and 0.
    public static func lossAndAccuracy(of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset) -> (dataLoss: Double, accuracy: Double) {
        let metrics = metrics(of: classifier, loss: loss, on: dataset, confusion: false)
        return (metrics.dataLoss, metrics.accuracy)
    }

    /// Loss, accuracy and confusion matrix (rows: true class, columns: predicted class).
    /// `scoresOfChunk` sees each chunk's scores and labels, in order (e.g. `MarginStatistics.Accumulator`).
    public static func metrics(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, confusion: Bool = true,
        scoresOfChunk: (_ scores: Matrix, _ labels: [Int]) -> Void = { _, _ in }
    ) -> SplitMetrics {
        let classes = max(classifier.classCount, dataset.classCount)
        var matrix = Array(repeating: Array(repeating: 0, count: confusion ? classes : 0), count: confusion ? classes : 0)
        var lossSum = 0.0, correct = 0
        var start = 0
        while start < dataset.exampleCount {
            let end = min(start + chunkSize, dataset.exampleCount)
            let rows = Array(start..<end)[...]
            let scores = scores(of: classifier, for: dataset.features, rows: rows)
            let labels = Array(dataset.labels[start..<end])
            scoresOfChunk(scores, labels)
            lossSum += loss.dataLoss(scores: scores, labels: labels) * Double(end - start)
            let predictions = LinearClassifier.predictions(fromScores: scores)
            for (label, prediction) in zip(labels, predictions) {
                if label == prediction { correct += 1 }
                if confusion { matrix[label][prediction] += 1 }
            }
            start = end
        }
        let count = Double(max(dataset.exampleCount, 1))
        return SplitMetrics(dataLoss: lossSum / count, accuracy: Double(correct) / count, confusion: matrix)
    }

    /// S = X[rows]·Wᵀ + b by the kernel of the training step (`Matrix.minibatchScores`), b added
    /// after each dot product: the values of the classifier's `scores(for:rows:)` up to the
    /// rounding of reordered sums, and faster on a whole split. A full-split evaluation on 2
    /// threads (`benchmark train`'s "eval s"), against the general product with its 4×5 tiles:
    /// cifar-like (49,000 × 3,072) 0.037–0.044 → 0.027–0.038 s, `mid` 0.0145 → 0.011 s.
    static func scores(of classifier: LinearClassifier, for features: Matrix, rows: ArraySlice<Int>) -> Matrix {
        var scores = Matrix(rows: rows.count, columns: classifier.classCount)
        Matrix.minibatchScores(rowsOf: features, at: rows, weights: classifier.weights, bias: classifier.bias, into: &scores)
        return scores
    }

    /// λ·R(W), plus λ·R(b) when the run regularizes the bias.
    public static func regularizationLoss(of classifier: LinearClassifier, _ configuration: RegularizerConfiguration) -> Double {
        let regularizer = configuration.makeRegularizer()
        var penalty = regularizer.penalty(of: classifier.weights)
        if configuration.includeBias { penalty += regularizer.penalty(of: classifier.bias) }
        return configuration.strength * penalty
    }
}
