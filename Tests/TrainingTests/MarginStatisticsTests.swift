import Foundation
import Testing
import LinearAlgebra
import LinearModel
import Losses
@testable import Training

/// The margins mᵢ = s_{yᵢ} − max_{j≠yᵢ} s_j behind history.csv's last five columns (SPEC §6).
/// Expected percentiles are numpy.percentile's (default method "linear"), printed by hand with
/// python3 -c "import numpy as np; print(np.percentile(a, [10, 50, 90]))".
@Suite("Margin statistics — the SVM is happy at Δ, softmax never quite")
struct MarginStatisticsTests {
    // values, numpy.percentile at 10, 50, 90
    static let percentileTable: [([Double], [Double])] = [
        ([1, 2, 3, 4], [1.3, 2.5, 3.7]),
        ([-1.9, 0.5, 3.0, 2.2, 1.0, 7.5, -0.25], [-0.9099999999999998, 1.0, 4.800000000000002]),
        ([5.0], [5.0, 5.0, 5.0]),
        ([2.9, -4.2, 0.0, 0.0, 1.25, 3.5, 3.5, 10.0, -0.5, 6.75, 1.0], [-0.5, 1.25, 6.75]),
    ]

    @Test("percentiles interpolate between order statistics as numpy.percentile does", arguments: percentileTable)
    func percentiles(values: [Double], expected: [Double]) {
        let sorted = values.sorted()
        for (q, want) in zip([10.0, 50, 90], expected) {
            let got = MarginStatistics.percentile(ofSorted: sorted, q)
            #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "q = \(q) of \(values): expected \(want), observed \(got)")
        }
        #expect(MarginStatistics.percentile(ofSorted: [], 50).isNaN)
    }

