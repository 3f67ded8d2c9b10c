import Testing
import LinearAlgebra
import TestSupport

/// Shapes for the class-vector kernel: K ≤ 8 (one vector), K = 9 and 10 (one vector and lane
/// sums, D < 8 and D mod 8 ≠ 0), 10 < K ≤ 16 (two vectors), K = 17 and a Wᵀ past 2¹⁵ doubles (the
/// tiled kernel's path); B mod 8 ≠ 0 a short row group, B = 0 and B = 1.
let classVectorShapes: [(Int, Int, Int, Int)] = kernelShapes + [
    (17, 30, 100, 10), (5, 9, 5, 10), (9, 12, 5, 8), (12, 14, 16, 10), (8, 10, 13, 9), (33, 40, 21, 16), (5, 9, 11, 17), (3, 5, 2_100, 16),
]

@Suite("Scores vectorized over the classes — S = X_B·Wᵀ + 1·bᵀ, one multiply–add chain per entry")
struct MatrixClassVectorScoresTests {
    @Test("X_B·Wᵀ + 1·bᵀ matches its naive definition", arguments: 0..<20)
    func naiveMatchesFast(seed: UInt64) {
        for (b, n, d, k) in classVectorShapes {
            let x = randomMatrix(rows: n, columns: d, seed: seed)
            let weights = randomMatrix(rows: k, columns: d, seed: seed + 100)
            let bias = randomMatrix(rows: k, columns: 1, seed: seed + 200)
            let rows = randomLabels(count: b, classCount: n, seed: seed)[...]
            var observed = Matrix(rows: b, columns: k, repeating: .nan)
            Matrix.minibatchScores(rowsOf: x, at: rows, weights: weights, bias: bias, into: &observed)
            expectClose(observed, Matrix.naiveMinibatchScores(rowsOf: x, at: rows, weights: weights, bias: bias),
                        "seed \(seed), B \(b) N \(n) D \(d) K \(k):")
        }
    }

    @Test("with K ≤ 8 or 11 ≤ K ≤ 16 and a small Wᵀ, the bits of the naive chain", arguments: [(20, 100, 7), (9, 13, 3), (11, 40, 16)])
    func sameBitsAsNaive(batch: Int, features: Int, classes: Int) {
        let p = MinibatchProblem(batch: batch, dataRows: 30, features: features, classes: classes, seed: 3)
        var observed = Matrix(rows: batch, columns: classes)
        Matrix.minibatchScores(rowsOf: p.x, at: p.rows, weights: p.weights, bias: p.bias, into: &observed)
        let expected = Matrix.naiveMinibatchScores(rowsOf: p.x, at: p.rows, weights: p.weights, bias: p.bias)
        expectBitIdentical(observed.elements, expected.elements, "B \(batch) D \(features) K \(classes): the kernel's sums differ from the naive chain's bits")
    }

    @Test("1, 2, 3 and 4 threads give bit-identical scores (each group of 8 rows computed alone)",
          arguments: [(203, 611, 10), (200, 300, 7)])
    func threadCountDeterminism(batch: Int, features: Int, classes: Int) {
        let p = MinibatchProblem(batch: batch, dataRows: 250, features: features, classes: classes, seed: 9)
        var single = Matrix(rows: batch, columns: classes)
        Matrix.minibatchScores(rowsOf: p.x, at: p.rows, weights: p.weights, bias: p.bias, into: &single, threadCount: 1)
        for threads in 2...4 {
            var observed = Matrix(rows: batch, columns: classes)
            ParallelPartition.withHelpersAlwaysInvited {
                Matrix.minibatchScores(rowsOf: p.x, at: p.rows, weights: p.weights, bias: p.bias, into: &observed, threadCount: threads)
            }
            expectBitIdentical(observed.elements, single.elements, "\(threads) threads")
        }
    }
}
