import Training

/// The comparison under `train --repeats N`: one row per run with its accuracies as mean ±
/// standard deviation over the seeds and how often it won, the best mark by mean validation
/// accuracy (`BestRun.choose(_: RepeatSummary)`).
extension ComparisonTable {
    /// The spread over the seeds as a table, the best run marked.
    public static func table(_ summary: RepeatSummary) -> TextTable {
        table(rows: summary.runs, columns: columns(for: summary), marked: BestRun.choose(summary).markedIndex)
    }

    /// The table and the notes under it, within `width` characters when given.
    public static func render(_ summary: RepeatSummary, width: Int? = nil, csvPath: String = "comparison.csv") -> String {
        let choice = BestRun.choose(summary)
        let columns = columns(for: summary)
        let table = table(rows: summary.runs, columns: columns, marked: choice.markedIndex)
        var notes: [String] = []
        if let first = summary.seeds.first, let last = summary.seeds.last {
            notes.append("Mean ± standard deviation over the \(summary.seeds.count) seeds \(first)–\(last); "
                + "'wins' counts the seeds in which the run alone had the best validation accuracy"
                + (summary.tiedSeeds > 0 ? " (\(summary.tiedSeeds) seed\(summary.tiedSeeds == 1 ? "" : "s") had a tie)" : "") + ".")
        }
        if !summary.leftOut.isEmpty {
            notes.append("Left out of the means: seed \(summary.leftOut.map(String.init).joined(separator: ", ")), cut short by Ctrl-C.")
        }
        if let note = bestNote(choice, names: summary.runs.map(\.name), accuracies: summary.runs.map { $0.validationAccuracy?.mean },
                               wins: summary.runs.map(\.wins), seeds: summary.seeds.count) {
            notes.append(note)
        }
        return fit(table, columns: columns, rows: summary.runs, width: width, notes: notes, csvPath: csvPath)
    }

    /// The columns under repeats: the settings, then the spread of the outcome.
    static func columns(for summary: RepeatSummary) -> [Column<RunSpread>] {
        var columns = settingColumns(summary.runs.map(\.run)).map { column in
            Column<RunSpread>(column.header, column.alignment, dropRank: column.dropRank) { column.cell($0.run) }
        }
        columns.append(Column("stopped", dropRank: 12) { spread in
            let names = spread.results.map(\.stopReason.name)
            let counts = Dictionary(grouping: names, by: { $0 }).mapValues(\.count)
            return counts.count == 1 ? names[0] : counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)/\(names.count)" }.joined(separator: ", ")
        })
        let hasValidation = summary.runs.contains { $0.validationAccuracy != nil }
        columns.append(Column("train acc", .right, dropRank: hasValidation ? 4 : nil) {
            formatAccuracy(mean: $0.trainAccuracy.mean, standardDeviation: $0.trainAccuracy.standardDeviation)
        })
        if hasValidation {
            columns.append(Column("val acc", .right, dropRank: nil) {
                $0.validationAccuracy.map { formatAccuracy(mean: $0.mean, standardDeviation: $0.standardDeviation) } ?? ""
            })
            columns.append(Column("wins", .right, dropRank: 7) { "\($0.wins)/\($0.results.count)" })
        }
        if summary.runs.contains(where: { $0.testAccuracy != nil }) {
            columns.append(Column("test acc", .right, dropRank: 3) {
                $0.testAccuracy.map { formatAccuracy(mean: $0.mean, standardDeviation: $0.standardDeviation) } ?? ""
            })
        }
        columns.append(Column("final loss", .right, dropRank: 2) { $0.finalLoss.map { formatLoss($0.mean) } ?? "" })
        return columns
    }
}
