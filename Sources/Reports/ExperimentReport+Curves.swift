import Foundation
import Training

extension ExperimentReport {
    /// One series per shown run of `value` against the epoch, in the run's colour.
    func runSeries(_ value: (EpochRecord) -> Double?) -> [LineSeries] {
        shownResults.enumerated().map { index, result in
            LineSeries(name: result.run.name, x: result.history.map { Double($0.epoch) },
                       y: result.history.map(value), colorIndex: index)
        }
    }

    /// The top of a log loss axis: the decade at or above 100 × the largest initial loss (at least
    /// 100). A diverging run reaches 10³⁰⁰; an axis up to there would flatten every other curve, so
    /// its larger values are drawn on the top edge instead, up to where it blew up.
    var lossCap: Double {
        let largest = 100 * max(results.map(\.initialLoss).filter(\.isFinite).max() ?? 1, 1)
        return pow(10, log10(largest).rounded(.up))
    }

    /// A number for a sentence: 4 decimals, or 3 significant digits with an exponent from 10⁶.
    static func readable(_ value: Double) -> String {
        value.isFinite && abs(value) >= 1e6 ? String(format: "%.3g", value) : formatDecimal(value, maximumDecimals: 4)
    }

    /// Where each shown run that diverged blew up: a ✕ on the chart's top edge at that epoch, with
    /// the hint.
    func divergenceMarkers(atValue value: (RunResult) -> Double) -> [PointMarker] {
        shownResults.enumerated().compactMap { index, result in
            guard case .diverged(let epoch) = result.stopReason else { return nil }
            return PointMarker(x: Double(epoch), y: value(result), label: "\(result.run.name) diverged at epoch \(epoch): loss NaN or ∞", colorIndex: index)
        }
    }

    /// Runs that did not diverge but whose final loss is above their initial loss: they made
    /// things worse (too large a learning rate, short of diverging).
    var runsEndingAboveStart: [RunResult] {
        results.filter { result in
            guard !Self.diverged(result), let first = result.history.first?.loss, let last = result.final?.loss else { return false }
            return last > first
        }
    }

    /// Whether any run pays a regularization loss (else the data loss is the total).
    var anyRegularization: Bool {
        results.contains { $0.run.regularizer.type != .none && $0.run.regularizer.strength != 0 }
    }

    /// The total loss of every shown run on one chart (its data and regularization parts on two
    /// more when there is a regularization term), and training and validation accuracy; one line
    /// per run in the run's colour, one legend above them. A diverged run's curves stop at its last
    /// finite epoch and a ✕ marks where it blew up.
    var curves: HTMLPage.Section {
        let divergedOnTop = divergenceMarkers { _ in .infinity }
        let divergedAtLastAccuracy = divergenceMarkers { 100 * ($0.history.last?.trainAccuracy ?? 0) }
        let cap = lossCap
        func lossChart(_ title: String, _ yAxis: AxisTitle, _ value: (EpochRecord) -> Double) -> LineChart {
            let logarithmic = Ticks.prefersLogarithmic(runSeries(value).flatMap { $0.y.compactMap { $0 } })
            let series = runSeries { logarithmic ? min(value($0), cap) : value($0) }
            return LineChart(title: title, xAxis: "epoch", yAxis: yAxis, series: series, yScale: logarithmic ? .logarithmic : .linear,
                             pointMarkers: divergedOnTop, showsLegend: false, integerX: true)
        }
        var charts = [lossChart("Training loss L = data loss + λ·R(W)", "loss (training split)") { $0.loss }]
        if anyRegularization {
            charts.append(lossChart("Data loss (training split)", "mean data loss") { $0.dataLoss })
            charts.append(lossChart("Regularization loss λ·R(W)", "λ·R(W)") { $0.regularizationLoss })
        }
        charts.append(LineChart(title: "Training accuracy", xAxis: "epoch", yAxis: "accuracy (% correct)", series: runSeries { 100 * $0.trainAccuracy },
                                yRange: 0...100, pointMarkers: divergedAtLastAccuracy, showsLegend: false, integerX: true))
        if experiment.data.validation != nil {
            charts.append(LineChart(title: "Validation accuracy", xAxis: "epoch", yAxis: "accuracy (% correct)",
                                    series: runSeries { $0.validationAccuracy.map { 100 * $0 } }, yRange: 0...100, pointMarkers: divergedAtLastAccuracy,
                                    showsLegend: false, integerX: true))
        }
        var blocks: [HTMLPage.Block] = [
            .question("Does each run's loss go down, how fast, and does a lower loss mean more correct answers?"),
            .paragraph("Losses and accuracies over the full splits at the end of each epoch (epoch 0 is before training). "
                + "A loss axis is logarithmic when the values span more than two decades (a regularization loss of 0 then leaves no line); "
                + "there, losses above \(formatDecimal(lossCap, maximumDecimals: 0)) (the power of ten at or above 100 × the largest initial loss) are drawn on the top "
                + "edge, so a run on its way to diverging runs along the top until it blows up." + (anyRegularization ? "" : " No run is regularized, so the data loss is the whole loss.")),
        ]
        for (index, result) in shownResults.enumerated() {
            if case .diverged(let epoch) = result.stopReason {
                blocks.append(.warning("\(result.run.name) (colour \(index + 1)) diverged at epoch \(epoch): its loss became NaN or ∞ "
                    + "(✕ on the charts, its curves drawn up to the last finite epoch). Try a smaller learning_rate."))
            }
        }
        for result in runsEndingAboveStart {
            blocks.append(.warning("\(result.run.name) ended with a higher loss than it started with "
                + "(\(Self.readable(result.history.first?.loss ?? .nan)) → \(Self.readable(result.final?.loss ?? .nan))): "
                + "training made it worse. Its learning rate is probably too large; try a smaller learning_rate."))
        }
        if let pitfall = shownResults.first(where: { $0.run.loss.resolved["positive_term_only"] == .bool(true) }) {
            blocks.append(.warning("\(pitfall.run.name): the loss falls to ≈ 0 while every class's probability goes to 1: this loss only "
                + "rewards saying yes (sigmoid with positive_term_only, the lecture's pitfall), so a low loss here says nothing about accuracy."))
        }
        blocks.append(runLegend)
        blocks.append(.figures(charts.map(\.svg)))
        return HTMLPage.Section(heading: "Learning curves", blocks: blocks)
    }

