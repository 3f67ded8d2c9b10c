import Testing
import LinearAlgebra
import TestSupport

@Suite("Distances from one point — d_j = ‖p_a − p_j‖² and the gradient of ½·Σ c_j·d_j, naive matches fast")
struct MatrixColumnDistancesTests {
    /// Points as the columns of P (M×B): (M, B, a) with B mod 8 ≠ 0 (the tail), B < 8, M = 1.
    static let shapes = [(2, 200, 0), (2, 13, 12), (5, 7, 3), (1, 1, 0), (3, 64, 63), (8, 33, 17)]

    @Test("1-D points 0, 1, 3 from the first: distances 0, 1, 9 (the triplet loss's worked example)")
    func handComputed() {
        let points = Matrix([[0, 1, 3]])
        var distances = [Double](repeating: .nan, count: 3)
        points.squaredDistances(fromColumn: 0, into: &distances)
        #expect(distances == [0, 1, 9])
        #expect(points.naiveSquaredDistances(fromColumn: 0) == [0, 1, 9])
    }

    /// ½·(c₁·d₁ + c₂·d₂) with p = [0, 1, 3], a = 0, c = [0, 1, −1]: ∂/∂p₁ = c₁(p₁ − p₀) = 1,
    /// ∂/∂p₂ = c₂(p₂ − p₀) = −3, ∂/∂p₀ = c₁(p₀ − p₁) + c₂(p₀ − p₂) = −1 + 3 = 2.
    @Test("gradient by hand: p = [0, 1, 3], a = 0, c = [0, 1, −1] → [2, 1, −3]")
    func gradientByHand() {
        let points = Matrix([[0, 1, 3]])
        var fast = Matrix(rows: 1, columns: 3), naive = fast
        points.addDistanceGradient(fromColumn: 0, weights: [0, 1, -1], into: &fast)
        points.naiveAddDistanceGradient(fromColumn: 0, weights: [0, 1, -1], into: &naive)
        #expect(fast == Matrix([[2, 1, -3]]))
        #expect(naive == Matrix([[2, 1, -3]]))
    }

    @Test("squared distances: fast gives the naive bits", arguments: 0..<20 as Range<UInt64>)
    func distancesMatchNaive(seed: UInt64) {
        for (m, b, a) in Self.shapes {
            let points = randomMatrix(rows: m, columns: b, seed: seed)
            var observed = [Double](repeating: .nan, count: b)
            points.squaredDistances(fromColumn: a, into: &observed)
            expectBitIdentical(observed, points.naiveSquaredDistances(fromColumn: a), "seed \(seed), M \(m) B \(b) a \(a)")
        }
    }

    @Test("distance gradient: fast matches naive, added to what G holds", arguments: 0..<20 as Range<UInt64>)
    func gradientMatchesNaive(seed: UInt64) {
        for (m, b, a) in Self.shapes {
            let points = randomMatrix(rows: m, columns: b, seed: seed)
            let weights = randomMatrix(rows: 1, columns: b, seed: seed + 1).elements
            let start = randomMatrix(rows: m, columns: b, seed: seed + 2)
            var fast = start, naive = start
            points.addDistanceGradient(fromColumn: a, weights: weights, into: &fast)
            points.naiveAddDistanceGradient(fromColumn: a, weights: weights, into: &naive)
            expectClose(fast, naive, "seed \(seed), M \(m) B \(b) a \(a):")
        }
    }

    @Test("points of no coordinates (M = 0) are all at distance 0, and their gradient is empty")
    func noCoordinates() {
        let points = Matrix(rows: 0, columns: 4)
        var distances = [Double](repeating: .nan, count: 4)
        points.squaredDistances(fromColumn: 1, into: &distances)
        #expect(distances == [0, 0, 0, 0])
        var gradient = Matrix(rows: 0, columns: 4)
        points.addDistanceGradient(fromColumn: 1, weights: [1, 2, 3, 4], into: &gradient)
        #expect(gradient == Matrix(rows: 0, columns: 4))
    }
}
