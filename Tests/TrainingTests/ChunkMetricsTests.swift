import Testing
import LinearAlgebra
import LinearModel
import Losses
import Datasets
@testable import Training

/// One chunk of a split, scored by a classifier whose scores are the lecture's three images:
/// with xᵢ = eᵢ (the identity's rows) and b = 0, sᵢ = W·eᵢ is column i of W.
@Suite("Chunk metrics — a chunk's loss × rows, correct count, confusion and margins, added up in order")
struct ChunkMetricsTests {
    /// The lecture's scores of the cat, car and frog images (classes cat, car, frog), as W's columns.
    static let classifier = LinearClassifier(
        weights: Matrix([[3.2, 1.3, 2.2], [5.1, 4.9, 2.5], [-1.7, 2.0, -3.1]]), bias: Matrix(rows: 3, columns: 1))
    static let dataset = Dataset(features: Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), labels: [0, 1, 2],
                                 classNames: ["cat", "car", "frog"], featureNames: ["x0", "x1", "x2"])

    static func chunk(rows: Range<Int>, implementation: Implementation = .fast) -> ChunkMetrics {
        ChunkMetrics(of: classifier, loss: MulticlassSVMLoss(margin: 1), on: dataset, rows: rows, classes: 3, confusion: true,
                     margins: true, implementation: implementation)
    }

    @Test("the lecture's images: SVM losses 2.9 + 0 + 12.9 = 15.8, one correct (the car), all three predicted car, margins −1.9, 2.9, −5.6",
          arguments: [Implementation.fast, .naive])
    func lectureImages(implementation: Implementation) {
        let whole = Self.chunk(rows: 0..<3, implementation: implementation)
        #expect(abs(whole.lossSum - 15.8) < 1e-12, "Σ Lᵢ = \(whole.lossSum)")
        #expect(whole.correct == 1)
        #expect(whole.confusion == [[0, 1, 0], [0, 1, 0], [0, 1, 0]])
        for (got, want) in zip(whole.margins.margins, [-1.9, 2.9, -5.6]) {
            #expect(abs(got - want) < 1e-12, "margin \(got), expected \(want)")
        }
    }

    @Test("a fast chunk of 4,096 seeded rows: the margins and probabilities of the readable Accumulator on the same scores, bit for bit, and the confusion of the predictions")
    func fastRowsMatchReadable() {
        let (classifier, dataset, rows) = (EvaluationTests.classifier, EvaluationTests.dataset, 100..<4_196)
        let chunk = ChunkMetrics(of: classifier, loss: MulticlassSVMLoss(margin: 1), on: dataset, rows: rows, classes: 5, confusion: true,
                                 margins: true, implementation: .fast)
        let scores = classifier.scores(for: dataset.features, rows: Array(rows)[...]), labels = Array(dataset.labels[rows])
        var readable = MarginStatistics.Accumulator()
        readable.add(scores: scores, labels: labels)
        #expect(chunk.margins.margins.map(\.bitPattern) == readable.margins.map(\.bitPattern))
        #expect(chunk.margins.correctProbabilities.map(\.bitPattern) == readable.correctProbabilities.map(\.bitPattern))
        var confusion = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        for (label, prediction) in zip(labels, LinearClassifier.predictions(fromScores: scores)) { confusion[label][prediction] += 1 }
        #expect(chunk.confusion == confusion && chunk.correct == (0..<5).map { confusion[$0][$0] }.reduce(0, +))
    }

    @Test("two chunks added in order give the whole: L₀ + L₁, the counts summed, the margins one after the other")
    func addInOrder() {
        let whole = Self.chunk(rows: 0..<3)
        var total = ChunkMetrics(classes: 3)
        total.add(Self.chunk(rows: 0..<1))
        total.add(Self.chunk(rows: 1..<3))
        #expect(abs(total.lossSum - whole.lossSum) < 1e-12)
        #expect(total.correct == whole.correct && total.confusion == whole.confusion)
        #expect(total.margins.margins == whole.margins.margins)
        #expect(total.margins.correctProbabilities == whole.margins.correctProbabilities)
    }
}