    /// When training and validation accuracy part ways (a gap of 0.1 or more at the end), or the
    /// runs differ in their regularizer: the gap per epoch and per run, the lecture's "does
    /// regularization prevent overfitting?".
    var generalizationGap: HTMLPage.Section? {
        guard experiment.data.validation != nil else { return nil }
        let shown = shownResults
        let gaps = shown.map { result in result.final.flatMap { record in record.validationAccuracy.map { record.trainAccuracy - $0 } } }
        let regularizers = Set(shown.map { "\($0.run.regularizer.type.rawValue) \($0.run.regularizer.strength)" })
        guard gaps.contains(where: { ($0 ?? 0) >= 0.1 }) || regularizers.count > 1 else { return nil }
        let accuracyGap = LineChart(title: "Training accuracy − validation accuracy", xAxis: "epoch", yAxis: "accuracy gap (points)",
                                    series: runSeries { record in record.validationAccuracy.map { 100 * (record.trainAccuracy - $0) } },
                                    showsLegend: false, integerX: true)
        let lossGap = LineChart(title: "Validation data loss − training data loss", xAxis: "epoch", yAxis: "data loss gap",
                                series: runSeries { record in record.validationLoss.map { $0 - record.dataLoss } },
                                showsLegend: false, integerX: true)
        var table = TextTable(columns: [
            TextTable.Column("run"), TextTable.Column("regularizer"), TextTable.Column("train acc", alignment: .right),
            TextTable.Column("val acc", alignment: .right), TextTable.Column("gap", alignment: .right),
            TextTable.Column("train data loss", alignment: .right), TextTable.Column("val data loss", alignment: .right),
        ])
        for (result, gap) in zip(shown, gaps) {
            let regularizer = result.run.regularizer
            table.addRow([result.run.name, regularizer.type == .none ? "none" : "\(regularizer.type.rawValue) λ = \(formatDecimal(regularizer.strength, maximumDecimals: 6))",
                          result.final.map { formatAccuracy($0.trainAccuracy) } ?? "–",
                          result.final?.validationAccuracy.map(formatAccuracy) ?? "–", gap.map { formatFixed(100 * $0, decimals: 1) + " points" } ?? "–",
                          Self.readable(result.final?.dataLoss ?? .nan), Self.readable(result.final?.validationLoss ?? .nan)])
        }
        return HTMLPage.Section(heading: "Training vs validation: memorising or learning?", blocks: [
            .question("Does a run memorise its training examples instead of learning what carries over to new ones, and does regularization close the gap?"),
            .paragraph("The gap is training accuracy minus validation accuracy at each epoch. A run that memorises reaches training "
                + "accuracy ≈ 100% while its validation accuracy stays lower: a wide gap. A penalty λ·R(W) keeps the weights small and "
                + "spread out, which fits the training examples less exactly and usually narrows the gap. The data loss shows it "
                + "most plainly: without a penalty the training loss falls towards 0 while the validation loss grows, as the model "
                + "grows ever more confident about examples it has only memorised."),
            .table(table), runLegend, .figures([accuracyGap.svg, lossGap.svg]),
        ])
    }
}
