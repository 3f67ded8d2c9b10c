import Training

extension ExperimentReport {
    /// The runs of one config entry over its sweep grid: its name, the axes it was swept over (a
    /// loss key its loss does not use is not swept for it) and the results in grid order (the
    /// first axis varies slowest, as the config loader builds them).
    struct SweepGroup {
        var name: String
        var axes: [SweepAxis]
        var results: [RunResult]
    }

    /// The results cut into one group per config entry (by base name), or nil outside a sweep.
    var sweepGroups: [SweepGroup]? {
        let axes = experiment.configuration.sweep
        guard !axes.isEmpty, !results.isEmpty else { return nil }
        var groups: [SweepGroup] = []
        for result in results {
            if let index = groups.firstIndex(where: { $0.name == result.run.baseName }) {
                groups[index].results.append(result)
            } else {
                let paths = result.run.sweepPoint.map(\.path)
                groups.append(SweepGroup(name: result.run.baseName, axes: axes.filter { paths.contains($0.path) }, results: [result]))
            }
        }
        let tiles = groups.allSatisfy { group in group.results.count == group.axes.reduce(1) { $0 * $1.values.count } }
        return tiles ? groups : nil
    }

    /// The last key of a dotted path, "optimizer.learning_rate" → "learning_rate": short enough to
    /// stay whole above a heat map of a few cells (the table beside it keeps the full path).
    static func lastKey(of path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    /// For a sweep: per config entry, a heat map of every grid point's validation accuracy (rows
    /// the first axis, columns the second; one row for a 1-axis sweep), on a fixed colour scale from
    /// chance to perfect, diverged points crossed, the best outlined (as `BestRun` chooses it: none
    /// for a tie, which a note names), a note when the best lies on the grid's border; then the
    /// table of all points.
    var sweep: HTMLPage.Section? {
        guard let groups = sweepGroups else { return nil }
        let chance = 1 / Double(max(experiment.data.classCount, 1))
        var table = TextTable(columns: [TextTable.Column("run")] + experiment.configuration.sweep.map { TextTable.Column($0.path, alignment: .right) }
            + [TextTable.Column("validation accuracy", alignment: .right), TextTable.Column("stopped")])
        var heatMaps: [String] = []
        var notes: [HTMLPage.Block] = []
        for group in groups {
            let accuracies = group.results.map { $0.validation?.accuracy ?? .nan }
            // The console's choice (`BestRun`): no mark for a tie, nor for a point that diverged or was interrupted.
            let choice = BestRun.choose(group.results), best = choice.markedIndex
            if case .tie(let indices, let accuracy) = choice {
                notes.append(.paragraph("\(group.name): no point is outlined, \(indices.count) points tie at "
                    + "\(formatAccuracy(accuracy)) validation accuracy."))
            }
            for (index, result) in group.results.enumerated() {
                let values = experiment.configuration.sweep.map { axis in
                    result.run.sweepPoint.first { $0.path == axis.path }.map { JSONWriter.compactString($0.value) } ?? "–"
                }
                table.addRow([group.name] + values + [accuracies[index].isFinite ? formatAccuracy(accuracies[index]) : "–",
                             result.stopReason.name], marker: index == best ? "★ best of \(group.name)" : nil)
            }
            guard (1...2).contains(group.axes.count) else { continue }
            let rowAxis: SweepAxis? = group.axes.count == 2 ? group.axes[0] : nil
            let columnAxis = group.axes[group.axes.count - 1]
            let columns = columnAxis.values.count
            let rows = rowAxis?.values.count ?? 1
            heatMaps.append(HeatMap(
                title: "\(group.name): validation accuracy (%)", rowAxis: AxisTitle(rowAxis.map { Self.lastKey(of: $0.path) } ?? ""),
                columnAxis: AxisTitle(Self.lastKey(of: columnAxis.path)),
                rowLabels: rowAxis?.values.map(JSONWriter.compactString) ?? [""], columnLabels: columnAxis.values.map(JSONWriter.compactString),
                values: (0..<rows).map { row in accuracies[(row * columns)..<((row + 1) * columns)].map { 100 * $0 } },
                decimals: 1, valueRange: 100 * chance...100, markedCell: best.map { ($0 / columns, $0 % columns) },
                crossedCells: group.results.indices.filter { Self.diverged(group.results[$0]) }.map { ($0 / columns, $0 % columns) }).svg)
            if let best {
                let position = [rowAxis.map { (axis: $0, index: best / columns) }, (axis: columnAxis, index: best % columns)].compactMap { $0 }
                for (axis, index) in position where axis.values.count > 1 && (index == 0 || index == axis.values.count - 1) {
                    let value = axis.values[index]
                    let side = index == 0 ? "smallest" : "largest"
                    if index == 0, value.numberValue == 0 { continue }
                    notes.append(.warning("\(group.name): the best \(Self.lastKey(of: axis.path)) is the \(side) one tried "
                        + "(\(JSONWriter.compactString(value))), on the border of the grid: the best value may lie beyond it, so extend the "
                        + "grid past \(JSONWriter.compactString(value)) in the sweep."))
                }
            }
        }
        var blocks: [HTMLPage.Block] = [
            .question("Which hyperparameters give the best validation accuracy, and is the best inside the grid or on its edge?"),
            .paragraph("The sweep trains every run at every point of the grid. Each cell is the validation accuracy at that point; "
                + "the colour scale is fixed from chance (1/K = \(formatAccuracy(chance)), white) to 100% (dark blue), "
                + "so cells that differ by a few examples look alike, as they should. The best point is outlined; a red ✕ marks a point "
                + "whose run diverged. The charts below show each run's best point only."),
        ]
        if !heatMaps.isEmpty { blocks.append(.figures(heatMaps)) }
        blocks += notes
        blocks.append(.table(table))
        return HTMLPage.Section(heading: "Sweep", blocks: blocks)
    }

    static func diverged(_ result: RunResult) -> Bool {
        if case .diverged = result.stopReason { return true }
        return false
    }
}
