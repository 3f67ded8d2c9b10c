import Foundation
import Synchronization
import Testing
import LinearAlgebra
import TestSupport

/// The inputs of one fused step: X (N×D), the picked rows, W (K×D) and b (K×1).
struct MinibatchProblem {
    let x: Matrix, rows: ArraySlice<Int>, weights: Matrix, bias: Matrix

    init(batch: Int, dataRows: Int, features: Int, classes: Int, seed: UInt64) {
        x = randomMatrix(rows: dataRows, columns: features, seed: seed)
        rows = randomLabels(count: batch, classCount: dataRows, seed: seed + 1)[...]
        weights = randomMatrix(rows: classes, columns: features, seed: seed + 2, scale: 0.1)
        bias = randomMatrix(rows: classes, columns: 1, seed: seed + 3)
    }

    /// Row i of dS = (1/B)·sin(s_ij + i): smooth, so no rounding can flip a branch as a hinge's kink would.
    var scoresGradientOfRows: ScoresGradientOfRows {
        let classes = weights.rows, scale = 1 / Double(max(rows.count, 1))
        return { batchRows, scores, gradient in
            for (offset, i) in batchRows.enumerated() {
                for j in 0..<classes {
                    gradient[offset * classes + j] = scale * sin(scores[offset * classes + j] + Double(i))
                }
            }
        }
    }

    func naive() -> (weightGradient: Matrix, biasGradient: Matrix) {
        Matrix.naiveMinibatchGradient(rowsOf: x, at: rows, weights: weights, bias: bias, scoresGradientOfRows: scoresGradientOfRows)
    }

    func fast(threads: Int, scratch: inout MinibatchGradientScratch) -> (weightGradient: Matrix, biasGradient: Matrix) {
        var weightGradient = Matrix(rows: weights.rows, columns: x.columns, repeating: .nan)
        var biasGradient = Matrix(rows: weights.rows, columns: 1, repeating: .nan)
        ParallelPartition.withHelpersAlwaysInvited {
            Matrix.minibatchGradient(rowsOf: x, at: rows, weights: weights, bias: bias, scoresGradientOfRows: scoresGradientOfRows,
                                     weightGradient: &weightGradient, biasGradient: &biasGradient, scratch: &scratch,
                                     threadCount: threads)
        }
        return (weightGradient, biasGradient)
    }

    func fast(threads: Int = 1) -> (weightGradient: Matrix, biasGradient: Matrix) {
        var scratch = MinibatchGradientScratch()
        return fast(threads: threads, scratch: &scratch)
    }

    /// [W b], K×(D+1): the bias trick's one parameter matrix.
    var augmentedWeights: Matrix {
        Matrix(rows: weights.rows, columns: x.columns + 1, elements: (0..<weights.rows).flatMap { weights.row($0) + bias.row($0) })
    }

    func naiveAugmented() -> Matrix {
        Matrix.naiveMinibatchGradient(rowsOf: x, at: rows, augmentedWeights: augmentedWeights, scoresGradientOfRows: scoresGradientOfRows)
    }

    func fastAugmented(threads: Int = 1) -> Matrix {
        var scratch = MinibatchGradientScratch()
        var gradient = Matrix(rows: weights.rows, columns: x.columns + 1, repeating: .nan)
        ParallelPartition.withHelpersAlwaysInvited {
            Matrix.minibatchGradient(rowsOf: x, at: rows, augmentedWeights: augmentedWeights, scoresGradientOfRows: scoresGradientOfRows,
                                     augmentedGradient: &gradient, scratch: &scratch, threadCount: threads)
        }
        return gradient
    }
}

/// Shapes past the piece (B ≥ 48: two; B = 200 is eight pieces with K = 3, six with K = 4) and
/// chunk (32 rows; 24 when D > 2,048) boundaries, and K past the class-vector kernel's 16: (B, N, D, K).
let minibatchShapes = kernelShapes + [
    (33, 40, 19, 2), (64, 70, 24, 10), (70, 90, 41, 3), (100, 120, 77, 10), (50, 55, 2_056, 3), (200, 230, 13, 4), (60, 80, 21, 19),
    (200, 230, 13, 3),
]

