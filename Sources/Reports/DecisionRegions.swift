import LinearAlgebra
import LinearModel
import Datasets

/// A point of the plane, in the units of the data it is drawn with.
public struct PlanePoint: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The closed half-plane a·x + b·y + c ≥ 0.
struct HalfPlane: Equatable {
    var a: Double
    var b: Double
    var c: Double

    func value(at point: PlanePoint) -> Double {
        a * point.x + b * point.y + c
    }

    /// Sutherland–Hodgman against one edge: the part of the convex `polygon` (vertices in order)
    /// inside the half-plane. Each edge P→Q keeps P when P is inside and adds the crossing point
    /// P + t·(Q − P), t = v(P)/(v(P) − v(Q)), when the edge crosses the line.
    /// - Complexity: O(vertices).
    func clip(_ polygon: [PlanePoint]) -> [PlanePoint] {
        guard !polygon.isEmpty else { return [] }
        var output: [PlanePoint] = []
        for (index, current) in polygon.enumerated() {
            let next = polygon[(index + 1) % polygon.count]
            let currentValue = value(at: current), nextValue = value(at: next)
            if currentValue >= 0 { output.append(current) }
            if (currentValue >= 0) != (nextValue >= 0) {
                let t = currentValue / (currentValue - nextValue)
                output.append(PlanePoint(x: current.x + t * (next.x - current.x), y: current.y + t * (next.y - current.y)))
            }
        }
        return output.count >= 3 ? output : []
    }
}

/// The exact decision regions of a linear classifier of two raw features over a rectangle.
///
/// With the preprocessing z_d = (x_d − μ_d)/σ_d folded in, class k's score is affine in the raw
/// point x:
///
///     s_k(x) = Σ_d (w_kd/σ_d)·x_d + (b_k − Σ_d w_kd·μ_d/σ_d) = a_k·x + c_k
///
/// and its region {x : s_k(x) ≥ s_j(x) for every j ≠ k} is the intersection of K − 1
/// half-planes (a_k − a_j)·x + (c_k − c_j) ≥ 0: a convex polygon, found by clipping the rectangle
/// against each (Sutherland–Hodgman). A class whose scores tie another's everywhere (identical
/// rows) loses to the lower index, as `argmax` does. Regions may be empty.
/// - Complexity: O(K² · vertices), vertices ≤ K + 4.
public struct DecisionRegions: Equatable, Sendable {
    /// polygons[k]: class k's region, vertices in order (counter-clockwise), empty when it has none.
    public let polygons: [[PlanePoint]]

    /// Regions given as polygons.
    public init(polygons: [[PlanePoint]]) {
        self.polygons = polygons
    }

    /// The regions of `classifier` (K×2 weights) over xRange × yRange in raw units.
    public init(classifier: LinearClassifier, preprocessing: Preprocessing, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        precondition(classifier.featureCount == 2 && preprocessing.mean.count == 2, "decision regions are drawn for 2 features")
        let classes = classifier.classCount
        let slopes = (0..<classes).map { k in (0..<2).map { d in classifier.weights[k, d] / preprocessing.scale[d] } }
        let offsets = (0..<classes).map { k in
            classifier.bias.elements[k] - (0..<2).reduce(0) { $0 + classifier.weights[k, $1] * preprocessing.mean[$1] / preprocessing.scale[$1] }
        }
        let rectangle = [
            PlanePoint(x: xRange.lowerBound, y: yRange.lowerBound), PlanePoint(x: xRange.upperBound, y: yRange.lowerBound),
            PlanePoint(x: xRange.upperBound, y: yRange.upperBound), PlanePoint(x: xRange.lowerBound, y: yRange.upperBound),
        ]
        self.polygons = (0..<classes).map { k in
            var polygon = rectangle
            for j in 0..<classes where j != k && !polygon.isEmpty {
                let boundary = HalfPlane(a: slopes[k][0] - slopes[j][0], b: slopes[k][1] - slopes[j][1], c: offsets[k] - offsets[j])
                if boundary.a == 0 && boundary.b == 0 {
                    // Parallel score planes: class k wins everywhere or nowhere (ties to the lower index).
                    if boundary.c < 0 || (boundary.c == 0 && j < k) || !boundary.c.isFinite { polygon = [] }
                } else {
                    polygon = boundary.clip(polygon)
                }
            }
            return polygon
        }
    }

    /// The class whose polygon contains `point` (on or inside its edges), or nil; the lowest index
    /// when the point lies on a shared edge.
    public func region(containing point: PlanePoint) -> Int? {
        polygons.firstIndex { polygon in
            guard polygon.count >= 3 else { return false }
            let scale = polygon.map { max(abs($0.x), abs($0.y)) }.max() ?? 1
            return polygon.indices.allSatisfy { index in
                let p = polygon[index], q = polygon[(index + 1) % polygon.count]
                // Counter-clockwise: the inside is to the left of every edge.
                return (q.x - p.x) * (point.y - p.y) - (q.y - p.y) * (point.x - p.x) >= -1e-9 * max(scale * scale, 1)
            }
        }
    }
}