    @Test("selection finds the sorted order statistics and the same percentiles, bit for bit, on 400 seeded arrays with repeats, one at a time or each from where the one before ended")
    func selectionMatchesSort() {
        var generator = Xoshiro256StarStar(seed: 3)
        for trial in 0..<400 {
            let count = 1 + trial % 60, distinct = 1 + trial % 7
            let values = (0..<count).map { _ in Double(generator.next() % UInt64(distinct)) - Double(distinct / 2) + (trial % 3 == 0 ? 0.25 : 0) }
            let sorted = values.sorted()
            for k in 0..<count {
                var scratch = values
                #expect(MarginStatistics.orderStatistic(k, in: &scratch) == sorted[k], "x(\(k)) of \(values)")
            }
            var scratch = values, together = values
            let qs = [0.0, 10, 37.5, 50, 50, 90, 100]
            let expected = qs.map { MarginStatistics.percentile(ofSorted: sorted, $0) }
            for (q, percentile) in zip(qs, expected) {
                #expect(MarginStatistics.percentile(ofUnsorted: &scratch, q).bitPattern == percentile.bitPattern, "q = \(q) of \(values)")
            }
            // Each selection from where the one before ended.
            #expect(MarginStatistics.percentiles(ofUnsorted: &together, ascending: qs).map(\.bitPattern) == expected.map(\.bitPattern),
                    "\(values)")
        }
    }

    /// The lecture's cat / car / frog scores (columns of the slide), labels cat, car, frog.
    static let lectureScores = Matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]])

    @Test("cat 3.2 − 5.1 = −1.9, car 4.9 − 2.0 = 2.9, frog −3.1 − 2.5 = −5.6")
    func lectureMargins() {
        let margins = (0..<3).map { MarginStatistics.margin(scores: Self.lectureScores.elements[(3 * $0)..<(3 * $0 + 3)], label: $0) }
        for (got, want) in zip(margins, [-1.9, 2.9, -5.6]) {
            #expect(abs(got - want) < 1e-12, "expected \(want), observed \(got)")
        }
        #expect(MarginStatistics.margin(scores: [4.0][...], label: 0) == .infinity, "no other class: nothing to beat")
    }

    @Test("the lecture's three images: p10 −4.86, p50 −1.9, p90 1.94; one of three satisfied at Δ = 1; mean p_y 0.3520")
    func lectureStatistics() {
        var accumulator = MarginStatistics.Accumulator()
        accumulator.add(scores: Self.lectureScores, labels: [0, 1, 2])
        let statistics = accumulator.statistics(satisfiedAt: 1)
        let expected = [-4.859999999999999, -1.8999999999999995, 1.9400000000000006, 1.0 / 3, 0.3520068035062783]
        let observed = [statistics.p10, statistics.p50, statistics.p90, statistics.satisfiedFraction, statistics.meanCorrectProbability]
        for (name, (got, want)) in zip(["p10", "p50", "p90", "satisfied", "mean p"], zip(observed, expected)) {
            #expect(abs(got - want) < 1e-12, "\(name): expected \(want), observed \(got)")
        }
        #expect(accumulator.statistics(satisfiedAt: 3).satisfiedFraction == 0, "2.9 < Δ = 3")
        #expect(accumulator.statistics(satisfiedAt: -6).satisfiedFraction == 1)
    }

    @Test("chunks added one by one give what one matrix gives")
    func chunking() {
        var whole = MarginStatistics.Accumulator(), pieces = MarginStatistics.Accumulator()
        whole.add(scores: Self.lectureScores, labels: [0, 1, 2])
        pieces.add(scores: Matrix([[3.2, 5.1, -1.7]]), labels: [0])
        pieces.add(scores: Matrix([[1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]), labels: [1, 2])
        #expect(whole.statistics(satisfiedAt: 1) == pieces.statistics(satisfiedAt: 1))
    }

    @Test("an empty split and a NaN margin give NaN, never a crash or a made-up order")
    func degenerate() {
        let empty = MarginStatistics(margins: [], correctProbabilities: [], satisfiedAt: 1)
        #expect(empty.p50.isNaN && empty.satisfiedFraction.isNaN && empty.meanCorrectProbability.isNaN)
        let nan = MarginStatistics(margins: [1, .nan, 2], correctProbabilities: [0.5, 0.5, 0.5], satisfiedAt: 1)
        #expect(nan.p10.isNaN && nan.satisfiedFraction.isNaN)
        #expect(nan.meanCorrectProbability == 0.5)
    }

    @Test("Δ is the run's margin for svm and triplet, 1 for the losses without one", arguments: [
        // loss section, Δ of satisfied_fraction
        (#"{"type": "svm", "margin": 2.5}"#, 2.5),
        (#"{"type": "svm", "variant": "crammer_singer", "margin": 0.5, "squared": true}"#, 0.5),
        (#"{"type": "triplet", "margin": 0.25}"#, 0.25),
        (#"{"type": "softmax"}"#, 1.0),
        (#"{"type": "mse"}"#, 1.0),
        (#"{"type": "gaussian_nll", "sigma": 3}"#, 1.0),
    ])
    func satisfactionMargin(loss: String, expected: Double) throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(", \"loss\": \(loss)"))
        #expect(MarginStatistics.satisfactionMargin(of: configuration.runs[0].loss) == expected)
    }

    @Test("every history row of a run holds the margins of its own weights' training scores")
    func historyColumns() throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(
            #", "loss": {"type": "svm", "margin": 2}, "optimizer": {"epochs": 4, "learning_rate": 0.1}"#))
        let experiment = try Experiment(configuration: configuration)
        let result = experiment.trainAll()[0]
        let csv = ResultFiles.historyCSV(result.history)
        #expect(csv.hasPrefix("epoch,learning_rate,loss,data_loss,reg_loss,train_accuracy,validation_loss,validation_accuracy,"
            + "margin_p10,margin_p50,margin_p90,satisfied_fraction,mean_correct_probability\n"))
        let last = try #require(result.history.last?.margins)
        let (_, expected) = Evaluation.metricsAndMargins(of: result.classifier, loss: MulticlassSVMLoss(margin: 2),
                                                        on: experiment.data.train, satisfiedAt: 2)
        #expect(last == expected, "the final record describes the final weights")
        #expect(result.history.allSatisfy { $0.margins != nil })
        let initial = try #require(result.history.first?.margins)
        #expect(abs(initial.p50) < 0.05 && initial.satisfiedFraction == 0, "W ≈ 0: every margin ≈ 0 < Δ = 2")
        #expect(last.satisfiedFraction > 0.2 && last.p50 > initial.p50 + 1, "training pushes the margins towards Δ")
        #expect(csv.split(separator: "\n").allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 13 })
    }

    @Test("a triplet run's margins are those of its nearest-centroid scores, satisfied at α")
    func tripletColumns() throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(
            #", "loss": {"type": "triplet", "margin": 0.5}, "optimizer": {"epochs": 2, "learning_rate": 0.05}"#))
        let experiment = try Experiment(configuration: configuration)
        let result = experiment.trainAll()[0]
        let last = try #require(result.history.last?.margins)
        let (_, expected) = Evaluation.metricsAndMargins(of: result.classifier, loss: MeanSquaredErrorLoss(),
                                                        on: experiment.data.train, satisfiedAt: 0.5)
        #expect(last == expected)
    }
}
