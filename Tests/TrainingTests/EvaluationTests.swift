import Testing
@testable import Training
import LinearAlgebra
import LinearModel
import Losses
import Datasets

@Suite("Evaluation — a split in chunks of 4,096 rows, added up in chunk order, gives the same bits on any number of threads")
struct EvaluationTests {
    /// Three chunks and a part (12,388 seeded rows of 20 features, 5 classes) and a seeded classifier.
    static let (classifier, dataset): (LinearClassifier, Dataset) = {
        var random = Xoshiro256StarStar(seed: 7)
        let (rows, features, classes) = (3 * Evaluation.chunkSize + 100, 20, 5)
        let x = Matrix(rows: rows, columns: features, elements: (0..<rows * features).map { _ in random.gaussian() })
        let labels = (0..<rows).map { _ in random.uniformInteger(below: classes) }
        let dataset = Dataset(features: x, labels: labels, classNames: (0..<classes).map(String.init),
                              featureNames: (0..<features).map { "x\($0)" })
        let classifier = LinearClassifier(
            weights: Matrix(rows: classes, columns: features, elements: (0..<classes * features).map { _ in 0.3 * random.gaussian() }),
            bias: Matrix(rows: classes, columns: 1, elements: (0..<classes).map { _ in random.gaussian() }))
        return (classifier, dataset)
    }()

    static func evaluate(threads: Int, implementation: Implementation = .fast)
        -> (metrics: SplitMetrics, margins: MarginStatistics.Accumulator) {
        ParallelPartition.withHelpersAlwaysInvited {
            ParallelPartition.withThreadCount(threads) {
                Evaluation.metrics(of: classifier, loss: MulticlassSVMLoss(margin: 1), on: dataset, confusion: true, margins: true,
                                   implementation: implementation)
            }
        }
    }

    @Test("1, 2, 3 and 8 threads, and the naive loops in order: the same loss, accuracy, confusion and margins, bit for bit")
    func threadCounts() {
        let one = Self.evaluate(threads: 1)
        for threads in [2, 3, 8] {
            let many = Self.evaluate(threads: threads)
            #expect(many.metrics.dataLoss.bitPattern == one.metrics.dataLoss.bitPattern, "\(threads) threads")
            #expect(many.metrics == one.metrics && many.margins.margins == one.margins.margins
                    && many.margins.correctProbabilities == one.margins.correctProbabilities, "\(threads) threads")
        }
        let naive = Self.evaluate(threads: 4, implementation: .naive)
        #expect(abs(naive.metrics.dataLoss - one.metrics.dataLoss) <= 1e-12 * one.metrics.dataLoss)
        #expect(naive.metrics.accuracy == one.metrics.accuracy && naive.metrics.confusion == one.metrics.confusion)
    }

    @Test("the chunks add up to the split: Σ chunk losses in order / N, every example counted once, margins in example order")
    func chunksAddUp() {
        let (metrics, margins) = Self.evaluate(threads: 2)
        let (x, labels, n) = (Self.dataset.features, Self.dataset.labels, Self.dataset.exampleCount)
        var lossSum = 0.0, correct = 0, expectedMargins: [Double] = []
        var expectedConfusion = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        for start in stride(from: 0, to: n, by: Evaluation.chunkSize) {
            let rows = Array(start..<min(start + Evaluation.chunkSize, n))
            let scores = Self.classifier.naiveScores(for: x, rows: rows[...])
            let chunkLabels = rows.map { labels[$0] }
            lossSum += MulticlassSVMLoss(margin: 1).naiveDataLossAndGradient(scores: scores, labels: chunkLabels).loss * Double(rows.count)
            let predictions = LinearClassifier.predictions(fromScores: scores)
            for (i, label) in chunkLabels.enumerated() {
                if predictions[i] == label { correct += 1 }
                expectedConfusion[label][predictions[i]] += 1
                expectedMargins.append(MarginStatistics.margin(scores: scores.elements[i * scores.columns ..< (i + 1) * scores.columns],
                                                               label: label))
            }
        }
        #expect(abs(metrics.dataLoss - lossSum / Double(n)) <= 1e-12 * metrics.dataLoss)
        #expect(metrics.accuracy == Double(correct) / Double(n))
        #expect(metrics.confusion == expectedConfusion)
        #expect(margins.margins.count == n && margins.correctProbabilities.count == n)
        #expect(zip(margins.margins, expectedMargins).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }
}
