import Training

extension ExperimentReport {
    /// One series per run of `value` against the epoch, in the run's colour (run i → colour i).
    func runSeries(_ value: (EpochRecord) -> Double?) -> [LineSeries] {
        results.enumerated().map { index, result in
            LineSeries(name: result.run.name, x: result.history.map { Double($0.epoch) },
                       y: result.history.map(value), colorIndex: index)
        }
    }

    /// The largest loss a loss chart draws: 1000 × the largest initial loss (at least 1000). A run
    /// on its way to diverging reaches 10³⁰⁰; drawing that would flatten every other curve.
    var lossCap: Double {
        1000 * max(results.map(\.initialLoss).filter(\.isFinite).max() ?? 1, 1)
    }

    /// `value` when it is at most `lossCap`, else a gap.
    func capped(_ value: Double) -> Double? {
        value <= lossCap ? value : nil
    }

    /// Logarithmic when the positive values span more than two decades (zeros then leave gaps,
    /// e.g. λ·R(W) of a run with λ = 0), else linear.
    static func scale(for series: [LineSeries]) -> YScale {
        let positive = series.flatMap { $0.y.compactMap { $0 } }.filter { $0 > 0 }
        return Ticks.prefersLogarithmic(positive) ? .logarithmic : .linear
    }

    /// A chart of `series` against the epoch whose y scale follows `scale(for:)`.
    func epochChart(_ title: String, yAxis: AxisTitle, series: [LineSeries], yRange: ClosedRange<Double>? = nil) -> LineChart {
        LineChart(title: title, xAxis: "epoch", yAxis: yAxis, series: series,
                  yScale: yRange == nil ? Self.scale(for: series) : .linear, yRange: yRange, integerX: true)
    }

    /// The total loss of every run on one chart, its data and regularization parts on two more,
    /// and train and validation accuracy. Each chart has one line per run, in the run's colour.
    var curves: HTMLPage.Section {
        var charts = [
            epochChart("Training loss L = data loss + λ·R(W)", yAxis: "loss (training split)", series: runSeries { capped($0.loss) }),
            epochChart("Data loss (training split)", yAxis: "mean data loss", series: runSeries { capped($0.dataLoss) }),
            epochChart("Regularization loss λ·R(W)", yAxis: "λ·R(W)", series: runSeries { capped($0.regularizationLoss) }),
            epochChart("Training accuracy", yAxis: "accuracy (fraction correct)", series: runSeries { $0.trainAccuracy }, yRange: 0...1),
        ]
        if experiment.data.validation != nil {
            charts.append(epochChart("Validation accuracy", yAxis: "accuracy (fraction correct)",
                                     series: runSeries { $0.validationAccuracy }, yRange: 0...1))
        }
        let divergent = results.contains { $0.history.contains { !($0.loss <= lossCap) } }
        return HTMLPage.Section(heading: "Learning curves", blocks: [
            .paragraph("Losses and accuracies over the full splits at the end of each epoch (epoch 0 is before training); "
                + "each run keeps its colour in every chart. A loss axis is logarithmic when the values span more than two "
                + "decades; a regularization loss of 0 (λ = 0) then leaves no line."
                + (divergent ? " Losses above \(formatDecimal(lossCap, maximumDecimals: 0)) (1000 × the largest initial loss) are not drawn: those runs were diverging." : "")),
            .figures(charts.map(\.svg)),
        ])
    }
}
