// One SGD step's gradient for a row-wise loss, fused: S = X_B·Wᵀ + b, dS = ∂L/∂S a chunk of rows at a time,
// dW = dSᵀ·X_B and db = Σᵢ dSᵢ. The naive composition first, then the fused kernel that reads each
// picked row of X from memory once.

/// Writes rows i ∈ `batchRows` of ∂L/∂S, (1/B)·∂Lᵢ/∂sᵢ each, into `scoresGradient`, given the
/// same rows of the scores in `scores`: K entries a row, both views starting at row
/// `batchRows.lowerBound` and holding |batchRows|·K entries. A row-wise loss's kernel over
/// consecutive batch rows, on bounds-checked views; each row's result must depend on that row
/// alone, whichever run of rows it comes in.
public typealias ScoresGradientOfRows = @Sendable (
    _ batchRows: Range<Int>, _ scores: Span<Double>, _ scoresGradient: inout MutableSpan<Double>
) -> Void

extension Matrix {
    /// d[W b] = dSᵀ·[X_B 1] for S = [X_B 1]·[W b]ᵀ, the bias trick, and row i of dS written by
    /// `scoresGradientOfRows` (called row by row), by the definition: `naiveMultiplyTransposed` on
    /// [W b] with a 1 appended to every row, the loss row by row, and `naiveTransposedMultiply` with
    /// the same column of ones. The result is K×(D+1), db its last column.
    ///
    /// The readable reference for `minibatchGradient(rowsOf:at:augmentedWeights:scoresGradientOfRows:…)`.
    /// - Complexity: O(B·K·D) for a batch of B rows, K classes, D features.
    public static func naiveMinibatchGradient(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, augmentedWeights: Matrix, scoresGradientOfRows: ScoresGradientOfRows
    ) -> Matrix {
        let classes = augmentedWeights.rows
        let scores = naiveMultiplyTransposed(rowsOf: x, at: rows, by: augmentedWeights, appendingOne: true)
        var scoresGradient = Matrix(rows: rows.count, columns: classes)
        var gradientRows = scoresGradient.elements.mutableSpan
        for i in 0..<rows.count where classes > 0 {
            let scoresRow = scores.elements.span.extracting(i * classes ..< (i + 1) * classes)
            gradientRows.withRow(i, length: classes) { scoresGradientOfRows(i ..< i + 1, scoresRow, &$0) }
        }
        _ = consume gradientRows
        return naiveTransposedMultiply(scoresGradient, byRowsOf: x, at: rows, appendingOne: true)
    }

    /// dW = dSᵀ·X_B and db = Σᵢ dSᵢ (summed over the batch rows i) for S = X_B·Wᵀ + 1·bᵀ with W and b
    /// apart, by the definition: `naiveMinibatchGradient(rowsOf:at:augmentedWeights:…)` on [W b],
    /// split into its first D columns and its last.
    ///
    /// The readable reference for `minibatchGradient(rowsOf:at:weights:bias:scoresGradientOfRows:…)`.
    /// - Complexity: O(B·K·D).
    public static func naiveMinibatchGradient(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, weights: Matrix, bias: Matrix, scoresGradientOfRows: ScoresGradientOfRows
    ) -> (weightGradient: Matrix, biasGradient: Matrix) {
        let classes = weights.rows, features = x.columns
        let augmented = Matrix(rows: classes, columns: features + 1,
                               elements: (0..<classes).flatMap { weights.row($0) + [bias[$0, 0]] })
        let both = naiveMinibatchGradient(rowsOf: x, at: rows, augmentedWeights: augmented, scoresGradientOfRows: scoresGradientOfRows)
        let weightGradient = Matrix(rows: classes, columns: features,
                                    elements: (0..<classes).flatMap { both.row($0).prefix(features) })
        let biasGradient = Matrix(rows: classes, columns: 1, elements: (0..<classes).map { both[$0, features] })
        return (weightGradient, biasGradient)
    }

