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
    @Test("A[rows]·Bᵀ matches its naive definition", arguments: 0..<20)
    func multiplyTransposed(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let weights = randomMatrix(rows: k, columns: d, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.multiplyTransposed(rowsOf: a, at: rows, by: weights),
                        Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: weights),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("b kept apart: X_B·Wᵀ + 1·bᵀ gives the bytes of [X_B 1]·[W b]ᵀ", arguments: 0..<20)
    func biasApart(seed: UInt64) {
        for (b, n, d, k) in kernelShapes + [(threadedShape.b, threadedShape.n, threadedShape.d, threadedShape.k)] {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let augmented = randomMatrix(rows: k, columns: d + 1, seed: seed + 100)
            let weights = Matrix((0..<k).map { Array(augmented.row($0).prefix(d)) })
            let bias = Matrix(rows: k, columns: 1, elements: (0..<k).map { augmented[$0, d] })
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            var observed = Matrix(rows: b, columns: k, repeating: .nan)
            Matrix.multiplyTransposed(rowsOf: a, at: rows, by: d == 0 ? Matrix(rows: k, columns: 0) : weights,
                                      appendingOneTimes: bias, into: &observed)
            let expected = Matrix.multiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true)
            expectBitIdentical(observed.elements, expected.elements, "seed \(seed), B \(b) N \(n) D \(d) K \(k)")
        }
    }

    @Test("the bias trick inside the kernel: [x; 1]·[W b]ᵀ matches its naive definition", arguments: 0..<20)
    func appendingOne(seed: UInt64) {
        for (b, n, d, k) in kernelShapes {
            let a = randomMatrix(rows: n, columns: d, seed: seed)
            let augmented = randomMatrix(rows: k, columns: d + 1, seed: seed + 100)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            expectClose(Matrix.multiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true),
                        Matrix.naiveMultiplyTransposed(rowsOf: a, at: rows, by: augmented, appendingOne: true),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("1, 2, 3 and 4 threads give bit-identical scores", arguments: [false, true])
    func threadCountDeterminism(appendingOne: Bool) {
        let (b, n, d, k) = threadedShape
        let a = randomMatrix(rows: n, columns: d, seed: 1)
        let weights = randomMatrix(rows: k, columns: d + (appendingOne ? 1 : 0), seed: 2)
        let rows = randomLabels(count: b, classCount: n, seed: 3)[...]
        let single = Matrix.multiplyTransposed(rowsOf: a, at: rows, by: weights, appendingOne: appendingOne, threadCount: 1)
        for threads in 2...4 {
            var result = Matrix(rows: b, columns: k, repeating: .nan)
            Matrix.multiplyTransposed(rowsOf: a, at: rows, by: weights, appendingOne: appendingOne,
                                      into: &result, threadCount: threads)
            let firstDifference = result.elements.indices.first {
                result.elements[$0].bitPattern != single.elements[$0].bitPattern
            }
            #expect(firstDifference == nil,
                    "\(threads) threads: entry \(firstDifference ?? -1) differs from 1 thread's bits")
        }
    }

    @Test("a 2×2 product by hand: [[1, 2], [3, 4]]·[[5, 6], [7, 8]]ᵀ = [[17, 23], [39, 53]]")
    func handComputed() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(a.multiplyingTransposed(b) == Matrix([[17, 23], [39, 53]]))
    }
}
