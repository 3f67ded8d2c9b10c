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

/// The buffers of `Matrix.minibatchGradient`: the batch's scores and ∂L/∂S (B×K) and the partial
/// gradients of the slots after the first. Allocated by the first step and reused by the next, so
/// the training loop allocates nothing per minibatch.
public struct MinibatchGradientScratch: Sendable {
    var scores: [Double] = []
    var scoresGradient: [Double] = []
    var partialWeightGradients: [Double] = []
    var partialBiasGradients: [Double] = []
    var transposedWeights: [Double] = []

    /// Empty buffers, sized by the first step.
    public init() {}

    /// Grows each buffer to at least its count (contents are overwritten before they are read).
    mutating func reserve(batch: Int, classes: Int, features: Int, slots: Int) {
        func grow(_ buffer: inout [Double], to count: Int) {
            if buffer.count < count { buffer = Array(repeating: 0, count: count) }
        }
        grow(&scores, to: batch * classes)
        grow(&scoresGradient, to: batch * classes)
        grow(&partialWeightGradients, to: (slots - 1) * classes * features)
        grow(&partialBiasGradients, to: (slots - 1) * classes)
    }
}

/// The fixed partition of a batch into slots, each summed on its own and the slots' sums added in
/// slot order: it depends on the batch size alone, never on the thread count, so neither do the bits.
public enum MinibatchSlots {
    /// At most this many slots: one per core of the course machine.
    public static let maximumCount = 2
    /// A slot has at least this many rows, so that a small batch stays one slot (one chain per sum).
    public static let minimumRows = 32

    /// The number of slots S of a batch of `batch` rows: min(2, ⌊B/32⌋), at least 1.
    public static func count(batch: Int) -> Int {
        max(1, min(maximumCount, batch / minimumRows))
    }

