import Testing
import LinearAlgebra
import TestSupport

@Suite("Weight gradient dW = dSᵀ·X_B — naive matches fast, and any thread count gives the same bytes")
struct MatrixWeightGradientTests {
    /// Cᵀ·A[rows] by the fast kernel on `threads` threads, into a result filled with NaN first.
    static func fast(_ c: Matrix, _ a: Matrix, _ rows: ArraySlice<Int>, threads: Int = 2) -> Matrix {
        var result = Matrix(rows: c.columns, columns: a.columns, repeating: .nan)
        ParallelPartition.withHelpersAlwaysInvited {
            Matrix.transposedMultiply(c, byRowsOf: a, at: rows, into: &result, threadCount: threads)
        }
        return result
    }

    @Test("Cᵀ·A[rows] matches its naive definition", arguments: 0..<20)
    func transposedMultiply(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Self.fast(c, a, rows),
                        Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    /// The naive bias trick's extra column is a column of ones: its products are dS_{ik}·1, added in
    /// row order, exactly the column sums Σᵢ dSᵢ.
    @Test("the bias trick by the definition: dSᵀ·[X 1] is [dSᵀ·X  Σᵢ dSᵢ], bit for bit", arguments: 0..<20)
    func naiveAppendingOne(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 200)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            let plain = Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows), sums = c.columnSums
            let expected = (0..<k).flatMap { plain.row($0) + [sums[$0]] }
            let observed = Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true)
            expectBitIdentical(observed.elements, expected, "seed \(seed), B \(b) N \(n) D \(d) K \(k)")
        }
    }

    @Test("1, 2, 3, 4 and 8 threads give a bit-identical gradient")
    func threadCountDeterminism() {
        let (b, n, d, k) = threadedShape
        let a = randomMatrix(rows: n, columns: d, seed: 1)
        let c = randomMatrix(rows: b, columns: k, seed: 2)
        let rows = randomLabels(count: b, classCount: n, seed: 3)[...]
        let single = Self.fast(c, a, rows, threads: 1)
        for threads in [2, 3, 4, 8] {
            expectBitIdentical(Self.fast(c, a, rows, threads: threads).elements, single.elements, "\(threads) threads")
        }
    }

    @Test("a 2×2 product by hand: [[1, 2], [3, 4]]ᵀ·[[5, 6], [7, 8]] = [[26, 30], [38, 44]]")
    func handComputed() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        let rows = Array(0..<2)[...]
        #expect(Self.fast(a, b, rows) == Matrix([[26, 30], [38, 44]]))
        #expect(Matrix.naiveTransposedMultiply(a, byRowsOf: b, at: rows) == Matrix([[26, 30], [38, 44]]))
    }
}
