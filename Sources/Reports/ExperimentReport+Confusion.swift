import Training

extension ExperimentReport {
    /// The split whose confusion matrices are drawn: validation, else test, else train.
    func confusionSplit(of result: RunResult) -> (name: String, metrics: SplitMetrics) {
        if let validation = result.validation { return ("validation", validation) }
        if let test = result.test { return ("test", test) }
        return ("train", result.train)
    }

    /// Every run's confusion matrix: rows true class, columns predicted class, cells counts.
    var confusionMatrices: HTMLPage.Section? {
        let shown = shownResults
        guard !shown.isEmpty else { return nil }
        let splitName = confusionSplit(of: shown[0]).name
        let charts = shown.map { result -> String in
            let (_, metrics) = confusionSplit(of: result)
            return HeatMap(
                title: "\(result.run.name) (accuracy \(formatAccuracy(metrics.accuracy)))",
                rowAxis: "true class", columnAxis: "predicted class", rowLabels: classNames, columnLabels: classNames,
                values: metrics.confusion.map { $0.map(Double.init) }).svg
        }
        return HTMLPage.Section(heading: "Confusion matrices (\(splitName) split)", blocks: [
            .question("Which classes does each run confuse with which?"),
            .paragraph("Counts of \(splitName) examples by true class (rows) and predicted class (columns): the diagonal is correct. "
                + (splitName == "train" ? "There is no validation or test split, so these are the training examples." : "")),
            .figures(charts),
        ])
    }
}