@Suite("Fused minibatch step — S = X_B·Wᵀ + b, dS row by row, dW = dSᵀ·X_B, db = Σᵢ dSᵢ with one read of X_B")
struct MatrixMinibatchGradientTests {
    @Test("fused dW and db match the naive composition of the three steps", arguments: 0..<20)
    func naiveMatchesFused(seed: UInt64) {
        for (b, n, d, k) in minibatchShapes {
            let problem = MinibatchProblem(batch: b, dataRows: n, features: d, classes: k, seed: seed)
            let expected = problem.naive(), observed = problem.fast(threads: 2)
            expectClose(observed.weightGradient, expected.weightGradient, "seed \(seed), B \(b) N \(n) D \(d) K \(k), dW:")
            expectClose(observed.biasGradient, expected.biasGradient, "seed \(seed), B \(b) N \(n) D \(d) K \(k), db:")
        }
    }

    /// (D, K): K·D = 20,560 ≥ 2·2¹³ splits Wᵀ's transposition and the pieces' sum over threads too;
    /// K = 10 and 20 make 2 pieces (cifar-like's shape (3,072, 10) among them), so 3 or more threads
    /// share them in two phases (`MinibatchGradientKernel.runInTwoPhases`); (611, 3) makes 8 pieces,
    /// which up to 5 threads (its work's bound) take as they come.
    @Test("1, 2, 3, 4 and 8 threads give bit-identical dW and db (a fixed partition into pieces, shared in two phases by more threads)",
          arguments: [(611, 10), (2_056, 10), (300, 20), (3_072, 10), (611, 3)])
    func threadCountDeterminism(features: Int, classes: Int) {
        let problem = MinibatchProblem(batch: 200, dataRows: 300, features: features, classes: classes, seed: 7)
        let single = problem.fast(threads: 1)
        for threads in [2, 3, 4, 8] {
            let observed = problem.fast(threads: threads)
            expectBitIdentical(observed.weightGradient.elements, single.weightGradient.elements, "\(threads) threads: dW differs from 1 thread's bits")
            expectBitIdentical(observed.biasGradient.elements, single.biasGradient.elements, "\(threads) threads: db differs from 1 thread's bits")
        }
    }

    @Test("each piece sums like the separate fast kernels, and the pieces add in order", arguments: [1, 31, 32, 64, 101, 200, 400])
    func piecesAreTheSeparateKernels(batch: Int) {
        let problem = MinibatchProblem(batch: batch, dataRows: 450, features: 37, classes: 10, seed: UInt64(batch))
        let pieces = MinibatchPieces.count(batch: batch, classes: 10, features: 37)
        var scores = Matrix(rows: batch, columns: 10), scoresGradient = scores
        Matrix.minibatchScores(rowsOf: problem.x, at: problem.rows, weights: problem.weights, bias: problem.bias, into: &scores)
        var gradientView = scoresGradient.elements.mutableSpan
        problem.scoresGradientOfRows(0..<batch, scores.elements.span, &gradientView)
        _ = consume gradientView
        var expected = [Double](repeating: 0, count: 10 * 38)
        for piece in 0..<pieces {
            let range = MinibatchPieces.range(of: piece, count: pieces, batch: batch)
            let pieceGradient = Matrix(rows: range.count, columns: 10,
                                       elements: Array(scoresGradient.elements[range.lowerBound * 10 ..< range.upperBound * 10]))
            let weightGradient = MatrixWeightGradientTests.fast(
                pieceGradient, problem.x, problem.rows[(problem.rows.startIndex + range.lowerBound)...].prefix(range.count))
            let sums = pieceGradient.columnSums
            let both = (0..<10).flatMap { weightGradient.row($0) + [sums[$0]] }
            expected = piece == 0 ? both : zip(expected, both).map(+)
        }
        let observed = problem.fast()
        let joined = (0..<10).flatMap { observed.weightGradient.row($0) + observed.biasGradient.row($0) }
        expectBitIdentical(joined, expected, "B \(batch), \(pieces) pieces")
    }

