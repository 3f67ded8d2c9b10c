import Testing
import Reports

@Suite("Decision regions — the plane coloured by predicted class")
struct DecisionRegionChartTests {
    /// Three classes split by the lines x = 0 and y = 0 (class 2 above y = 0).
    static func predict(_ x: Double, _ y: Double) -> Int {
        y > 0 ? 2 : (x < 0 ? 0 : 1)
    }

    static func chart(columns: Int = 100, rows: Int = 100) -> DecisionRegionChart {
        let grid = PredictionGrid(xRange: -3...3, yRange: -2...2, columns: columns, rows: rows, predict: predict)
        let points = [
            ClassifiedPoint(x: -1, y: -1, label: 0, predicted: 0),
            ClassifiedPoint(x: 1, y: -1, label: 1, predicted: 1),
            ClassifiedPoint(x: 0.5, y: 1, label: 0, predicted: 2),
            ClassifiedPoint(x: 9, y: 9, label: 1, predicted: 1),
        ]
        return DecisionRegionChart(title: "<svm & co> decision regions", xAxis: AxisTitle("x₁", unit: "raw units"),
                                   yAxis: AxisTitle("x₂", unit: "raw units"), grid: grid, points: points,
                                   classNames: ["class <0>", "class 1", "class 2"],
                                   centroids: [Centroid(x: -1.5, y: -1, classIndex: 0)])
    }

    @Test("the grid's cells are sampled at their centres, row 0 at the bottom")
    func grid() {
        let grid = PredictionGrid(xRange: 0...4, yRange: 0...2, columns: 4, rows: 2) { x, y in Int(x) + 10 * Int(y) }
        #expect(grid.classes == [[0, 1, 2, 3], [10, 11, 12, 13]])
    }

    @Test("a 100 × 100 grid is drawn as one rectangle per run of equal cells in a row")
    func compactRegions() throws {
        let markup = Self.chart().svg
        let root = try #require(parseXML(markup))
        let regions = try #require(root.elements(withClass: "regions").first)
        // 50 rows below y = 0 hold two runs (class 0, class 1), 50 rows above one run (class 2).
        #expect(regions.elements(named: "rect").count == 150)
        #expect(markup.utf8.count < 40_000, "\(markup.utf8.count) bytes")
        expectTidyNumbers(markup)
    }

    @Test("points on top in their class colour, misclassified ones ringed, outside ones left out")
    func points() throws {
        let root = try #require(parseXML(Self.chart().svg))
        let dots = try #require(root.elements(withClass: "points").first).elements(named: "circle")
        #expect(dots.count == 3)
        #expect(dots.map { $0.attributes["fill"] } == [Palette.color(0).hex, Palette.color(1).hex, Palette.color(0).hex])
        #expect(try #require(root.elements(withClass: "misclassified").first).elements(named: "circle").count == 1)
        #expect(try #require(root.elements(withClass: "centroids").first).elements(named: "path").count == 1)
    }

    @Test("the legend names every class (escaped), the misclassified mark and the centroid")
    func legend() throws {
        let root = try #require(parseXML(Self.chart().svg))
        let labels = root.elements(withClass: "legend-entry").flatMap(\.texts)
        #expect(labels == ["class <0>", "class 1", "class 2", "misclassified", "class centroid"])
        #expect(root.texts.contains("x₁ (raw units)") && root.texts.contains("x₂ (raw units)"))
        #expect(Self.chart().svg == Self.chart().svg)
    }
}
