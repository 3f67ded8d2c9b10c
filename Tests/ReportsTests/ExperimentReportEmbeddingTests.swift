import Testing
@testable import Reports
import LinearAlgebra

@Suite("Triplet embedding map — f(x) = V·x, the centroids c_k and the nearest-centroid regions")
struct ExperimentReportEmbeddingTests {
    static let heading = "Triplet embedding (training data)"

    /// 3-D blobs (no decision regions, no templates), K = 3: a triplet run with `dimension`
    /// embedding coordinates beside softmax.
    static func report(dimension: Int) throws -> ExperimentReport {
        let data = #"{ "train": { "generate": { "kind": "blobs", "samples": 60, "classes": 3, "features": 3 } } }"#
        let runs = #""runs": [{ "name": "triplet", "loss": { "type": "triplet", "embedding_dimension": \#(dimension) } }, "#
            + #"{ "name": "softmax", "loss": { "type": "softmax" } }]"#
        return try trainedReport(data: data, extra: runs)
    }

    @Test("the section appears for a triplet run and only for it: one map, none for softmax")
    func onlyForTripletRuns() throws {
        let root = try #require(parsedBody(Self.report(dimension: 2).html))
        #expect(root.elements(named: "h2").map(\.text).contains(Self.heading))
        #expect(charts(in: root, titled: "triplet: 2-D embedding").count == 1)
        #expect(root.elements(named: "svg").filter { ($0.tooltip ?? "").contains("embedding") }.count == 1, "none for softmax")
        let softmaxOnly = try trainedReport(data: ExperimentReportTests.blobs2D, extra: #""runs": [{ "name": "softmax", "loss": { "type": "softmax" } }]"#)
        let html = softmaxOnly.html
        #expect(!html.contains(Self.heading))
        #expect(parsedBody(html) != nil)
    }

    @Test("M = 2: every training point, one centroid diamond per class, the regions, axes 'embedding coordinate 1/2'")
    func twoDimensions() throws {
        let report = try Self.report(dimension: 2)
        let root = try #require(parsedBody(report.html))
        let chart = try #require(charts(in: root, titled: "triplet: 2-D embedding").first)
        let dots = try #require(chart.elements(withClass: "points").first).elements(named: "circle")
        #expect(dots.count == report.experiment.data.train.exampleCount, "the equal-span rectangle covers every point")
        let labels = report.experiment.data.train.labels
        #expect(dots.map { $0.attributes["fill"] } == labels.map { Palette.color($0).hex }, "class colours as everywhere")
        #expect(try #require(chart.elements(withClass: "centroids").first).elements(named: "path").count == 3)
        #expect(chart.elements(withClass: "regions").first?.elements(named: "path").isEmpty == false)
        #expect(chart.texts.contains("embedding coordinate 1") && chart.texts.contains("embedding coordinate 2"))
        #expect(!report.html.contains("first two only"), "the M > 2 sentence is left out")
    }

    @Test("M = 3: the first two coordinates, labelled as such, no regions, and the caption says why")
    func moreDimensions() throws {
        let report = try Self.report(dimension: 3)
        let root = try #require(parsedBody(report.html))
        let chart = try #require(charts(in: root, titled: "triplet: first 2 of 3 embedding coordinates").first)
        #expect(chart.texts.contains("embedding coordinate 1 of 3") && chart.texts.contains("embedding coordinate 2 of 3"))
        #expect(chart.elements(withClass: "regions").isEmpty)
        #expect(chart.elements(withClass: "points").first?.elements(named: "circle").count == report.experiment.data.train.exampleCount)
        #expect(chart.elements(withClass: "centroids").first?.elements(named: "path").count == 3)
        #expect(report.html.contains("the first two only and no regions"))
        #expect(!report.html.contains("tinted region"), "no regions, none described")
    }

    @Test("regions: each point goes to its nearest centroid; c = (−1, −1), (1, −1), (0, 2) on [−2, 2]²")
    func nearestCentroidRegions() throws {
        // (∓1, 1): squared distances to c₀, c₁, c₂ are 4, 8, 2 (left) and 8, 4, 2 (right): class 2.
        // The boundary of c₀ and c₁ is the bisector x = 0; of c₀ and c₂ the line 2x + 6y = 3.
        let centroids = Matrix(rows: 3, columns: 2, elements: [-1, -1, 1, -1, 0, 2])
        let regions = DecisionRegions(polygons: ExperimentReport.nearestCentroidRegions(centroids: centroids, xRange: -2...2, yRange: -2...2))
        let expected = [((-1.0, -1.0), 0), ((1.0, -1.0), 1), ((-1.0, 1.0), 2), ((1.0, 1.0), 2), ((-1.9, -1.9), 0)]
        for ((x, y), want) in expected {
            #expect(regions.region(containing: PlanePoint(x: x, y: y)) == want, "(\(x), \(y))")
        }
    }

    @Test("equal scale, ranges widened about their centres", arguments: [
        // x range, y range, plot width / height, expected x range, expected y range
        (0.0...2.0, 0.0...4.0, 1.0, -1.0...3.0, 0.0...4.0),
        (0.0...8.0, 0.0...2.0, 1.0, 0.0...8.0, -3.0...5.0),
        (0.0...2.0, 0.0...4.0, 2.0, -3.0...5.0, 0.0...4.0),
    ])
    func equalScale(x: ClosedRange<Double>, y: ClosedRange<Double>, aspect: Double,
                    expectedX: ClosedRange<Double>, expectedY: ClosedRange<Double>) {
        let (observedX, observedY) = ExperimentReport.equalScale((x, y), aspect: aspect)
        #expect(observedX == expectedX && observedY == expectedY, "aspect \(aspect)")
    }
}
