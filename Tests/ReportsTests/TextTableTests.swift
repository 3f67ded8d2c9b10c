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

@Suite("A table that fits the terminal — drop columns, else one block per row; or panels of columns")
struct TextTableFittingTests {
    static func wide() -> TextTable {
        var table = TextTable(columns: [.init("run"), .init("loss"), .init("lr", alignment: .right), .init("val acc", alignment: .right)])
        table.addRow(["svm", "svm weston_watkins Δ=1", "0.1", "56.7%"], marker: "★")
        table.addRow(["softmax", "softmax", "0.1", "50.0%"])
        return table
    }

    @Test("wide enough: as it is")
    func fits() {
        let table = Self.wide()
        #expect(table.fitted(width: 80, dropOrder: [2, 1]).text == table.rendered)
        #expect(table.fitted(width: nil, dropOrder: []).dropped.isEmpty)
    }

    @Test("too narrow: the columns of dropOrder go one by one, and are named")
    func drops() {
        let (text, dropped, _) = Self.wide().fitted(width: 30, dropOrder: [2, 1])
        #expect(dropped == [1, 2], "in table order")
        #expect(text == """
            run      val acc
            -------  -------
            svm        56.7%  ★
            softmax    50.0%

            """)
    }

    @Test("narrower than the columns that must stay: a block per row, every line within the width")
    func stacked() {
        let (text, _, isStacked) = Self.wide().fitted(width: 16, dropOrder: [2])
        #expect(isStacked)
        #expect(text.hasPrefix("svm  ★\n  loss     svm\n"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 16 }, "\(text)")
        #expect(text.contains("  val acc  56.7%\nsoftmax\n"))
        #expect(text.filter { !$0.isWhitespace }.contains("svmweston_watkinsΔ=1"), "the value wraps, nothing lost")
    }

    @Test("columns all needed (explain's examples): panels of the first column beside the next ones that fit, every column once")
    func panels() {
        var table = TextTable(columns: [.init("")] + (1...5).map { TextTable.Column("example \($0)", alignment: .right) })
        table.addRow(["score 0"] + (1...5).map { "0.\($0)" })
        #expect(table.paneled(width: nil) == table.rendered)
        #expect(table.paneled(width: 80) == table.rendered, "it fits")
        let text = table.paneled(width: 30)
        #expect(text == """
                     example 1  example 2
            -------  ---------  ---------
            score 0        0.1        0.2

                     example 3  example 4
            -------  ---------  ---------
            score 0        0.3        0.4

                     example 5
            -------  ---------
            score 0        0.5

            """, "\(text)")
        #expect(table.paneled(width: 10).contains("example 5"), "a panel of one column even when that is too wide")
    }
}
