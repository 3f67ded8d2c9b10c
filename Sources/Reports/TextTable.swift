/// A table for the terminal: a header row, a rule, and rows whose columns are padded with spaces
/// so they line up in a monospaced font; numbers right-aligned, names left-aligned. An optional
/// marker (e.g. "★ best") follows a row after the last column.
///
/// Widths count `Character`s (extended grapheme clusters), not bytes: "λ", "★" and "é" are one
/// column each. (Characters drawn two columns wide by terminals, such as CJK, are not measured.)
///
///     run      loss    val acc
///     -------  ------  -------
///     svm      0.412     0.913  ★ best
///     softmax  0.388     0.905
public struct TextTable: Equatable, Sendable {
    /// How a column's cells are padded.
    public enum Alignment: Equatable, Sendable {
        case left, right
    }

    /// A column's header and alignment.
    public struct Column: Equatable, Sendable {
        public var header: String
        public var alignment: Alignment

        public init(_ header: String, alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    /// A row's cells (one per column) and its marker, if any.
    public struct Row: Equatable, Sendable {
        public var cells: [String]
        public var marker: String?
    }

    public let columns: [Column]
    public private(set) var rows: [Row] = []

    public init(columns: [Column]) {
        precondition(!columns.isEmpty, "a table needs at least one column")
        self.columns = columns
    }

    /// Appends a row of one cell per column (fewer cells are padded with empty ones).
    public mutating func addRow(_ cells: [String], marker: String? = nil) {
        precondition(cells.count <= columns.count, "a row has at most one cell per column")
        rows.append(Row(cells: cells + Array(repeating: "", count: columns.count - cells.count), marker: marker))
    }

    /// The table as lines joined by "\n" with a final "\n"; columns two spaces apart, no
    /// trailing spaces.
    /// - Complexity: O(total characters).
    public var rendered: String {
        let widths = columns.indices.map { column in
            ([columns[column].header] + rows.map { $0.cells[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String], marker: String?) -> String {
            var parts = zip(cells, columns.indices).map { cell, column in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return columns[column].alignment == .left ? cell + padding : padding + cell
            }
            if let marker { parts.append(marker) }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [line(columns.map(\.header), marker: nil), line(widths.map { String(repeating: "-", count: $0) }, marker: nil)]
        lines += rows.map { line($0.cells, marker: $0.marker) }
        return lines.joined(separator: "\n") + "\n"
    }
}
