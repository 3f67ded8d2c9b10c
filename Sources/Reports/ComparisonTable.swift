import Training

/// The tables `train` and `evaluate` print: the comparison of runs (one seed, or the spread over
/// the seeds of `--repeats`) and a confusion matrix.
///
/// The comparison shows what each run is (loss, regularizer, learning rate; batch size, momentum
/// and schedule where the runs differ) and what it did (epochs, how it stopped, accuracies as
/// percentages, final loss, exact zeros, seconds). The best run is marked ★ only when there is
/// something to choose (`BestRun`), and a note under the table says how far its lead is from the
/// noise. On a narrow terminal columns are dropped (`TextTable.fitted`); `comparison.csv` keeps
/// them all.
public enum ComparisonTable {
    /// The mark of the best run in the table's marker column.
    public static let bestMarker = "★"

    /// One column: header, alignment, the cell of a row, and when it may be dropped on a narrow
    /// terminal (`dropRank`: lower goes first; nil never).
    struct Column<Row> {
        var header: String
        var alignment: TextTable.Alignment
        var dropRank: Int?
        var cell: (Row) -> String

        init(_ header: String, _ alignment: TextTable.Alignment = .left, dropRank: Int?, cell: @escaping (Row) -> String) {
            self.header = header
            self.alignment = alignment
            self.dropRank = dropRank
            self.cell = cell
        }
    }

    // MARK: One seed

    /// The comparison of one seed's runs as a table (the terminal's and `report.html`'s), the best
    /// run marked as `BestRun.choose` says.
    public static func table(_ results: [RunResult]) -> TextTable {
        table(rows: results, columns: columns(for: results), marked: BestRun.choose(results).markedIndex)
    }

    /// The comparison of one seed's runs and the notes under it, within `width` characters when
    /// given; `csvPath` names the full table for a note when columns had to be dropped.
    public static func render(_ results: [RunResult], width: Int? = nil, csvPath: String = "comparison.csv") -> String {
        let choice = BestRun.choose(results)
        let columns = columns(for: results)
        let table = table(rows: results, columns: columns, marked: choice.markedIndex)
        let note = bestNote(choice, names: results.map(\.run.name), accuracies: results.map { $0.validation?.accuracy })
        return fit(table, columns: columns, rows: results, width: width, notes: note.map { [$0] } ?? [], csvPath: csvPath)
    }

    /// The columns of one seed's table: settings that differ between the runs, and the outcome.
    static func columns(for results: [RunResult]) -> [Column<RunResult>] {
        var columns = settingColumns(results.map(\.run)).map { column in
            Column<RunResult>(column.header, column.alignment, dropRank: column.dropRank) { column.cell($0.run) }
        }
        columns.append(Column("epochs", .right, dropRank: 8) { result in
            result.epochsRun == result.run.optimizer.epochs ? String(result.epochsRun) : "\(result.epochsRun)/\(result.run.optimizer.epochs)"
        })
        columns.append(Column("stopped", dropRank: 12) { $0.stopReason.name })
        let hasValidation = results.contains { $0.validation != nil }
        columns.append(Column("train acc", .right, dropRank: hasValidation ? 4 : nil) { formatAccuracy($0.train.accuracy) })
        if hasValidation {
            columns.append(Column("val acc", .right, dropRank: nil) { $0.validation.map { formatAccuracy($0.accuracy) } ?? "" })
        }
        if results.contains(where: { $0.test != nil }) {
            columns.append(Column("test acc", .right, dropRank: 3) { $0.test.map { formatAccuracy($0.accuracy) } ?? "" })
        }
        columns.append(Column("final loss", .right, dropRank: 2) { $0.final.map { formatLoss($0.loss) } ?? "" })
        if results.contains(where: { $0.zeroWeights > 0 }) {
            columns.append(Column("zero W", .right, dropRank: 1) { String($0.zeroWeights) })
        }
        columns.append(Column("seconds", .right, dropRank: 0) { formatFixed($0.trainingSeconds, decimals: 2) })
        return columns
    }

    /// What the runs are: name, loss, regularizer and learning rate always; batch size, momentum
    /// and schedule only where the runs differ.
    static func settingColumns(_ runs: [RunConfiguration]) -> [Column<RunConfiguration>] {
        func differ<Value: Hashable>(_ value: (RunConfiguration) -> Value) -> Bool { Set(runs.map(value)).count > 1 }
        var columns: [Column<RunConfiguration>] = [
            Column("run", dropRank: nil) { $0.name },
            Column("loss", dropRank: 11) { lossCell($0.loss) },
            Column("regularizer", dropRank: 9) { regularizerCell($0.regularizer) },
            Column("lr", .right, dropRank: 10) { formatSignificant($0.optimizer.learningRate) },
        ]
        if differ({ $0.optimizer.batchSize }) {
            columns.append(Column("batch", .right, dropRank: 7) { String($0.optimizer.batchSize) })
        }
        if differ({ $0.optimizer.momentum }) || differ({ $0.optimizer.nesterov }) {
            columns.append(Column("momentum", .right, dropRank: 6) { formatSignificant($0.optimizer.momentum) + ($0.optimizer.nesterov ? " nesterov" : "") })
        }
        if differ({ $0.optimizer.schedule }) {
            columns.append(Column("schedule", dropRank: 5) { ResultFiles.scheduleDescription($0.optimizer.schedule) { formatSignificant($0) } })
        }
        return columns
    }