    /// The batch rows of slot s of S: ⌊B·s/S⌋ ..< ⌊B·(s+1)/S⌋.
    public static func range(of slot: Int, count: Int, batch: Int) -> Range<Int> {
        batch * slot / count ..< batch * (slot + 1) / count
    }
}

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
    /// up to the rounding of reordered sums. The batch is split into `MinibatchSlots.range(of:count:batch:)`;
    /// each slot goes through its rows in chunks of 32 (24 for long rows; an odd slot's first chunk is
    /// half as long): the chunk's scores (the sums of
    /// `minibatchScores(rowsOf:at:weights:bias:into:)`, b added after the dot product),
    /// its rows of dS, then dSᵀ·X and Σ dS of the chunk added to the slot's sums while the chunk's
    /// rows (576 KiB at D = 3,072) are still in the L2 cache (1 MiB). Each slot's entry (k, d) is the
    /// multiply–add chain over its rows in order, as in `transposedMultiply`; the slots run on up
    /// to `threadCount` threads, and their sums are added in slot order afterwards, so the result
    /// is bit-identical for any thread count.
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
        weights.elements.withUnsafeBufferPointer { w in
        bias.elements.withUnsafeBufferPointer { b in
        weightGradient.elements.withUnsafeMutableBufferPointer { dW in
        biasGradient.elements.withUnsafeMutableBufferPointer { db in
            let layout = AffineParameterLayout(
                weights: w, weightStride: features, bias: b.baseAddress, biasStride: 1,
                weightGradient: dW, weightGradientStride: features, biasGradient: db.baseAddress, biasGradientStride: 1)
            fusedStep(rowsOf: x, at: rows, classes: classes, layout: layout, scoresGradientOfRows: scoresGradientOfRows,
                      scratch: &scratch, threadCount: threadCount)
        }}}}
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
        let classes = augmentedWeights.rows, features = x.columns, stride = features + 1
        precondition(augmentedWeights.columns == stride, "[W b] is K×(D+1) for D features")
        precondition(augmentedGradient.rows == classes && augmentedGradient.columns == stride, "d[W b] has the shape of [W b]")
        augmentedWeights.elements.withUnsafeBufferPointer { theta in
        augmentedGradient.elements.withUnsafeMutableBufferPointer { gradient in
            let layout = AffineParameterLayout(
                weights: theta, weightStride: stride, bias: theta.baseAddress.map { $0 + features }, biasStride: stride,
                weightGradient: gradient, weightGradientStride: stride,
                biasGradient: gradient.baseAddress.map { $0 + features }, biasGradientStride: stride)
            fusedStep(rowsOf: x, at: rows, classes: classes, layout: layout, scoresGradientOfRows: scoresGradientOfRows,
                      scratch: &scratch, threadCount: threadCount)
        }}
    }

    /// The fused step of both layouts: the batch's slots on up to `threadCount` threads, then the
    /// slots' partial gradients added in slot order.
    private static func fusedStep(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, classes: Int, layout: AffineParameterLayout,
        scoresGradientOfRows: ScoresGradientOfRows, scratch: inout MinibatchGradientScratch, threadCount: Int
    ) {
        let features = x.columns
        precondition(rows.allSatisfy { $0 >= 0 && $0 < x.rows }, "row index out of range")
        guard !rows.isEmpty, classes > 0, features > 0 else {
            layout.writeNaiveGradient(rowsOf: x, at: rows, classes: classes, scoresGradientOfRows: scoresGradientOfRows)
            return
        }
        let batch = rows.count, slots = MinibatchSlots.count(batch: batch)
        scratch.reserve(batch: batch, classes: classes, features: features, slots: slots)
        let work = 2 * batch * classes * features
        let threads = max(1, min(threadCount, slots, work / MinibatchGradientKernel.minimumWorkPerThread))
        let classVectors = ClassVectorScoresKernel.handles(classes: classes, features: features)
        if classVectors {
            ClassVectorScoresKernel.transpose(layout.weights, classes: classes, features: features, stride: layout.weightStride,
                                              into: &scratch.transposedWeights, threadCount: threads)
        }
        x.elements.withUnsafeBufferPointer { xBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
        scratch.scores.withUnsafeMutableBufferPointer { scores in
        scratch.scoresGradient.withUnsafeMutableBufferPointer { scoresGradient in
        scratch.partialWeightGradients.withUnsafeMutableBufferPointer { partialWeights in
        scratch.partialBiasGradients.withUnsafeMutableBufferPointer { partialBiases in
        scratch.transposedWeights.withUnsafeBufferPointer { transposedWeights in
            let kernel = MinibatchGradientKernel(
                x: xBuffer.baseAddress!, features: features, rows: rowBuffer, layout: layout, classes: classes,
                scores: scores.baseAddress!, scoresGradient: scoresGradient.baseAddress!,
                partialWeightGradients: partialWeights.baseAddress, partialBiasGradients: partialBiases.baseAddress,
                slots: slots, transposedWeights: classVectors ? transposedWeights.baseAddress : nil)
            ParallelPartition.forEachPart(units: slots, threads: threads) { part in
                for slot in part { kernel.run(slot: slot, scoresGradientOfRows: scoresGradientOfRows) }
            }
            kernel.addPartialGradients(threadCount: threads)
        }}}}}}}
    }
}

/// Where the fused step reads W and b and writes dW and db: row k of W at `weights[k·weightStride]`,
/// b_k at `bias[k·biasStride]`, and likewise for the gradients. W and b apart have strides D and 1;
/// the bias trick's [W b] has stride D + 1 for both, b starting at column D.
struct AffineParameterLayout: @unchecked Sendable {
    let weights: UnsafeBufferPointer<Double>
    let weightStride: Int
    let bias: UnsafePointer<Double>?
    let biasStride: Int
    let weightGradient: UnsafeMutableBufferPointer<Double>
    let weightGradientStride: Int
    let biasGradient: UnsafeMutablePointer<Double>?
    let biasGradientStride: Int