    /// dW = dSᵀ·X_B and db = Σᵢ dSᵢ for S = X_B·Wᵀ + 1·bᵀ, fused so that each picked row of X is
    /// read from memory once: written into `weightGradient` (K×D) and `biasGradient` (K×1).
    ///
    /// Same inputs and outputs as `naiveMinibatchGradient(rowsOf:at:weights:bias:scoresGradientOfRows:)`,
    /// up to the rounding of reordered sums. The batch is cut into `MinibatchPieces` (fixed by B);
    /// each piece goes through its rows in chunks of up to 32 (24 for long rows): the chunk's scores
    /// (the sums of `minibatchScores(rowsOf:at:weights:bias:into:)`, b added after the dot product),
    /// its rows of dS, then dSᵀ·X and Σ dS of the chunk added to the piece's sums while the chunk's
    /// rows (576 KiB at D = 3,072) are still in the L2 cache. Each piece's entry (k, d) is the
    /// multiply–add chain over its rows in order, as in `transposedMultiply`; whichever of up to
    /// `threadCount` threads is free takes the next piece (with more threads than pieces, the next
    /// chunk, then the next run of a piece's columns: the same chains), and the pieces' sums are
    /// added in piece order afterwards, so the result is bit-identical for any thread count
    /// (`MinibatchGradientKernel`).
    /// - Complexity: O(B·K·D).
    public static func minibatchGradient(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, weights: Matrix, bias: Matrix, scoresGradientOfRows: ScoresGradientOfRows,
        weightGradient: inout Matrix, biasGradient: inout Matrix, scratch: inout MinibatchGradientScratch,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        let classes = weights.rows, features = x.columns
        precondition(weights.columns == features && bias.rows == classes && bias.columns == 1,
                     "W is K×D and b is K×1 for D features")
        precondition(weightGradient.rows == classes && weightGradient.columns == features
                     && biasGradient.rows == classes && biasGradient.columns == 1, "dW and db have the shapes of W and b")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < x.rows }, "row index out of range")
        guard !rows.isEmpty, classes > 0, features > 0 else {
            (weightGradient, biasGradient) = naiveMinibatchGradient(rowsOf: x, at: rows, weights: weights, bias: bias,
                                                                    scoresGradientOfRows: scoresGradientOfRows)
            return
        }
        withUnsafeOperands(rowsOf: x, at: rows, reading: weights, bias, writing: &weightGradient, &biasGradient) { x, rows, inputs, dW, db in
            let layout = AffineParameterLayout(weights: inputs[0], bias: inputs[1], weightGradient: dW, biasGradient: db)
            MinibatchGradientKernel.step(x: x, rows: rows, layout: layout, classes: classes, scoresGradientOfRows: scoresGradientOfRows,
                                         scratch: &scratch, threadCount: threadCount)
        }
    }

    /// d[W b] = dSᵀ·[X_B 1] for S = [X_B 1]·[W b]ᵀ: the bias trick's one parameter matrix [W b]
    /// (K×(D+1), b its last column), read and written where they lie; [X_B 1]'s column of ones is
    /// never built (its products are b_k·1 and Σᵢ dS_{ik}·1). Written into `augmentedGradient` (K×(D+1)).
    ///
    /// Same inputs and outputs as `naiveMinibatchGradient(rowsOf:at:augmentedWeights:scoresGradientOfRows:)`,
    /// up to the rounding of reordered sums; the same sums in the same order as
    /// `minibatchGradient(rowsOf:at:weights:bias:…)` on W and b apart, so the same bits.
    /// - Complexity: O(B·K·D).
    public static func minibatchGradient(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, augmentedWeights: Matrix, scoresGradientOfRows: ScoresGradientOfRows,
        augmentedGradient: inout Matrix, scratch: inout MinibatchGradientScratch,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        let classes = augmentedWeights.rows, features = x.columns
        precondition(augmentedWeights.columns == features + 1, "[W b] is K×(D+1) for D features")
        precondition(augmentedGradient.rows == classes && augmentedGradient.columns == features + 1, "d[W b] has the shape of [W b]")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < x.rows }, "row index out of range")
        guard !rows.isEmpty, classes > 0, features > 0 else {
            augmentedGradient = naiveMinibatchGradient(rowsOf: x, at: rows, augmentedWeights: augmentedWeights,
                                                       scoresGradientOfRows: scoresGradientOfRows)
            return
        }
        withUnsafeOperands(rowsOf: x, at: rows, reading: augmentedWeights, writing: &augmentedGradient) { x, rows, inputs, gradient in
            let layout = AffineParameterLayout(weights: inputs[0], bias: inputs[0].columns(from: features),
                                               weightGradient: gradient, biasGradient: gradient.columns(from: features))
            MinibatchGradientKernel.step(x: x, rows: rows, layout: layout, classes: classes, scoresGradientOfRows: scoresGradientOfRows,
                                         scratch: &scratch, threadCount: threadCount)
        }
    }
}
