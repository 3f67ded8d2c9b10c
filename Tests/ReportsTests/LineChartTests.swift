import Testing
import Reports

@Suite("Line chart — loss and accuracy curves of every run")
struct LineChartTests {
    static let epochs = (0...20).map(Double.init)

    static func lossChart(yScale: YScale = .automatic) -> LineChart {
        LineChart(
            title: "Total loss <svm & co>", xAxis: "epoch", yAxis: AxisTitle("loss", unit: "nats"),
            series: [
                LineSeries(name: "<svm & co>", x: epochs, y: epochs.map { 2 / (1 + $0 * $0) }, colorIndex: 0),
                LineSeries(name: "softmax", x: epochs, y: epochs.map { $0 == 5 ? nil : 1.1 / (1 + $0) }, colorIndex: 1),
                LineSeries(name: "diverged", x: epochs, y: epochs.map { $0 < 3 ? 1 : .nan }, colorIndex: 2, dashed: true),
            ],
            yScale: yScale, integerX: true)
    }

    @Test("parses as XML; one series group and one legend entry per run, names escaped")
    func structure() throws {
        let markup = Self.lossChart().svg
        let root = try #require(parseXML(markup))
        let series = root.elements(withClass: "series")
        #expect(series.map(\.tooltip) == ["<svm & co>", "softmax", "diverged"])
        let legend = root.elements(withClass: "legend-entry")
        #expect(legend.map(\.tooltip) == ["<svm & co>", "softmax", "diverged"])
        #expect(legend.flatMap(\.texts) == ["<svm & co>", "softmax", "diverged"])
        #expect(root.tooltip == "Total loss <svm & co>")
        #expect(root.texts.contains("epoch") && root.texts.contains("loss (nats)"))
        expectTidyNumbers(markup)
    }

    @Test("a gap splits a curve: softmax has a hole at epoch 5, NaN ends the diverged run")
    func gaps() throws {
        let root = try #require(parseXML(Self.lossChart(yScale: .linear).svg))
        let series = root.elements(withClass: "series")
        #expect(series[0].elements(named: "polyline").count == 1)
        #expect(series[1].elements(named: "polyline").count == 2)
        let diverged = series[2].elements(named: "polyline")
        #expect(diverged.count == 1)
        #expect(diverged.first?.attributes["points"]?.split(separator: " ").count == 3)
        #expect(diverged.first?.attributes["stroke-dasharray"] == "6 4")
    }

    @Test("losses spanning decades get a log axis with decade ticks")
    func logarithmicAxis() throws {
        let chart = Self.lossChart()
        #expect(chart.usesLogarithmicY)
        let root = try #require(parseXML(chart.svg))
        let labels = root.elements(withClass: "tick-labels").flatMap(\.texts)
        #expect(labels.contains("0.01") && labels.contains("1") && labels.contains("10"), "\(labels)")
        #expect(!Self.lossChart(yScale: .linear).usesLogarithmicY)
    }

    @Test("vertical markers draw a dashed line and their label, e.g. Δ = 1")
    func markers() throws {
        let chart = LineChart(title: "Loss against the margin", xAxis: "correct-class margin", yAxis: "loss",
                              series: [LineSeries(name: "hinge", x: [-2, 0, 1, 2], y: [3, 1, 0, 0], colorIndex: 0)],
                              verticalMarkers: [VerticalMarker(x: 1, label: "Δ = 1")])
        let root = try #require(parseXML(chart.svg))
        let markers = try #require(root.elements(withClass: "markers").first)
        #expect(markers.elements(named: "line").count == 1)
        #expect(markers.texts == ["Δ = 1"])
    }

    @Test("a fixed y range keeps its axis and clips the curves to the plot; same chart, same bytes")
    func rangeAndDeterminism() throws {
        let chart = LineChart(title: "Loss shapes", xAxis: "margin", yAxis: "loss",
                              series: [LineSeries(name: "squared hinge", x: [-3, 0, 1], y: [16, 1, 0], colorIndex: 0)],
                              yRange: 0...4)
        let root = try #require(parseXML(chart.svg))
        let yLabels = root.elements(withClass: "tick-labels").flatMap { $0.elements(named: "text") }
            .filter { $0.attributes["text-anchor"] == "end" }.map(\.text)
        #expect(yLabels == ["0", "1", "2", "3", "4"])
        let viewport = try #require(root.children.first { $0.name == "svg" })
        #expect(viewport.attributes["overflow"] == "hidden")
        #expect(viewport.elements(withClass: "series").count == 1)
        #expect(chart.svg == chart.svg)
        #expect(Self.lossChart().svg == Self.lossChart().svg)
    }

    @Test("many runs wrap the legend into rows instead of overlapping")
    func legendWraps() throws {
        let series = (0..<12).map { LineSeries(name: "run with a long name \($0)", x: [0, 1], y: [1, 0.5], colorIndex: $0) }
        let chart = LineChart(title: "Sweep", xAxis: "epoch", yAxis: "loss", series: series)
        let root = try #require(parseXML(chart.svg))
        let entries = root.elements(withClass: "legend-entry")
        #expect(entries.count == 12)
        let rows = Set(entries.compactMap { $0.elements(named: "text").first?.attributes["y"] })
        #expect(rows.count >= 4, "12 long names on 560 pixels need several rows: \(rows)")
        let height = try #require(Double(root.attributes["height"] ?? ""))
        let lowest = entries.compactMap { $0.elements(named: "text").first?.attributes["y"] }.compactMap(Double.init).max() ?? 0
        #expect(lowest < height, "the last legend row (y \(lowest)) lies inside the chart (height \(height))")
    }
}

@Suite("Line chart layout — text must not overlap")
struct LineChartLayoutTests {
    @Test("long x tick labels on a narrow chart get fewer ticks, spaced wider than their labels")
    func xLabelsFit() throws {
        let chart = LineChart(title: "Narrow", xAxis: "learning rate", yAxis: "loss",
                              series: [LineSeries(name: "a", x: [0.00012, 0.00051], y: [1, 2], colorIndex: 0)], width: 300)
        let root = try #require(parseXML(chart.svg))
        let xLabels = root.elements(withClass: "tick-labels").flatMap { $0.elements(named: "text") }
            .filter { $0.attributes["text-anchor"] == "middle" }
        let positions = xLabels.compactMap { $0.attributes["x"].flatMap(Double.init) }
        let widest = xLabels.map { Double($0.text.count) * 11 * 0.6 }.max() ?? 0
        #expect(positions.count >= 2)
        for (left, right) in zip(positions, positions.dropFirst()) {
            #expect(right - left > widest, "labels \(xLabels.map(\.text)) at \(positions)")
        }
    }
}
