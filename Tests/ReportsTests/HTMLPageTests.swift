import Testing
import Reports

@Suite("HTML page — one self-contained file")
struct HTMLPageTests {
    static func page() -> HTMLPage {
        var table = TextTable(columns: [.init("run"), .init("val acc", alignment: .right)])
        table.addRow(["<svm & co>", "0.913"], marker: "★ best")
        table.addRow(["softmax", "0.9"])
        let chart = LineChart(title: "Loss", xAxis: "epoch", yAxis: "loss",
                              series: [LineSeries(name: "<svm & co>", x: [0, 1], y: [1, 0.5], colorIndex: 0)])
        return HTMLPage(title: "Report <svm & co>", sections: [
            HTMLPage.Section(heading: "Runs & results", blocks: [.paragraph("N = 300, D = 2, K = 3 <train>"), .table(table)]),
            HTMLPage.Section(heading: "Curves", blocks: [.figures([chart.svg])]),
        ])
    }

    @Test("the page is well-formed, escaped, and has no scripts or external fetches")
    func structure() throws {
        let html = Self.page().html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // The body without the doctype is well-formed XML: every tag closed, every name escaped.
        let body = try #require(html.components(separatedBy: "<body>\n").last?.components(separatedBy: "</body>").first)
        let root = try #require(parseXML("<body>" + body + "</body>"))
        #expect(root.elements(named: "h1").map(\.text) == ["Report <svm & co>"])
        #expect(root.elements(named: "h2").map(\.text) == ["Runs & results", "Curves"])
        #expect(root.elements(named: "p").map(\.text) == ["N = 300, D = 2, K = 3 <train>"])
        #expect(root.elements(named: "svg").filter { $0.attributes["role"] == "img" }.count == 1)
        for forbidden in ["<script", "@import", "url(", "<link", "<img"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "only the SVG namespace names a URL")
        #expect(html.contains("<title>Report &lt;svm &amp; co&gt;</title>"))
    }

    @Test("the table keeps alignment and highlights the marked row")
    func table() throws {
        let html = Self.page().html
        let body = try #require(html.components(separatedBy: "<body>\n").last?.components(separatedBy: "</body>").first)
        let root = try #require(parseXML("<body>" + body + "</body>"))
        let rows = root.elements(named: "tr")
        #expect(rows.count == 3)
        #expect(rows[1].attributes["class"] == "marked")
        #expect(rows[1].elements(named: "td").map(\.text) == ["<svm & co>", "0.913", "★ best"])
        #expect(rows[1].elements(named: "td")[1].attributes["class"] == "right")
        #expect(rows[2].attributes["class"] == nil)
        #expect(Self.page().html == html)
    }

    @Test("questions, warnings, a run legend and an epoch slider; the slider's script is inline, in the head, and the only one")
    func blocks() throws {
        let page = HTMLPage(title: "t", sections: [HTMLPage.Section(heading: "Regions", blocks: [
            .question("Where are the lines?"), .warning("svm diverged"),
            .legend([HTMLPage.LegendKey(name: "<svm>", colorIndex: 0), HTMLPage.LegendKey(name: "softmax", colorIndex: 1)]),
            .slider(epochs: [0, 1, 5, 20]),
        ])])
        let html = page.html
        #expect(html.components(separatedBy: "<script>").count == 2, "one inline script")
        #expect(!html.contains("<script src"))
        let head = try #require(html.components(separatedBy: "</head>").first)
        #expect(head.contains("<script>"), "in the head, so the body stays well-formed XML")
        let body = try #require(html.components(separatedBy: "<body>\n").last?.components(separatedBy: "</body>").first)
        let root = try #require(parseXML("<body>" + body + "</body>"))
        let paragraphs = root.elements(named: "p")
        #expect(paragraphs.map { $0.attributes["class"] } == ["question", "warning"])
        #expect(root.elements(withClass: "legend").first?.elements(named: "span").map(\.text) == ["<svm>", "softmax"])
        let slider = try #require(root.elements(withClass: "epoch-slider").first)
        #expect(slider.attributes["data-epochs"] == "0,1,5,20" && slider.attributes["hidden"] != nil, "hidden until the script shows it")
        let input = try #require(slider.elements(named: "input").first)
        #expect(input.attributes["max"] == "3" && input.attributes["value"] == "3", "steps through the epochs' indices, starting at the end")
        #expect(!HTMLPage(title: "t", sections: [HTMLPage.Section(heading: "h", blocks: [.question("q")])]).html.contains("<script"),
                "no script on a page without a slider")
    }

    @Test("tables scroll sideways on a narrow screen instead of being cut off")
    func scrollingTables() {
        #expect(Self.page().html.contains("<div class=\"scroll\">\n<table>"))
    }
}

