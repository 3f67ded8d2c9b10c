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
    public static func lossAndAccuracy(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, implementation: Implementation = .fast
    ) -> (dataLoss: Double, accuracy: Double) {
        let metrics = metrics(of: classifier, loss: loss, on: dataset, confusion: false, implementation: implementation)
        return (metrics.dataLoss, metrics.accuracy)
    }

    /// Loss, accuracy and confusion matrix (rows: true class, columns: predicted class), with the
    /// scores and the loss by the fast kernels or, for `.naive`, by the readable loops
    /// (`LinearClassifier.naiveScores`, `Loss.naiveDataLossAndGradient`). `scoresOfChunk` sees each
    /// chunk's scores and labels, in order (e.g. `MarginStatistics.Accumulator`).
    public static func metrics(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, confusion: Bool = true,
        implementation: Implementation = .fast, scoresOfChunk: (_ scores: Matrix, _ labels: [Int]) -> Void = { _, _ in }
    ) -> SplitMetrics {
        let classes = max(classifier.classCount, dataset.classCount)
        var matrix = Array(repeating: Array(repeating: 0, count: confusion ? classes : 0), count: confusion ? classes : 0)
        var lossSum = 0.0, correct = 0
        var start = 0
        while start < dataset.exampleCount {
            let end = min(start + chunkSize, dataset.exampleCount)
            let rows = Array(start..<end)[...]
            let labels = Array(dataset.labels[start..<end])
            let scores: Matrix
            switch implementation {
            case .fast:
                scores = classifier.scores(for: dataset.features, rows: rows)
                lossSum += loss.dataLoss(scores: scores, labels: labels) * Double(end - start)
            case .naive:
                scores = classifier.naiveScores(for: dataset.features, rows: rows)
                lossSum += loss.naiveDataLossAndGradient(scores: scores, labels: labels).loss * Double(end - start)
            }
            scoresOfChunk(scores, labels)
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

    /// λ·R(W), plus λ·R(b) when the run regularizes the bias.
    public static func regularizationLoss(of classifier: LinearClassifier, _ configuration: RegularizerConfiguration) -> Double {
        let regularizer = configuration.makeRegularizer()
        var penalty = regularizer.penalty(of: classifier.weights)
        if configuration.includeBias { penalty += regularizer.penalty(of: classifier.bias) }
        return configuration.strength * penalty
    }
}
