import Training
import Datasets

extension ExperimentReport {
    /// The splits' shapes and the comparison table with the best validation accuracy marked.
    var overview: HTMLPage.Section {
        return HTMLPage.Section(heading: "Data and runs", blocks: [
            .question("What was trained on what, and which run did best on the held-out data?"),
            .paragraph("Config \(experiment.configuration.file). Shapes of the splits: N examples, D features, K classes "
                + "(class names in colour order: \(classNames.joined(separator: ", "))). Features are preprocessed with "
                + "statistics of the training split only."),
            .table(shapeTable),
            .paragraph("Runs are paired: the same split, initial weights and minibatch order, so differences are the configuration's doing."),
            .table(ComparisonTable.table(results)),
        ])
    }

    /// One row per split: N, D, K and the examples per class.
    var shapeTable: TextTable {
        let data = experiment.data
        var table = TextTable(columns: [
            TextTable.Column("split"), TextTable.Column("N", alignment: .right), TextTable.Column("D", alignment: .right),
            TextTable.Column("K", alignment: .right), TextTable.Column("examples per class"),
        ])
        let splits: [(String, Dataset?)] = [("train", data.train), ("validation", data.validation), ("test", data.test)]
        for case let (name, dataset?) in splits {
            var counts = Array(repeating: 0, count: dataset.classCount)
            for label in dataset.labels where counts.indices.contains(label) { counts[label] += 1 }
            table.addRow([name, String(dataset.exampleCount), String(dataset.featureCount), String(dataset.classCount),
                          counts.map(String.init).joined(separator: " / ")])
        }
        return table
    }

    /// Per run: the initial loss beside its value at W = 0, how the run stopped, and the exactly-zero weights.
    var runEndings: HTMLPage.Section {
        var table = TextTable(columns: [
            TextTable.Column("run"), TextTable.Column("initial loss", alignment: .right),
            TextTable.Column("expected at W = 0", alignment: .right), TextTable.Column("formula"),
            TextTable.Column("final loss", alignment: .right), TextTable.Column("epochs run", alignment: .right),
            TextTable.Column("how it stopped"), TextTable.Column("zero weights", alignment: .right),
        ])
        let worse = Set(runsEndingAboveStart.map(\.run.name))
        for result in results {
            let weightCount = result.classifier.weights.rows * result.classifier.weights.columns
            table.addRow([
                result.run.name, formatDecimal(result.initialLoss, maximumDecimals: 4),
                formatDecimal(result.expectedInitialLoss, maximumDecimals: 4), result.run.loss.expectedInitialLossFormula,
                Self.readable(result.final?.loss ?? .nan),
                "\(result.epochsRun) of \(result.run.optimizer.epochs)", stopDescription(result),
                "\(result.zeroWeights) of \(weightCount)",
            ], marker: worse.contains(result.run.name) ? "⚠ final loss above the initial loss" : nil)
        }
        return HTMLPage.Section(heading: "Sanity checks and endings", blocks: [
            .question("Did each run start where the lecture says a loss starts at W ≈ 0, and how did it end?"),
            .paragraph("With small initial weights every score is ≈ 0, so the first loss should be close to the loss at W = 0 "
                + "(SPEC §3). A run stops when its epochs are done, when the validation loss stops improving (early stopping), "
                + "or when the loss becomes NaN or ∞ (diverged). Zero weights are entries of W that are exactly 0, as L1's "
                + "proximal step makes them. A run whose final loss is above its initial loss is marked ⚠: training made it worse."),
            .table(table),
        ])
    }

    /// "completed", "early stopping at epoch N (best epoch M)", or "diverged at epoch N: …" with the hint.
    func stopDescription(_ result: RunResult) -> String {
        switch result.stopReason {
        case .completed: "completed"
        case .earlyStopping(let best):
            "early stopping at epoch \(result.epochsRun) (best epoch \(best)\(result.run.earlyStopping?.restoreBest == true ? ", its weights kept" : ""))"
        case .diverged(let epoch): "diverged at epoch \(epoch) (loss NaN or ∞): try a smaller learning_rate"
        case .interrupted(let epoch): "interrupted during epoch \(epoch) (Ctrl-C): the weights of its last step are kept"
        }
    }
}
