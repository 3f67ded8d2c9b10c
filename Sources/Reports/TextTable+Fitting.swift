/// A table that fits a terminal of a given width (SPEC §5): columns are dropped in a given order
/// until the lines fit, and when even the columns that must stay are too wide, every row becomes a
/// block of "header  value" lines.
extension TextTable {
    /// The width of the widest rendered line, in characters.
    public var renderedWidth: Int {
        rendered.split(separator: "\n").map(\.count).max() ?? 0
    }

    /// The table without the columns at `indices` (rows and markers kept).
    public func removingColumns(_ indices: Set<Int>) -> TextTable {
        let kept = columns.indices.filter { !indices.contains($0) }
        var table = TextTable(columns: kept.map { columns[$0] })
        for row in rows {
            table.addRow(kept.map { row.cells[$0] }, marker: row.marker)
        }
        return table
    }

    /// Each row as a block, for a terminal too narrow for columns: the first cell (and the marker)
    /// as its heading, then one indented "header  value" line per other non-empty cell, wrapped to
    /// `width` when given.
    ///
    ///     svm  ★
    ///       loss     svm weston_watkins Δ=1
    ///       val acc  56.7%
    public func stacked(width: Int?) -> String {
        let labelWidth = columns.dropFirst().map(\.header.count).max() ?? 0
        var lines: [String] = []
        for row in rows {
            lines.append(row.cells[0] + (row.marker.map { "  " + $0 } ?? ""))
            for (column, cell) in zip(columns.dropFirst(), row.cells.dropFirst()) where !cell.isEmpty {
                lines.append("  " + column.header + String(repeating: " ", count: labelWidth - column.header.count) + "  " + cell)
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        return width.map { wrapLines(text, width: $0) } ?? text
    }

    /// The table rendered within `width` characters (nil: any width). When it is too wide, the
    /// columns of `dropOrder` (indices, first dropped first) are dropped one by one until it fits;
    /// when it does not fit with all of them dropped, the whole table is `stacked`. Returns the
    /// text, the indices of the dropped columns, and whether the rows were stacked.
    public func fitted(width: Int?, dropOrder: [Int]) -> (text: String, dropped: [Int], isStacked: Bool) {
        guard let width, renderedWidth > width else { return (rendered, [], false) }
        var dropped: Set<Int> = []
        for column in dropOrder where columns.indices.contains(column) {
            dropped.insert(column)
            let narrower = removingColumns(dropped)
            if narrower.renderedWidth <= width {
                return (narrower.rendered, columns.indices.filter(dropped.contains), false)
            }
        }
        return (stacked(width: width), [], true)
    }

    /// The table within `width` characters as panels, for a table whose columns are all needed (the
    /// examples of `trainer explain`): the first column beside as many of the next ones as fit, then
    /// the first column beside the next ones, and so on, the panels separated by a blank line, as
    /// pandas prints a wide frame. The table as it is with no width or when it fits; a panel of one
    /// column that is still too wide is left to the output's wrapping.
    public func paneled(width: Int?) -> String {
        guard let width, renderedWidth > width, columns.count > 2 else { return rendered }
        var panels: [String] = []
        var start = 1
        while start < columns.count {
            var end = start + 1
            while end < columns.count, panel(start..<(end + 1)).renderedWidth <= width { end += 1 }
            panels.append(panel(start..<end).rendered)
            start = end
        }
        return panels.joined(separator: "\n")
    }

    /// The first column beside the columns of `range`.
    private func panel(_ range: Range<Int>) -> TextTable {
        removingColumns(Set(columns.indices.dropFirst().filter { !range.contains($0) }))
    }
}
