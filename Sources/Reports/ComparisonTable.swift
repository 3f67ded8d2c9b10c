import Training

/// The tables `train` and `evaluate` print: the comparison of runs and a confusion matrix.
public enum ComparisonTable {
    /// The end-of-training comparison: one row per run in `ResultFiles.comparisonColumns` order,
    /// numbers right-aligned, the best validation accuracy marked.
    public static func render(_ results: [RunResult]) -> String {
        table(results).rendered
    }

    /// The comparison as a table (the terminal's and `report.html`'s): short headers, numbers
    /// right-aligned, the row of `ResultFiles.bestRunIndex` marked.
    public static func table(_ results: [RunResult]) -> TextTable {
        let headers = ["run", "loss", "regularizer", "lr", "epochs", "stopped", "train acc", "val acc", "test acc",
                       "final loss", "zero W", "seconds"]
        let numeric: Set<String> = ["lr", "epochs", "train acc", "val acc", "test acc", "final loss", "zero W", "seconds"]
        var table = TextTable(columns: headers.map { TextTable.Column($0, alignment: numeric.contains($0) ? .right : .left) })
        let best = ResultFiles.bestRunIndex(results)
        for (index, result) in results.enumerated() {
            table.addRow(ResultFiles.comparisonRow(result), marker: index == best ? "★ best validation accuracy" : nil)
        }
        return table
    }

    /// A confusion matrix with class names: rows are true classes, columns predictions.
    public static func confusion(_ matrix: [[Int]], classNames: [String]) -> String {
        var table = TextTable(columns: [TextTable.Column("true \\ predicted")] + classNames.map { TextTable.Column($0, alignment: .right) })
        for (row, name) in zip(matrix, classNames) {
            table.addRow([name] + row.map(String.init))
        }
        return table.rendered
    }
}
