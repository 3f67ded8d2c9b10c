import LinearAlgebra
import LinearModel
import Losses
import Datasets

/// What one chunk of a split's rows contributes to `Evaluation.metrics`: its mean data loss times
/// its rows, its correct predictions, its confusion counts and, when asked for, its examples'
/// margins. Chunks are computed on any thread and added up in chunk order (`add`).
struct ChunkMetrics: Sendable {
    /// Lᵢ = (mean data loss of the chunk) · (rows of the chunk).
    var lossSum = 0.0
    /// The examples whose predicted class (the highest score, the first on a tie) is their label.
    var correct = 0
    /// confusion[true class][predicted class], a count of examples; empty when not asked for.
    var confusion: [[Int]] = []
    /// Each example's margin and correct-class probability, in example order; empty when not asked for.
    var margins = MarginStatistics.Accumulator()

    /// Nothing yet, with a K×K confusion matrix of zeros (none for `classes` = 0).
    init(classes: Int = 0) {
        confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// The rows `rows` of `dataset` scored by `classifier`: by the fast kernels, each row's
    /// prediction and margins read together (`ScoreRowSummary`), or for `.naive` by the readable
    /// loops (`LinearClassifier.naiveScores`, `Loss.naiveDataLossAndGradient`,
    /// `LinearClassifier.predictions`, `MarginStatistics.Accumulator.add`).
    init(of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, rows: Range<Int>, classes: Int, confusion: Bool,
         margins: Bool, implementation: Implementation) {
        self.init(classes: confusion ? classes : 0)
        let labels = Array(dataset.labels[rows])
        switch implementation {
        case .fast:
            let scores = classifier.scores(for: dataset.features, rows: Array(rows)[...])
            lossSum = loss.dataLoss(scores: scores, labels: labels) * Double(rows.count)
            readRows(of: scores, labels: labels, margins: margins)
        case .naive:
            let scores = classifier.naiveScores(for: dataset.features, rows: Array(rows)[...])
            lossSum = loss.naiveDataLossAndGradient(scores: scores, labels: labels).loss * Double(rows.count)
            if margins { self.margins.add(scores: scores, labels: labels) }
            for (label, prediction) in zip(labels, LinearClassifier.predictions(fromScores: scores)) {
                count(prediction: prediction, label: label)
            }
        }
    }

    /// Each row's prediction counted and, with `margins`, its margin and correct-class probability
    /// collected, all read off the row at once (`ScoreRowSummary`).
    private mutating func readRows(of scores: Matrix, labels: [Int], margins: Bool) {
        let classes = scores.columns, allScores = scores.elements.span
        for (i, label) in labels.enumerated() {
            let row = allScores.extracting(i * classes ..< (i + 1) * classes)
            guard margins else {
                count(prediction: ScoreRowSummary.prediction(of: row), label: label)
                continue
            }
            let summary = ScoreRowSummary(scores: row, label: label)
            self.margins.append(margin: summary.margin, correctProbability: summary.correctProbability)
            count(prediction: summary.prediction, label: label)
        }
    }

    /// One example more: correct when its prediction is its label, and in the confusion matrix when
    /// there is one.
    private mutating func count(prediction: Int, label: Int) {
        if label == prediction { correct += 1 }
        if !confusion.isEmpty { confusion[label][prediction] += 1 }
    }

    /// Adds the next chunk's results: L += Lᵢ, the counts, and its margins after these.
    /// - Precondition: both have the same confusion shape (the same K, or none).
    mutating func add(_ chunk: ChunkMetrics) {
        precondition(chunk.confusion.count == confusion.count, "chunks of one split have one confusion shape")
        lossSum += chunk.lossSum
        correct += chunk.correct
        for (row, chunkRow) in zip(confusion.indices, chunk.confusion) {
            for (column, count) in zip(confusion[row].indices, chunkRow) { confusion[row][column] += count }
        }
        margins.append(chunk.margins)
    }
}