    /// The loss with the parameter the lecture varies: "svm weston_watkins Δ=1", "softmax",
    /// "gaussian_nll σ=2", "triplet α=1".
    static func lossCell(_ loss: LossConfiguration) -> String {
        let name = ResultFiles.lossDescription(loss)
        switch loss.type {
        case .svm: return name + " Δ=" + formatSignificant(loss.settings.margin)
        case .triplet: return name + " α=" + formatSignificant(loss.settings.margin)
        case .gaussianNLL: return name + " σ=" + formatSignificant(loss.settings.sigma)
        case .softmax, .mse, .sigmoid: return name
        }
    }

    /// "l2 λ=0.001", "elastic_net λ=0.01", "none".
    static func regularizerCell(_ regularizer: RegularizerConfiguration) -> String {
        regularizer.type == .none ? "none" : "\(regularizer.type.rawValue) λ=\(formatSignificant(regularizer.strength))"
    }

    // MARK: Layout

    /// `rows` as a table of `columns`, the row `marked` carrying `bestMarker`.
    static func table<Row>(rows: [Row], columns: [Column<Row>], marked: Int?) -> TextTable {
        var table = TextTable(columns: columns.map { TextTable.Column($0.header, alignment: $0.alignment) })
        for (index, row) in rows.enumerated() {
            table.addRow(columns.map { $0.cell(row) }, marker: index == marked ? bestMarker : nil)
        }
        return table
    }

    /// The table within `width` and the notes under it. Columns whose cells are the same in every
    /// row go first (a note gives their value), then by `dropRank`; when even the columns that
    /// must stay are too wide, each run becomes a block of lines without the shared columns.
    static func fit<Row>(_ table: TextTable, columns: [Column<Row>], rows: [Row], width: Int?, notes: [String], csvPath: String) -> String {
        let shared = Set(columns.indices.filter { index in
            rows.count > 1 && columns[index].dropRank != nil && Set(rows.map(columns[index].cell)).count == 1
        })
        let ranked = columns.indices.filter { columns[$0].dropRank != nil }.sorted { a, b in
            if shared.contains(a) != shared.contains(b) { return shared.contains(a) }
            return (columns[a].dropRank ?? 0) < (columns[b].dropRank ?? 0)
        }
        var (text, dropped, isStacked) = table.fitted(width: width, dropOrder: ranked)
        if isStacked {
            text = table.removingColumns(shared).stacked(width: width)
            dropped = shared.sorted()
        }
        var lines = notes
        let sharedValues = dropped.filter(shared.contains).compactMap { index -> String? in
            guard let value = rows.first.map(columns[index].cell), !value.isEmpty else { return nil }
            return "\(columns[index].header): \(value)"
        }
        if !sharedValues.isEmpty { lines.append("Every run has " + sharedValues.joined(separator: "; ") + ".") }
        let hidden = dropped.filter { !shared.contains($0) }.map { columns[$0].header }
        if !hidden.isEmpty {
            lines.append("Not shown at this width: \(hidden.joined(separator: ", ")); the full table is in \(csvPath).")
        }
        let notes = lines.map { $0 + "\n" }.joined()
        return text + (width.map { wrapLines(notes, width: $0) } ?? notes)
    }

    // MARK: Confusion matrix

    /// A confusion matrix with class names: rows are true classes, columns predictions. Wider than
    /// `width`, each true class becomes a line of "predicted class count" pairs instead, wrapped.
    public static func confusion(_ matrix: [[Int]], classNames: [String], width: Int? = nil) -> String {
        var table = TextTable(columns: [TextTable.Column("true \\ predicted")] + classNames.map { TextTable.Column($0, alignment: .right) })
        for (row, name) in zip(matrix, classNames) {
            table.addRow([name] + row.map(String.init))
        }
        guard let width, table.renderedWidth > width else { return table.rendered }
        let lines = zip(matrix, classNames).map { row, name in
            "true \(name) → predicted " + zip(classNames, row).map { "\($0) \($1)" }.joined(separator: ", ")
        }
        return wrapLines(lines.joined(separator: "\n") + "\n", width: width)
    }
}
