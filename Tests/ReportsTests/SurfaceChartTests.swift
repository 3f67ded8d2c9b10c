import Testing
@testable import Reports

@Suite("Surface charts — a loss over a plane, in bands of equal ratio")
struct SurfaceChartTests {
    @Test("bands step through equal ratios: 1, 10, 100 over 1…100 in 4 bands → 0, 2, 3")
    func bands() {
        #expect(SurfaceChart.band(of: 1, low: 1, high: 100, bands: 4) == 0)
        #expect(SurfaceChart.band(of: 10, low: 1, high: 100, bands: 4) == 2)
        #expect(SurfaceChart.band(of: 100, low: 1, high: 100, bands: 4) == 3)
        #expect(SurfaceChart.band(of: 0, low: 1, high: 100, bands: 4) == nil)
        #expect(SurfaceChart.band(of: .nan, low: 1, high: 100, bands: 4) == nil)
    }

    @Test("one cell per value, the centre marked, the range written under the key")
    func chart() throws {
        let chart = SurfaceChart(title: "svm: L", xAxis: "a", yAxis: "b", xRange: -1...1, yRange: -1...1,
                                 values: [[4, 2, 4], [2, 1, 2], [4, 2, 4]], marked: PlanePoint(x: 0, y: 0), bands: 4)
        let root = try #require(parseXML(chart.svg))
        let cells = try #require(root.elements(withClass: "cells").first).elements(named: "rect")
        #expect(cells.count == 9)
        #expect(Set(cells.map { $0.attributes["fill"] }).count == 3, "1, 2 and 4 fall in three bands")
        #expect(root.elements(withClass: "marked").count == 1)
        #expect(root.texts.contains("1 to 4, 4 bands of equal ratio"))
    }

    @Test("a diverged run's huge losses are written to 4 significant digits, so the caption fits under the chart")
    func hugeRange() throws {
        let chart = SurfaceChart(title: "too-large: L", xAxis: "a", yAxis: "b", xRange: -1...1, yRange: -1...1,
                                 values: [[6.334257523874509e47, 1.0138310151169306e47]], marked: PlanePoint(x: 0, y: 0), bands: 12)
        let root = try #require(parseXML(chart.svg))
        #expect(root.texts.contains("1.014e47 to 6.334e47, 12 bands of equal ratio"), "\(root.texts)")
    }
}