    /// The rows that a step scores first.
    final class FirstScoredRows: Sendable {
        let rows = Mutex<Range<Int>?>(nil)
    }

    @Test("the pieces go last first: on one thread the first rows scored are the last piece's, the piece with the most rows (96 and 104 rows: 96..<128)")
    func lastPieceFirst() {
        let problem = MinibatchProblem(batch: 200, dataRows: 450, features: 37, classes: 10, seed: 5)
        let pieces = MinibatchPieces.count(batch: 200, classes: 10, features: 37)
        let first = FirstScoredRows(), lossRows = problem.scoresGradientOfRows
        var weightGradient = Matrix(rows: 10, columns: 37), biasGradient = Matrix(rows: 10, columns: 1)
        var scratch = MinibatchGradientScratch()
        Matrix.minibatchGradient(rowsOf: problem.x, at: problem.rows, weights: problem.weights, bias: problem.bias,
                                 scoresGradientOfRows: { batchRows, scores, gradient in
                                     first.rows.withLock { if $0 == nil { $0 = batchRows } }
                                     lossRows(batchRows, scores, &gradient)
                                 },
                                 weightGradient: &weightGradient, biasGradient: &biasGradient, scratch: &scratch, threadCount: 1)
        #expect(pieces == 2 && first.rows.withLock { $0 } == 96..<128)
    }

    @Test("one scratch serves a full batch, then the epoch's short last batch, then a full one again")
    func scratchReuse() {
        var scratch = MinibatchGradientScratch()
        for batch in [200, 37, 1, 200] {
            let problem = MinibatchProblem(batch: batch, dataRows: 230, features: 45, classes: 3, seed: UInt64(batch))
            let expected = problem.naive(), observed = problem.fast(threads: 2, scratch: &scratch)
            expectClose(observed.weightGradient, expected.weightGradient, "B \(batch), dW:")
            expectClose(observed.biasGradient, expected.biasGradient, "B \(batch), db:")
        }
    }

    @Test("bias trick: the fused d[W b] on the one K×(D+1) matrix matches its naive definition", arguments: 0..<10)
    func augmentedNaiveMatchesFused(seed: UInt64) {
        for (b, n, d, k) in minibatchShapes {
            let problem = MinibatchProblem(batch: b, dataRows: n, features: d, classes: k, seed: seed)
            expectClose(problem.fastAugmented(threads: 2), problem.naiveAugmented(), "seed \(seed), B \(b) N \(n) D \(d) K \(k), d[W b]:")
        }
    }

    /// The two layouts run the same sums in the same order (b_k·1 and dS_{ik}·1 are exact), so
    /// the only possible difference is a stride bug: the test asks for the same bits.
    @Test("bias trick: d[W b] has the bits of dW and db computed apart, on 1 and 3 threads", arguments: [(611, 10), (37, 3), (2_056, 17)])
    func augmentedEqualsSeparate(features: Int, classes: Int) {
        let problem = MinibatchProblem(batch: 150, dataRows: 200, features: features, classes: classes, seed: 11)
        let separate = problem.fast(threads: 1)
        for threads in [1, 3] {
            let augmented = problem.fastAugmented(threads: threads)
            let joined = (0..<classes).flatMap { separate.weightGradient.row($0) + separate.biasGradient.row($0) }
            expectBitIdentical(augmented.elements, joined, "\(threads) threads, D \(features), K \(classes)")
        }
    }

    @Test("an empty batch has zero gradients")
    func emptyBatch() {
        let observed = MinibatchProblem(batch: 0, dataRows: 5, features: 9, classes: 2, seed: 1).fast()
        #expect(observed.weightGradient == Matrix(rows: 2, columns: 9))
        #expect(observed.biasGradient == Matrix(rows: 2, columns: 1))
        let augmented = MinibatchProblem(batch: 0, dataRows: 5, features: 9, classes: 2, seed: 1).fastAugmented()
        #expect(augmented == Matrix(rows: 2, columns: 10))
    }
}
