import Testing
import Reports

@Suite("Decision regions — the plane coloured by predicted class, epoch by epoch")
struct DecisionRegionChartTests {
    /// Three classes split by the lines x = 0 and y = 0 (class 2 above y = 0), as polygons over [−3, 3] × [−2, 2].
    static let regions: [[PlanePoint]] = [
        [PlanePoint(x: -3, y: -2), PlanePoint(x: 0, y: -2), PlanePoint(x: 0, y: 0), PlanePoint(x: -3, y: 0)],
        [PlanePoint(x: 0, y: -2), PlanePoint(x: 3, y: -2), PlanePoint(x: 3, y: 0), PlanePoint(x: 0, y: 0)],
        [PlanePoint(x: -3, y: 0), PlanePoint(x: 3, y: 0), PlanePoint(x: 3, y: 2), PlanePoint(x: -3, y: 2)],
    ]

    static func chart() -> DecisionRegionChart {
        let points = [
            ClassifiedPoint(x: -1, y: -1, label: 0, predicted: 0),
            ClassifiedPoint(x: 1, y: -1, label: 1, predicted: 1),
            ClassifiedPoint(x: 0.5, y: 1, label: 0, predicted: 2),
            ClassifiedPoint(x: 9, y: 9, label: 1, predicted: 1),
        ]
        let early = RegionFrame(epoch: 0, title: "<svm & co>, epoch 0", regions: [regions[2], [], []], predicted: [2, 2, 2, 2])
        let final = RegionFrame(epoch: 5, title: "<svm & co>, epoch 5", regions: regions, predicted: points.map(\.predicted))
        return DecisionRegionChart(xAxis: AxisTitle("x₁", unit: "raw units"), yAxis: AxisTitle("x₂", unit: "raw units"),
                                   xRange: -3...3, yRange: -2...2, points: points, frames: [early, final],
                                   classNames: ["class <0>", "class 1", "class 2"], centroids: [Centroid(x: -1.5, y: -1, classIndex: 0)])
    }

    @Test("each frame draws one polygon per non-empty region; only the last frame shows without script")
    func frames() throws {
        let markup = Self.chart().svg
        let root = try #require(parseXML(markup))
        let groups = root.elements(withClass: "frames")
        #expect(groups.count == 2, "regions under the points, title and rings over them")
        let frames = try #require(groups.first).children.filter { $0.attributes["class"] == "frame" }
        #expect(frames.map { $0.attributes["data-epoch"] } == ["0", "5"])
        #expect(frames.map { $0.attributes["display"] } == ["none", nil])
        #expect(frames.map { $0.elements(named: "path").count } == [1, 3])
        #expect(frames[1].elements(named: "path").map { $0.attributes["fill"] } == (0..<3).map { Palette.tint($0).hex })
        #expect(root.tooltip == "<svm & co>, epoch 5", "the chart is named after its final frame")
        expectTidyNumbers(markup)
    }

    @Test("points on top in their class colour, misclassified ones ringed per frame, outside ones left out")
    func points() throws {
        let root = try #require(parseXML(Self.chart().svg))
        let dots = try #require(root.elements(withClass: "points").first).elements(named: "circle")
        #expect(dots.count == 3)
        #expect(dots.map { $0.attributes["fill"] } == [Palette.color(0).hex, Palette.color(1).hex, Palette.color(0).hex])
        #expect(root.elements(withClass: "misclassified").map { $0.elements(named: "circle").count } == [3, 1],
                "epoch 0 predicts class 2 for all: the three drawn points are wrong; epoch 5 one")
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
