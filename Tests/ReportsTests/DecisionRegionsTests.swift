import Testing
import LinearAlgebra
import LinearModel
import Datasets
@testable import Reports

@Suite("Exact decision regions — each class's region is the intersection of K − 1 half-planes")
struct DecisionRegionsTests {
    @Test("Sutherland–Hodgman: the square [0, 2]² clipped by x ≤ 1 (−x + 1 ≥ 0) is [0, 1] × [0, 2]")
    func clipSquare() {
        let square = [PlanePoint(x: 0, y: 0), PlanePoint(x: 2, y: 0), PlanePoint(x: 2, y: 2), PlanePoint(x: 0, y: 2)]
        let clipped = HalfPlane(a: -1, b: 0, c: 1).clip(square)
        #expect(clipped == [PlanePoint(x: 0, y: 0), PlanePoint(x: 1, y: 0), PlanePoint(x: 1, y: 2), PlanePoint(x: 0, y: 2)])
        #expect(HalfPlane(a: 1, b: 1, c: 10).clip(square) == square, "a half-plane holding the square keeps it whole")
        #expect(HalfPlane(a: 1, b: 0, c: -5).clip(square).isEmpty, "x ≥ 5 misses it")
        // x + y ≤ 1 cuts the corner triangle (0, 0), (1, 0), (0, 1).
        #expect(HalfPlane(a: -1, b: -1, c: 1).clip(square) == [PlanePoint(x: 0, y: 0), PlanePoint(x: 1, y: 0), PlanePoint(x: 0, y: 1)])
    }

    /// Polygons against a brute-force classification of a 60 × 60 grid of raw points: each point lies
    /// in the polygon of the class the classifier predicts for its preprocessed features (points
    /// within 1e-9 of a tie are skipped: either side is right there).
    @Test("polygons match argmax on a grid, preprocessing folded in, seeds 0..<20", arguments: 0..<20)
    func bruteForce(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let classes = 2 + Int(generator.next() % 5)
        let classifier = LinearClassifier(
            weights: Matrix(rows: classes, columns: 2, elements: (0..<(2 * classes)).map { _ in generator.gaussian() }),
            bias: Matrix(rows: classes, columns: 1, elements: (0..<classes).map { _ in generator.gaussian() }))
        let preprocessing = Preprocessing(kind: .standardize, mean: [generator.gaussian() * 3, generator.gaussian()],
                                          scale: [0.5 + abs(generator.gaussian()), 0.1 + abs(generator.gaussian())])
        let xRange = -4.0...5.0, yRange = -3.0...2.0
        let regions = DecisionRegions(classifier: classifier, preprocessing: preprocessing, xRange: xRange, yRange: yRange)
        let size = 60
        var raw: [Double] = []
        for row in 0..<size {
            for column in 0..<size {
                raw += [xRange.lowerBound + (Double(column) + 0.5) * 9 / Double(size), yRange.lowerBound + (Double(row) + 0.5) * 5 / Double(size)]
            }
        }
        let points = Matrix(rows: size * size, columns: 2, elements: raw)
        let scores = classifier.scores(for: preprocessing.applied(to: points))
        let predicted = LinearClassifier.predictions(fromScores: scores)
        var checked = 0
        for i in 0..<(size * size) {
            let row = scores.row(i).sorted(by: >)
            guard row[0] - row[1] > 1e-9 else { continue }
            let found = regions.region(containing: PlanePoint(x: raw[2 * i], y: raw[2 * i + 1]))
            #expect(found == predicted[i], "seed \(seed), point (\(raw[2 * i]), \(raw[2 * i + 1])): expected class \(predicted[i]), observed \(String(describing: found))")
            checked += 1
        }
        #expect(checked > size * size * 9 / 10)
    }

    @Test("two classes with identical weights: the lower index takes the region, the other has none")
    func ties() {
        let classifier = LinearClassifier(weights: Matrix([[1, 0], [1, 0], [-1, 0]]), bias: Matrix(rows: 3, columns: 1, elements: [0, 0, 0]))
        let regions = DecisionRegions(classifier: classifier, preprocessing: Preprocessing(kind: .none, mean: [0, 0], scale: [1, 1]),
                                      xRange: -1...1, yRange: -1...1)
        #expect(regions.polygons[1].isEmpty)
        #expect(regions.region(containing: PlanePoint(x: 0.5, y: 0)) == 0)
        #expect(regions.region(containing: PlanePoint(x: -0.5, y: 0)) == 2)
    }
}
