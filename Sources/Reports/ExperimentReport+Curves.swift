import Training

extension ExperimentReport {
    /// One series per run of `value` against the epoch, in the run's colour (run i → colour i).
    func runSeries(_ value: (EpochRecord) -> Double?, dashed: Bool = false, suffix: String = "") -> [LineSeries] {
        results.enumerated().map { index, result in
            LineSeries(name: result.run.name + suffix, x: result.history.map { Double($0.epoch) },
                       y: result.history.map(value), colorIndex: index, dashed: dashed)
        }
    }

    /// The total loss of every run on one chart (log y when the losses span decades), its data and
    /// regularization parts on a second, and train/validation accuracy on a third.
    var curves: HTMLPage.Section {
        let total = LineChart(title: "Training loss L = data loss + λ·R(W)", xAxis: "epoch", yAxis: "loss (training split)",
                              series: runSeries { $0.loss }, yScale: .automatic, integerX: true)
        let parts = LineChart(title: "Parts of the loss (solid: data loss, dashed: λ·R(W))", xAxis: "epoch", yAxis: "loss part",
                              series: runSeries { $0.dataLoss } + runSeries({ $0.regularizationLoss }, dashed: true, suffix: " λ·R(W)"),
                              yScale: .automatic, integerX: true)
        let accuracy = LineChart(title: "Accuracy (solid: train, dashed: validation)", xAxis: "epoch", yAxis: "accuracy (fraction correct)",
                                 series: runSeries { $0.trainAccuracy }
                                     + (experiment.data.validation == nil ? [] : runSeries({ $0.validationAccuracy }, dashed: true, suffix: " (validation)")),
                                 yRange: 0...1, integerX: true)
        return HTMLPage.Section(heading: "Learning curves", blocks: [
            .paragraph("Losses and accuracies over the full splits at the end of each epoch (epoch 0 is before training); "
                + "each run keeps its colour in every chart. A log axis is used when the losses span more than two decades; "
                + "a regularization part of 0 leaves no line on a log axis."),
            .figures([total.svg, parts.svg, accuracy.svg]),
        ])
    }
}