    /// The gradient of a batch the kernel does not take (no rows, classes or features), by the
    /// naive definition.
    func writeNaiveGradient(rowsOf x: Matrix, at rows: ArraySlice<Int>, classes: Int, scoresGradientOfRows: ScoresGradientOfRows) {
        let features = x.columns
        var augmented = Matrix(rows: classes, columns: features + 1)
        for k in 0..<classes {
            for d in 0..<features { augmented[k, d] = weights[k * weightStride + d] }
            augmented[k, features] = bias?[k * biasStride] ?? 0
        }
        let gradient = Matrix.naiveMinibatchGradient(rowsOf: x, at: rows, augmentedWeights: augmented,
                                                     scoresGradientOfRows: scoresGradientOfRows)
        for k in 0..<classes {
            for d in 0..<features { weightGradient[k * weightGradientStride + d] = gradient[k, d] }
            biasGradient?[k * biasGradientStride] = gradient[k, features]
        }
    }
}

/// The fused step over raw pointers that worker threads share; each run writes only its own rows
/// of the scores and ∂L/∂S and its own slot's dW and db.
struct MinibatchGradientKernel: @unchecked Sendable {
    /// Below this many multiply–adds per thread a step stays on the calling thread. With
    /// `concurrentPerform` (tens of µs per wake-up) `mid` (D = 100: 400,000 multiply–adds per step)
    /// was slower on 2 threads than on 1 and the bound was 2²¹; with `SpinningWorkers` (about a µs
    /// per hand-off) 2 threads take `mid` from 0.018 to 0.013 s per epoch.
    static let minimumWorkPerThread = 1 << 17
    /// The rows of a chunk: 32 (4 groups of the class-vector scores kernel, 8 tiles of the other,
    /// 1 row block of the gradient kernel), or 24 when 32 rows of D features would pass 512 KiB,
    /// so that the chunk stays in the L2 cache (1 MiB) beside W, Wᵀ and the slot's dW. Measured in
    /// `benchmark train` (svm, medians of 5): cifar-like 0.123 → 0.113 s per epoch on 1 thread and
    /// 0.0666 → 0.0657 on 2 with 24 rows (48 rows: 0.124 and 0.073); `mid` (D = 100) is faster
    /// with 32 (0.0105 against 0.0108 s per epoch on 2 threads).
    static func rowsPerChunk(features: Int) -> Int {
        32 * features * MemoryLayout<Double>.stride <= 1 << 19 ? 32 : 24
    }

    /// The rows of a slot's first chunk: half a chunk in odd slots, so that the two threads run
    /// out of step, one reading its next rows from memory (the scores pass) while the other
    /// computes from L2 (the gradient pass). In step, both passes of both threads met at once and
    /// the scores passes shared the memory bandwidth: `cifar-like` (svm, 2 threads, one sitting)
    /// 0.058 → 0.0535 s per epoch. Chunks only group rows: the sums, and so the bits, are the same.
    static func firstChunkRows(slot: Int, rowsPerChunk: Int) -> Int {
        slot % 2 == 1 ? max(1, rowsPerChunk / 2) : rowsPerChunk
    }

    let x: UnsafePointer<Double>
    let features: Int
    let rows: UnsafeBufferPointer<Int>
    /// W, b, dW and db where they lie.
    let layout: AffineParameterLayout
    let classes: Int
    let scores: UnsafeMutablePointer<Double>
    let scoresGradient: UnsafeMutablePointer<Double>
    /// Slot s ≥ 1 sums into partial s − 1 (K×D and K); slot 0 straight into dW and db.
    let partialWeightGradients: UnsafeMutablePointer<Double>?
    let partialBiasGradients: UnsafeMutablePointer<Double>?
    let slots: Int
    /// Wᵀ padded for `ClassVectorScoresKernel` when it serves K classes, else nil (`ScoresKernel`).
    let transposedWeights: UnsafePointer<Double>?

    /// The dW and db that slot `slot` sums into, with their strides: slot 0 the result's own,
    /// slot s ≥ 1 partial s − 1 (K×D with stride D, and K).
    private func targets(of slot: Int) -> (
        weights: UnsafeMutablePointer<Double>, weightStride: Int, bias: UnsafeMutablePointer<Double>?, biasStride: Int
    ) {
        guard slot > 0, let partialWeightGradients, let partialBiasGradients else {
            return (layout.weightGradient.baseAddress!, layout.weightGradientStride, layout.biasGradient, layout.biasGradientStride)
        }
        return (partialWeightGradients + (slot - 1) * classes * features, features, partialBiasGradients + (slot - 1) * classes, 1)
    }

