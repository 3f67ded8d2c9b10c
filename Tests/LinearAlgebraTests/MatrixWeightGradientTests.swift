import Testing
import LinearAlgebra
import TestSupport

@Suite("Weight gradient dW = dSᵀ·X_B — naive matches fast, and any thread count gives the same bytes")
struct MatrixWeightGradientTests {
    @Test("Cᵀ·A[rows] matches its naive definition", arguments: 0..<20)
    func transposedMultiply(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.transposedMultiply(c, byRowsOf: a, at: rows),
                        Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("the bias trick inside the kernel: dSᵀ·[X 1] matches its naive definition", arguments: 0..<20)
    func appendingOne(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let c = randomMatrix(rows: b, columns: k, seed: seed + 200)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true),
                        Matrix.naiveTransposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("1, 2, 3 and 4 threads give a bit-identical gradient", arguments: [false, true])
    func threadCountDeterminism(appendingOne: Bool) {
        let (b, n, d, k) = threadedShape
        let a = randomMatrix(rows: n, columns: d, seed: 1)
        let c = randomMatrix(rows: b, columns: k, seed: 2)
        let rows = randomLabels(count: b, classCount: n, seed: 3)[...]
        let single = Matrix.transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: appendingOne, threadCount: 1)
        for threads in 2...4 {
            var result = Matrix(rows: k, columns: d + (appendingOne ? 1 : 0), repeating: .nan)
            Matrix.transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: appendingOne,
                                      into: &result, threadCount: threads)
            let firstDifference = result.elements.indices.first {
                result.elements[$0].bitPattern != single.elements[$0].bitPattern
            }
            #expect(firstDifference == nil,
                    "\(threads) threads: entry \(firstDifference ?? -1) differs from 1 thread's bits")
        }
    }

    @Test("db kept apart: dSᵀ·X_B and Σᵢ dSᵢ into two matrices are the bytes of dSᵀ·[X_B 1]", arguments: 0..<20)
    func columnSumsApart(seed: UInt64) {
        for (b, n, d, k) in kernelShapes + [(threadedShape.b, threadedShape.n, threadedShape.d, threadedShape.k)] {
            let c = randomMatrix(rows: b, columns: k, seed: seed)
            let a = randomMatrix(rows: n, columns: d, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            let augmented = Matrix.transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: true)
            var weights = Matrix(rows: k, columns: d, repeating: .nan), sums = Matrix(rows: k, columns: 1, repeating: .nan)
            Matrix.transposedMultiply(c, byRowsOf: a, at: rows, into: &weights, appendingOneInto: &sums)
            let expected = (0..<k).flatMap { row in augmented.row(row) }
            let observed = (0..<k).flatMap { row in weights.row(row) + sums.row(row) }
            expectBitIdentical(observed, expected, "seed \(seed), B \(b) N \(n) D \(d) K \(k)")
        }
    }

    @Test("a 2×2 product by hand: [[1, 2], [3, 4]]ᵀ·[[5, 6], [7, 8]] = [[26, 30], [38, 44]]")
    func handComputed() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(a.transposedMultiplying(b) == Matrix([[26, 30], [38, 44]]))
    }
}
