import Training

/// `report.html`: one self-contained page (inline SVG and CSS, nothing fetched) that shows what the
/// runs of an experiment did: the comparison table, and loss and accuracy curves of all runs.
public struct ExperimentReport {
    public let experiment: Experiment
    public let results: [RunResult]

    public init(experiment: Experiment, results: [RunResult]) {
        self.experiment = experiment
        self.results = results
    }

    /// The page.
    public var html: String {
        HTMLPage(title: experiment.configuration.name, sections: [overview, curves]).html
    }

    /// The dataset's shape and the comparison table.
    var overview: HTMLPage.Section {
        let data = experiment.data
        var shapes = "train \(data.train.exampleCount)"
        if let validation = data.validation { shapes += ", validation \(validation.exampleCount)" }
        if let test = data.test { shapes += ", test \(test.exampleCount)" }
        var table = TextTable(columns: ResultFiles.comparisonColumns.map { TextTable.Column($0) })
        let best = ResultFiles.bestRunIndex(results)
        for (index, result) in results.enumerated() {
            table.addRow(ResultFiles.comparisonRow(result), marker: index == best ? "★ best validation accuracy" : nil)
        }
        return HTMLPage.Section(heading: "Runs", blocks: [
            .paragraph("\(data.classCount) classes (K), \(data.featureCount) features (D); examples: \(shapes). "
                + "Runs are paired: the same split, initial weights and minibatch order."),
            .table(table),
        ])
    }

    /// Loss and accuracy curves, every run on one chart.
    var curves: HTMLPage.Section {
        func series(_ value: (EpochRecord) -> Double?, dashed: Bool = false, suffix: String = "") -> [LineSeries] {
            results.enumerated().map { index, result in
                LineSeries(name: result.run.name + suffix, x: result.history.map { Double($0.epoch) },
                           y: result.history.map(value), colorIndex: index, dashed: dashed)
            }
        }
        let loss = LineChart(title: "Training loss (data + regularization)", xAxis: "epoch", yAxis: "loss",
                             series: series { $0.loss }, yScale: .automatic, integerX: true)
        let accuracy = LineChart(title: "Accuracy (solid: train, dashed: validation)", xAxis: "epoch", yAxis: "accuracy",
                                 series: series { $0.trainAccuracy } + series({ $0.validationAccuracy }, dashed: true, suffix: " (validation)"),
                                 yRange: 0...1, integerX: true)
        return HTMLPage.Section(heading: "Learning curves", blocks: [.figures([loss.svg, accuracy.svg])])
    }
}
