import Testing
import LinearAlgebra
import TestSupport

@Suite("Matrix products — naive matches fast")
struct MatrixProductsTests {
    // (batch rows B, data rows N, depth D, outputs K)
    static let shapes: [(Int, Int, Int, Int)] = [
        (1, 1, 1, 1), (0, 5, 3, 2), (7, 20, 3, 2), (3, 9, 17, 10), (2, 4, 40, 1), (25, 30, 9, 3),
    ]

    @Test("A[rows]·Bᵀ matches its naive definition", arguments: 0..<20)
    func multiplyTransposed(seed: UInt64) {
        for (b, n, d, k) in Self.shapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let weights = randomMatrix(rows: k, columns: d, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.multiplyTransposed(rowsOf: a, at: rows, by: weights),
                        Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: weights),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("Cᵀ·A[rows] matches its naive definition", arguments: 0..<20)
    func transposedMultiply(seed: UInt64) {
        for (b, n, d, k) in Self.shapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.transposedMultiply(c, byRowsOf: a, at: rows),
                        Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("the bias trick inside the kernels: [x; 1]·[W b]ᵀ and dSᵀ·[X 1] match their naive definitions", arguments: 0..<20)
    func appendingOne(seed: UInt64) {
        for (b, n, d, k) in Self.shapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let augmented = randomMatrix(rows: k, columns: d + 1, seed: seed + 100)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 200)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.multiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true),
                        Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
            expectClose(Matrix.transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true),
                        Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("a 2×2 product by hand: [[1, 2], [3, 4]]·[[5, 6], [7, 8]]ᵀ = [[17, 23], [39, 53]]")
    func handComputed() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(a.multiplyingTransposed(b) == Matrix([[17, 23], [39, 53]]))
        #expect(a.transposedMultiplying(b) == Matrix([[26, 30], [38, 44]]))
    }
}
