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
    /// (`LinearClassifier.naiveScores`, `Loss.naiveDataLossAndGradient`).
    public static func metrics(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, confusion: Bool = true,
        implementation: Implementation = .fast
    ) -> SplitMetrics {
        metrics(of: classifier, loss: loss, on: dataset, confusion: confusion, margins: false, implementation: implementation).metrics
    }

    /// `metrics`, and with `margins` each example's margin and correct-class probability
    /// (`MarginStatistics.Accumulator`), in the order of the examples.
    ///
    /// The split goes in chunks of `chunkSize` rows; each chunk gives its rows' scores, its mean loss
    /// times its rows, its correct count, confusion and margins (`ChunkMetrics`), and the chunks'
    /// results are added up in chunk order: L = (…((L₀ + L₁) + L₂) …)/N. The fast implementation
    /// computes the chunks on the pool's threads (a chunk's scores on the thread that took it), the
    /// naive one in order on the calling thread. Whichever thread computes a chunk, its results are
    /// the same, and so are the sums: the bits do not depend on the thread count.
    static func metrics(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, confusion: Bool, margins: Bool,
        implementation: Implementation
    ) -> (metrics: SplitMetrics, margins: MarginStatistics.Accumulator) {
        let classes = max(classifier.classCount, dataset.classCount)
        var chunks = Array(repeating: ChunkMetrics(), count: (dataset.exampleCount + chunkSize - 1) / chunkSize)
        let work = dataset.exampleCount * max(classifier.classCount, 1) * max(classifier.featureCount, 1)
        let threads = implementation == .naive
            ? 1 : ParallelPartition.threadCount(requested: ParallelPartition.defaultThreadCount, pieces: chunks.count, work: work)
        ParallelPartition.forEachPiece(updating: &chunks, threads: threads) { index, chunk in
            let rows = index * chunkSize ..< min((index + 1) * chunkSize, dataset.exampleCount)
            chunk = ChunkMetrics(of: classifier, loss: loss, on: dataset, rows: rows, classes: classes, confusion: confusion,
                                 margins: margins, implementation: implementation)
        }
        var total = ChunkMetrics(classes: confusion ? classes : 0)
        for chunk in chunks { total.add(chunk) }
        let count = Double(max(dataset.exampleCount, 1))
        return (SplitMetrics(dataLoss: total.lossSum / count, accuracy: Double(total.correct) / count, confusion: total.confusion),
                total.margins)
    }

    /// λ·R(W), plus λ·R(b) when the run regularizes the bias.
    public static func regularizationLoss(of classifier: LinearClassifier, _ configuration: RegularizerConfiguration) -> Double {
        let regularizer = configuration.makeRegularizer()
        var penalty = regularizer.penalty(of: classifier.weights)
        if configuration.includeBias { penalty += regularizer.penalty(of: classifier.bias) }
        return configuration.strength * penalty
    }
}
