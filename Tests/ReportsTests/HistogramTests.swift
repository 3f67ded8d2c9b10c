import Testing
import Reports

@Suite("Histograms — margins on shared bins")
struct HistogramTests {
    @Test("fractions per bin; values outside the range count in the edge bins; NaN is left out")
    func fractions() {
        // bins of [0, 4): [0,1) [1,2) [2,3) [3,4]; −5 → bin 0, 9 → bin 3.
        let fractions = Histogram.fractions(of: [0.5, 1, 1.5, 2.5, -5, 9, .nan, 4], range: 0...4, binCount: 4)
        let expected: [Double] = [2, 2, 1, 2].map { $0 / 7 }
        #expect(fractions == expected)
        #expect(Histogram.fractions(of: [], range: 0...1, binCount: 3) == [0, 0, 0])
    }

    @Test("one outline per series, the final one filled, Δ marked, legend per series")
    func chart() throws {
        let chart = Histogram(title: "svm: margins", xAxis: "margin", range: -1...3, binCount: 8, series: [
            HistogramSeries(name: "epoch 1", values: [0, 0.1, 0.2], colorIndex: 0, lightness: 0.6),
            HistogramSeries(name: "epoch 9", values: [1, 1.1, 2], colorIndex: 0, filled: true),
        ], yMaximum: 1, verticalMarkers: [VerticalMarker(x: 1, label: "Δ = 1")])
        let root = try #require(parseXML(chart.svg))
        let series = root.elements(withClass: "series")
        #expect(series.map(\.tooltip) == ["epoch 1", "epoch 9"])
        #expect(series.map { $0.elements(named: "path").count } == [1, 2])
        #expect(root.elements(withClass: "markers").first?.texts == ["Δ = 1"])
        #expect(root.elements(withClass: "legend-entry").flatMap(\.texts) == ["epoch 1", "epoch 9"])
        #expect(Histogram.tallestBin(of: chart.series, range: -1...3, binCount: 8) == 1, "epoch 1's three values share the bin [0, 0.5)")
        expectTidyNumbers(chart.svg)
    }
}
