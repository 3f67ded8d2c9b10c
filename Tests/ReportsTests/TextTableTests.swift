import Testing
import Reports

@Suite("Terminal table — the comparison of runs")
struct TextTableTests {
    static func comparison() -> TextTable {
        var table = TextTable(columns: [.init("run"), .init("λ", alignment: .right), .init("val acc", alignment: .right)])
        table.addRow(["svm", "0.001", "0.913"], marker: "★ best")
        table.addRow(["softmax-é", "0", "0.9"])
        return table
    }

    @Test("columns aligned with spaces, numbers right, the marker after the last column")
    func rendering() {
        #expect(Self.comparison().rendered == """
            run            λ  val acc
            ---------  -----  -------
            svm        0.001    0.913  ★ best
            softmax-é      0      0.9

            """)
    }

    @Test("widths count characters, not bytes: every line of a column ends at the same character")
    func unicodeWidths() {
        var table = TextTable(columns: [.init("name"), .init("n", alignment: .right)])
        table.addRow(["λ=0.1 ★", "1"])
        table.addRow(["plain", "22"])
        let lines = table.rendered.split(separator: "\n")
        #expect(Set(lines.map(\.count)).count == 1, "\(lines)")
        #expect(lines[2].utf8.count > lines[3].utf8.count)
    }

    @Test("short rows are padded with empty cells")
    func shortRows() {
        var table = TextTable(columns: [.init("a"), .init("b")])
        table.addRow(["x"])
        #expect(table.rows[0].cells == ["x", ""])
        #expect(table.rendered.hasSuffix("x\n"))
    }
}