    /// Adds the partial dW and db of slots 1, 2, … in that order to slot 0's, dW's rows split over
    /// up to `threadCount` threads (each entry's sum in slot order whatever the split).
    func addPartialGradients(threadCount: Int) {
        guard slots > 1 else { return }
        nonisolated(unsafe) let weightGradient = layout.weightGradient
        let stride = layout.weightGradientStride
        ParallelPartition.forEachElementRange(count: classes, entriesPerElement: features, threads: threadCount) { part in
            for slot in 1..<slots {
                let partial = targets(of: slot).weights
                for k in part {
                    for d in 0..<features { weightGradient[k * stride + d] += partial[k * features + d] }
                }
            }
        }
        guard let biasGradient = layout.biasGradient else { return }
        for slot in 1..<slots {
            guard let partial = targets(of: slot).bias else { continue }
            for k in 0..<classes { biasGradient[k * layout.biasGradientStride] += partial[k] }
        }
    }

    /// dW and db of the rows of slot `slot`, summed in their order into the slot's target (which
    /// is overwritten); the chunk's rows of ∂L/∂S by `scoresGradientOfRows`, a chunk at a time.
    func run(slot: Int, scoresGradientOfRows: ScoresGradientOfRows) {
        let batchRows = MinibatchSlots.range(of: slot, count: slots, batch: rows.count)
        let target = targets(of: slot)
        let rowsPerChunk = Self.rowsPerChunk(features: features)
        var first = batchRows.lowerBound
        while first < batchRows.upperBound {
            let size = first == batchRows.lowerBound ? Self.firstChunkRows(slot: slot, rowsPerChunk: rowsPerChunk) : rowsPerChunk
            let chunk = first ..< min(first + size, batchRows.upperBound)
            defer { first = chunk.upperBound }
            let chunkRows = UnsafeBufferPointer(rebasing: rows[chunk])
            if let transposedWeights {
                let upcoming = chunk.upperBound ..< min(chunk.upperBound + ClassVectorScoresKernel.rowsPerGroup, batchRows.upperBound)
                ClassVectorScoresKernel(
                    x: x, depth: features, rows: chunkRows, transposedWeights: transposedWeights,
                    weights: layout.weights.baseAddress!, weightStride: layout.weightStride,
                    classes: classes, bias: layout.bias!, biasStride: layout.biasStride, result: scores + chunk.lowerBound * classes,
                    upcomingRows: UnsafeBufferPointer(rebasing: rows[upcoming])
                ).run()
            } else {
                let scoresKernel = ScoresKernel(
                    a: x, depth: features, rows: chunkRows, b: layout.weights.baseAddress!, bStride: layout.weightStride,
                    outputs: classes, lastColumn: layout.bias, lastColumnStride: layout.biasStride,
                    result: scores + chunk.lowerBound * classes)
                scoresKernel.run(rowTiles: 0 ..< (chunk.count + ScoresKernel.rowsPerTile - 1) / ScoresKernel.rowsPerTile)
            }
            let chunkScores = UnsafeBufferPointer(start: scores + chunk.lowerBound * classes, count: chunk.count * classes)
            var chunkGradient = UnsafeMutableBufferPointer(start: scoresGradient + chunk.lowerBound * classes, count: chunk.count * classes).mutableSpan
            scoresGradientOfRows(chunk, chunkScores.span, &chunkGradient)
            let gradientKernel = WeightGradientKernel(
                c: scoresGradient + chunk.lowerBound * classes, outputs: classes, a: x, depth: features, rows: chunkRows,
                columnSums: target.bias, columnSumsStride: target.biasStride, result: target.weights, resultStride: target.weightStride,
                accumulates: chunk.lowerBound != batchRows.lowerBound)
            gradientKernel.run(columnTiles: 0 ..< features / WeightGradientKernel.columnsPerTile)
            gradientKernel.runRemainingColumns()
        }
    }
}
