import Training

extension ExperimentReport {
    /// For sigmoid runs, each class's output σ(s_j) read as its own yes/no answer "is this example of
    /// class j?": the mean σ of the correct class, of the other classes, and how often another
    /// class says yes (σ > 0.5), over the training split. With the positive term only, nothing
    /// pushes the other classes down: they drift towards yes with the correct one (seed 001's
    /// "every node outputs 1 and the loss is 0").
    var sigmoidAnswers: HTMLPage.Section? {
        let sigmoidRuns = shownResults.filter { $0.run.loss.type == .sigmoid }
        let train = experiment.data.train
        guard !sigmoidRuns.isEmpty, train.exampleCount > 0, experiment.data.classCount > 1 else { return nil }
        var table = TextTable(columns: [
            TextTable.Column("run"), TextTable.Column("terms"), TextTable.Column("mean σ, correct class", alignment: .right),
            TextTable.Column("mean σ, other classes", alignment: .right), TextTable.Column("other classes saying yes", alignment: .right),
        ])
        for result in sigmoidRuns {
            let answers = SigmoidAnswers(classifier: result.classifier, features: train.features, labels: train.labels)
            table.addRow([result.run.name, result.run.loss.settings.positiveTermOnly ? "−log σ(s_y) only (the pitfall)" : "both",
                          formatDecimal(answers.meanCorrect, maximumDecimals: 3), formatDecimal(answers.meanOther, maximumDecimals: 3),
                          formatAccuracy(answers.otherYesFraction)])
        }
        return HTMLPage.Section(heading: "Sigmoid outputs as yes/no answers", blocks: [
            .question("Does each class's sigmoid answer its own question, \"is this example of class j?\", or does it say yes to everything?"),
            .paragraph("Binary cross-entropy has two terms per class: −log σ(s_j) pulls the correct class towards yes and "
                + "−log(1 − σ(s_j)) pushes every other class towards no. Keep only the first (positive_term_only, the lecture's "
                + "pitfall) and nothing pushes the others down: their σ rises with the correct one's, the loss falls towards 0, "
                + "and the answers stop meaning anything. Means over the training split."),
            .table(table),
        ])
    }
}
