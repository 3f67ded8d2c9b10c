import Training

extension ExperimentReport {
    /// The runs of one config entry over the whole sweep grid: its name and the results, in grid
    /// order (the first axis varies slowest, as the config loader builds them).
    struct SweepGroup {
        var name: String
        var results: [RunResult]
    }

    /// The results cut into one group per config entry, or nil when they do not tile the grid.
    var sweepGroups: [SweepGroup]? {
        let axes = experiment.configuration.sweep
        let pointCount = axes.reduce(1) { $0 * $1.values.count }
        guard !axes.isEmpty, pointCount > 0, !results.isEmpty, results.count % pointCount == 0 else { return nil }
        return stride(from: 0, to: results.count, by: pointCount).map { start in
            let group = Array(results[start..<(start + pointCount)])
            let name = group[0].run.name.split(separator: ",").first.map(String.init) ?? group[0].run.name
            return SweepGroup(name: name, results: group)
        }
    }

    /// The last key of a dotted path, "optimizer.learning_rate" → "learning_rate": short enough to
    /// stay whole above a heat map of a few cells (the table beside it keeps the full path).
    static func lastKey(of path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    /// For a sweep: every grid point's validation accuracy in a table (best of each entry marked),
    /// and for a 2-axis sweep a heat map per entry, rows the first axis and columns the second.
    var sweep: HTMLPage.Section? {
        guard let groups = sweepGroups else { return nil }
        let axes = experiment.configuration.sweep
        var table = TextTable(columns: [TextTable.Column("run")] + axes.map { TextTable.Column($0.path, alignment: .right) }
            + [TextTable.Column("validation accuracy", alignment: .right)])
        var heatMaps: [String] = []
        for group in groups {
            let accuracies = group.results.map { $0.validation?.accuracy ?? .nan }
            let best = accuracies.indices.filter { accuracies[$0].isFinite }.max { accuracies[$0] < accuracies[$1] }
            for (index, result) in group.results.enumerated() {
                table.addRow([group.name] + result.run.sweepPoint.map { JSONWriter.compactString($0.value) }
                             + [accuracies[index].isFinite ? formatDecimal(accuracies[index], maximumDecimals: 3) : "–"],
                             marker: index == best ? "★ best of \(group.name)" : nil)
            }
            if axes.count == 2 {
                let columns = axes[1].values.count
                heatMaps.append(HeatMap(
                    title: "\(group.name): validation accuracy", rowAxis: AxisTitle(Self.lastKey(of: axes[0].path)), columnAxis: AxisTitle(Self.lastKey(of: axes[1].path)),
                    rowLabels: axes[0].values.map(JSONWriter.compactString), columnLabels: axes[1].values.map(JSONWriter.compactString),
                    values: (0..<axes[0].values.count).map { row in Array(accuracies[(row * columns)..<((row + 1) * columns)]) },
                    decimals: 3, markedCell: best.map { ($0 / columns, $0 % columns) }).svg)
            }
        }
        var blocks: [HTMLPage.Block] = [
            .paragraph("The sweep trains every run at every point of the grid; the best point of each run is the one with the "
                + "highest validation accuracy (marked)." + (axes.count == 2 ? " Darker cells are more accurate; the colour scale spans each map's own range." : "")),
        ]
        if !heatMaps.isEmpty { blocks.append(.figures(heatMaps)) }
        blocks.append(.table(table))
        return HTMLPage.Section(heading: "Sweep", blocks: blocks)
    }
}
