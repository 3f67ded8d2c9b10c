import Testing
import LinearAlgebra
import TestSupport

/// Shapes that reach every branch of the fast kernels: (batch rows B, data rows N, depth D, outputs K).
/// B = 0 is the empty batch, B = 1 a lone row, B mod 4 ≠ 0 a short row tile; D mod 8 ≠ 0 a scalar
/// tail, D ≥ 16 whole column tiles with D mod 16 ≠ 0 a remainder; K = 2 a short output group,
/// K = 12 a second group of 10 (and a third of 5); D > 4,096 a second column block of the scores.
let kernelShapes: [(Int, Int, Int, Int)] = [
    (6, 7, 4_107, 3),
    (1, 1, 1, 1), (0, 5, 3, 2), (0, 5, 20, 3), (1, 3, 8, 2), (7, 20, 3, 2), (3, 9, 17, 10), (2, 4, 40, 1),
    (25, 30, 9, 3), (5, 12, 37, 2), (9, 30, 16, 10), (13, 40, 33, 12), (4, 10, 100, 7), (6, 8, 7, 11),
]

/// One batch large enough to run on several threads, with a short row tile and column remainder.
let threadedShape = (b: 50, n: 70, d: 611, k: 10)

@Suite("Scores S = X_B·Wᵀ — naive matches fast, and any thread count gives the same bytes")
struct MatrixScoresTests {
    /// A[rows]·Bᵀ by the fast kernel on `threads` threads, into a result filled with NaN first.
    static func fast(_ a: Matrix, _ rows: ArraySlice<Int>, _ b: Matrix, threads: Int = 2) -> Matrix {
        var result = Matrix(rows: rows.count, columns: b.rows, repeating: .nan)
        ParallelPartition.withHelpersAlwaysInvited {
            Matrix.multiplyTransposed(rowsOf: a, at: rows, by: b, into: &result, threadCount: threads)
        }
        return result
    }

    @Test("A[rows]·Bᵀ matches its naive definition", arguments: 0..<20)
    func multiplyTransposed(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let weights = randomMatrix(rows: k, columns: d, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Self.fast(a, rows, weights),
                        Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: weights),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    /// The naive form of the bias trick is the one the readable training path runs: its last term
    /// b_k·1 is added after the dot product, so it is exactly the dot product plus b_k.
    @Test("the bias trick by the definition: [x; 1]·[W b]ᵀ is x·Wᵀ + b, bit for bit", arguments: 0..<20)
    func naiveAppendingOne(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let augmented = randomMatrix(rows: k, columns: d + 1, seed: seed + 100)
            let weights = Matrix(rows: k, columns: d, elements: (0..<k).flatMap { augmented.row($0).prefix(d) })
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            let plain = Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: weights)
            let expected = (0..<b).flatMap { i in (0..<k).map { plain[i, $0] + augmented[$0, d] } }
            let observed = Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true)
            expectBitIdentical(observed.elements, expected, "seed \(seed), B \(b) N \(n) D \(d) K \(k)")
        }
    }

    @Test("1, 2, 3, 4 and 8 threads give bit-identical scores")
    func threadCountDeterminism() {
        let (b, n, d, k) = threadedShape
        let a = randomMatrix(rows: n, columns: d, seed: 1)
        let weights = randomMatrix(rows: k, columns: d, seed: 2)
        let rows = randomLabels(count: b, classCount: n, seed: 3)[...]
        let single = Self.fast(a, rows, weights, threads: 1)
        for threads in [2, 3, 4, 8] {
            expectBitIdentical(Self.fast(a, rows, weights, threads: threads).elements, single.elements, "\(threads) threads")
        }
    }

    @Test("a 2×2 product by hand: [[1, 2], [3, 4]]·[[5, 6], [7, 8]]ᵀ = [[17, 23], [39, 53]]")
    func handComputed() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(a.multiplyingTransposed(b) == Matrix([[17, 23], [39, 53]]))
    }
}
