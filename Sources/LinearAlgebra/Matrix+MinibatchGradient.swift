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
    /// dW = dSᵀ·X_B and db = Σᵢ dSᵢ (summed over the batch rows i) for S = X_B·Wᵀ + 1·bᵀ and
    /// row i of dS written by `scoresGradientOfRows` (called row by row), by the definition: the composition of
    /// `naiveMultiplyTransposed` on [W b], the loss row by row, and `naiveTransposedMultiply`
    /// with the bias trick's column of ones.
    ///
    /// The readable reference for `minibatchGradient(rowsOf:at:weights:bias:scoresGradientOfRows:…)`.
    /// - Complexity: O(B·K·D) for a batch of B rows, K classes, D features.
    public static func naiveMinibatchGradient(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, weights: Matrix, bias: Matrix, scoresGradientOfRows: ScoresGradientOfRows
    ) -> (weightGradient: Matrix, biasGradient: Matrix) {
        let classes = weights.rows, features = x.columns
        let augmented = Matrix(rows: classes, columns: features + 1,
                               elements: (0..<classes).flatMap { weights.row($0) + [bias[$0, 0]] })
        let scores = naiveMultiplyTransposed(rowsOf: x, at: rows, by: augmented, appendingOne: true)
        var scoresGradient = Matrix(rows: rows.count, columns: classes)
        var gradientRows = scoresGradient.elements.mutableSpan
        for i in 0..<rows.count where classes > 0 {
            var row = gradientRows.extracting(i * classes ..< (i + 1) * classes)
            scoresGradientOfRows(i ..< i + 1, scores.elements.span.extracting(i * classes ..< (i + 1) * classes), &row)
        }
        let both = naiveTransposedMultiply(scoresGradient, byRowsOf: x, at: rows, appendingOne: true)
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
        precondition(rows.allSatisfy { $0 >= 0 && $0 < x.rows }, "row index out of range")
        guard !rows.isEmpty, classes > 0, features > 0 else {
            (weightGradient, biasGradient) = naiveMinibatchGradient(
                rowsOf: x, at: rows, weights: weights, bias: bias, scoresGradientOfRows: scoresGradientOfRows)
            return
        }
        let batch = rows.count, slots = MinibatchSlots.count(batch: batch)
        scratch.reserve(batch: batch, classes: classes, features: features, slots: slots)
        let work = 2 * batch * classes * features
        let threads = max(1, min(threadCount, slots, work / MinibatchGradientKernel.minimumWorkPerThread))
        let classVectors = ClassVectorScoresKernel.handles(classes: classes, features: features)
        if classVectors { ClassVectorScoresKernel.transpose(weights, into: &scratch.transposedWeights, threadCount: threads) }
        x.elements.withUnsafeBufferPointer { xBuffer in
        weights.elements.withUnsafeBufferPointer { wBuffer in
        bias.elements.withUnsafeBufferPointer { bBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
        scratch.scores.withUnsafeMutableBufferPointer { scores in
        scratch.scoresGradient.withUnsafeMutableBufferPointer { scoresGradient in
        scratch.partialWeightGradients.withUnsafeMutableBufferPointer { partialWeights in
        scratch.partialBiasGradients.withUnsafeMutableBufferPointer { partialBiases in
        weightGradient.elements.withUnsafeMutableBufferPointer { dW in
        biasGradient.elements.withUnsafeMutableBufferPointer { db in
        scratch.transposedWeights.withUnsafeBufferPointer { transposedWeights in
            let kernel = MinibatchGradientKernel(
                x: xBuffer.baseAddress!, features: features, rows: rowBuffer, weights: wBuffer.baseAddress!,
                bias: bBuffer.baseAddress!, classes: classes, scores: scores.baseAddress!,
                scoresGradient: scoresGradient.baseAddress!, weightGradient: dW.baseAddress!, biasGradient: db.baseAddress!,
                partialWeightGradients: partialWeights.baseAddress, partialBiasGradients: partialBiases.baseAddress,
                slots: slots, transposedWeights: classVectors ? transposedWeights.baseAddress : nil)
            ParallelPartition.forEachPart(units: slots, threads: threads) { part in
                for slot in part { kernel.run(slot: slot, scoresGradientOfRows: scoresGradientOfRows) }
            }
            kernel.addPartialGradients(threadCount: threads)
        }}}}}}}}}}}
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
    let weights: UnsafePointer<Double>
    let bias: UnsafePointer<Double>
    let classes: Int
    let scores: UnsafeMutablePointer<Double>
    let scoresGradient: UnsafeMutablePointer<Double>
    let weightGradient: UnsafeMutablePointer<Double>
    let biasGradient: UnsafeMutablePointer<Double>
    /// Slot s ≥ 1 sums into partial s − 1 (K×D and K); slot 0 straight into dW and db.
    let partialWeightGradients: UnsafeMutablePointer<Double>?
    let partialBiasGradients: UnsafeMutablePointer<Double>?
    let slots: Int
    /// Wᵀ padded for `ClassVectorScoresKernel` when it serves K classes, else nil (`ScoresKernel`).
    let transposedWeights: UnsafePointer<Double>?

    /// The dW and db that slot `slot` sums into.
    private func targets(of slot: Int) -> (weights: UnsafeMutablePointer<Double>, bias: UnsafeMutablePointer<Double>) {
        guard slot > 0, let partialWeightGradients, let partialBiasGradients else { return (weightGradient, biasGradient) }
        return (partialWeightGradients + (slot - 1) * classes * features, partialBiasGradients + (slot - 1) * classes)
    }

    /// Adds the partial dW and db of slots 1, 2, … in that order to slot 0's, dW split over up
    /// to `threadCount` threads (each entry's sum in slot order whatever the split).
    func addPartialGradients(threadCount: Int) {
        ParallelPartition.forEachElementRange(count: classes * features, threads: threadCount) { part in
            for slot in 1..<slots {
                let partial = targets(of: slot).weights
                for index in part { weightGradient[index] += partial[index] }
            }
        }
        for slot in 1..<slots {
            let partial = targets(of: slot).bias
            for k in 0..<classes { biasGradient[k] += partial[k] }
        }
    }

    /// dW and db of the rows of slot `slot`, summed in their order into the slot's target (which
    /// is overwritten); the chunk's rows of ∂L/∂S by `scoresGradientOfRows`, a chunk at a time.
    func run(slot: Int, scoresGradientOfRows: ScoresGradientOfRows) {
        let batchRows = MinibatchSlots.range(of: slot, count: slots, batch: rows.count)
        let (weightTarget, biasTarget) = targets(of: slot)
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
                    x: x, depth: features, rows: chunkRows, transposedWeights: transposedWeights, weights: weights,
                    classes: classes, bias: bias, result: scores + chunk.lowerBound * classes,
                    upcomingRows: UnsafeBufferPointer(rebasing: rows[upcoming])
                ).run()
            } else {
                let scoresKernel = ScoresKernel(
                    a: x, depth: features, rows: chunkRows, b: weights, bStride: features, outputs: classes,
                    lastColumn: bias, lastColumnStride: 1, result: scores + chunk.lowerBound * classes)
                scoresKernel.run(rowTiles: 0 ..< (chunk.count + ScoresKernel.rowsPerTile - 1) / ScoresKernel.rowsPerTile)
            }
            let chunkScores = UnsafeBufferPointer(start: scores + chunk.lowerBound * classes, count: chunk.count * classes)
            var chunkGradient = UnsafeMutableBufferPointer(start: scoresGradient + chunk.lowerBound * classes, count: chunk.count * classes).mutableSpan
            scoresGradientOfRows(chunk, chunkScores.span, &chunkGradient)
            let gradientKernel = WeightGradientKernel(
                c: scoresGradient + chunk.lowerBound * classes, outputs: classes, a: x, depth: features, rows: chunkRows,
                columnSums: biasTarget, columnSumsStride: 1, result: weightTarget, resultStride: features,
                accumulates: chunk.lowerBound != batchRows.lowerBound)
            gradientKernel.run(columnTiles: 0 ..< features / WeightGradientKernel.columnsPerTile)
            gradientKernel.runRemainingColumns()
        }
    }
}
