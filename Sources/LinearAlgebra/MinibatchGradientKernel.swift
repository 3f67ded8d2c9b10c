/// The fused SGD step of `Matrix.minibatchGradient` on handles that the pieces share: piece p of
/// `MinibatchPieces` computes the scores, ∂L/∂S and the dW and db of its own rows, a chunk at a
/// time, into its own sums (piece 0 into dW and db themselves, piece p ≥ 1 into partial p); then
/// the partial sums are added to piece 0's in piece order. Each piece writes only its own rows of
/// the scores and ∂L/∂S and its own sums, so the pieces can run on any threads in any order. More
/// threads than pieces share the same sums in two phases (`runInTwoPhases`).
struct MinibatchGradientKernel: @unchecked Sendable {
    /// Below this many multiply–adds per thread a step stays on the calling thread. With
    /// `concurrentPerform` (tens of µs per wake-up) `mid` (D = 100: 400,000 multiply–adds per step)
    /// was slower on 2 threads than on 1 and the bound was 2²¹; with helper threads that stay awake
    /// between calls (about a µs per hand-off) 2 threads take `mid` from 0.018 to 0.013 s per epoch.
    static let minimumWorkPerThread = 1 << 17

    /// The rows of a chunk: 32 (4 groups of the class-vector scores kernel, 8 tiles of the other,
    /// 1 row block of the gradient kernel), or 24 when 32 rows of D features would pass 512 KiB,
    /// so that the chunk stays in the L2 cache beside W, Wᵀ and the piece's dW. Measured in
    /// `benchmark train` (svm, medians of 5): cifar-like 0.123 → 0.113 s per epoch on 1 thread and
    /// 0.0666 → 0.0657 on 2 with 24 rows (48 rows: 0.124 and 0.073); `mid` (D = 100) is faster
    /// with 32 (0.0105 against 0.0108 s per epoch on 2 threads).
    static func rowsPerChunk(features: Int) -> Int {
        32 * features * MemoryLayout<Double>.stride <= 1 << 19 ? 32 : 24
    }

    let x: UnsafeMatrixHandle
    let features: Int
    let rows: UnsafeRowIndices
    /// W, b, dW and db where they lie.
    let layout: AffineParameterLayout
    let classes: Int
    let buffers: MinibatchGradientScratch.Buffers
    let pieces: Int
    /// Whether `ClassVectorScoresKernel` computes the scores (from `buffers.transposedWeights`),
    /// else `ScoresKernel`.
    let classVectors: Bool

    /// The whole step: Wᵀ for the class-vector kernel, the pieces on up to `threadCount` threads,
    /// taken last first, then the pieces' partial gradients added in piece order. Taken in piece
    /// order, a batch of 200 with K = 10 (pieces of 96 and 104 rows) left the caller with the
    /// shorter piece and the helper, which starts later, with the longer: traced on `mid` (2 quiet
    /// threads), the caller then waited a median 1.5–6.7 µs a step for the helper, and 0.3 µs with
    /// the last piece first; the order of the sums, and so the bits, does not change. With more
    /// threads than pieces (cifar-like's 2 pieces on a 4-core machine) the pieces' work is shared
    /// in two phases (`runInTwoPhases`): the same sums in the same order, so the same bits.
    /// - Precondition: at least one row, class and feature (the callers take empty shapes apart).
    static func step(
        x: UnsafeMatrixHandle, rows: UnsafeRowIndices, layout: AffineParameterLayout, classes: Int,
        scoresGradientOfRows: ScoresGradientOfRows, scratch: inout MinibatchGradientScratch, threadCount: Int
    ) {
        let features = x.stride, batch = rows.count, pieces = MinibatchPieces.count(batch: batch, classes: classes, features: features)
        let threads = max(1, min(threadCount, 2 * batch * classes * features / minimumWorkPerThread))
        let classVectors = ClassVectorScoresKernel.handles(classes: classes, features: features)
        let buffers = scratch.buffers(batch: batch, classes: classes, features: features, pieces: pieces,
                                      transposedWidth: ClassVectorScoresKernel.paddedClasses(classes))
        if classVectors {
            ClassVectorScoresKernel.transpose(layout.weights, classes: classes, features: features, into: buffers.transposedWeights,
                                              threadCount: threads)
        }
        let kernel = MinibatchGradientKernel(x: x, features: features, rows: rows, layout: layout, classes: classes,
                                             buffers: buffers, pieces: pieces, classVectors: classVectors)
        if threads <= pieces {
            // Last piece first: the caller, which posts the job, usually takes the first piece
            // taken (a helper starts about half a µs later), and the last piece has the most groups
            // of rows.
            ParallelPartition.forEachPiece(pieces, threads: threads) { index in
                kernel.run(piece: pieces - 1 - index, scoresGradientOfRows: scoresGradientOfRows)
            }
        } else {
            kernel.runInTwoPhases(threads: threads, scoresGradientOfRows: scoresGradientOfRows)
        }
        kernel.addPartialGradients(threadCount: threads)
    }

    /// The dW and db that piece `piece` sums into: piece 0 the result's own, piece p ≥ 1 partial p − 1.
    private func targets(of piece: Int) -> (weights: UnsafeMutableMatrixHandle, bias: UnsafeMutableMatrixHandle) {
        guard piece > 0 else { return (layout.weightGradient, layout.biasGradient) }
        return (buffers.partialWeightGradients.rows(from: (piece - 1) * classes),
                buffers.partialBiasGradients.rows(from: (piece - 1) * classes))
    }

    /// How many chunks piece `piece` has: its rows, `rowsPerChunk(features:)` at a time from its first.
    private func chunkCount(of piece: Int) -> Int {
        let rowsPerChunk = Self.rowsPerChunk(features: features)
        return (MinibatchPieces.range(of: piece, count: pieces, batch: rows.count).count + rowsPerChunk - 1) / rowsPerChunk
    }

    /// The batch rows of chunk `index` of piece `piece`.
    private func chunk(_ index: Int, of piece: Int) -> Range<Int> {
        let pieceRows = MinibatchPieces.range(of: piece, count: pieces, batch: rows.count)
        let first = pieceRows.lowerBound + index * Self.rowsPerChunk(features: features)
        return first ..< min(first + Self.rowsPerChunk(features: features), pieceRows.upperBound)
    }

    /// dW and db of the rows of piece `piece`, summed in their order into the piece's target (which
    /// is overwritten); the chunk's rows of ∂L/∂S by `scoresGradientOfRows`, a chunk at a time, and
    /// the chunk's share of dW while its rows are in the cache.
    func run(piece: Int, scoresGradientOfRows: ScoresGradientOfRows) {
        for index in 0..<chunkCount(of: piece) {
            let chunk = chunk(index, of: piece)
            writeScoresGradient(of: chunk, scoresGradientOfRows: scoresGradientOfRows)
            let gradientKernel = gradientKernel(of: chunk, into: targets(of: piece), accumulates: index > 0)
            gradientKernel.run(columnTiles: 0 ..< features / WeightGradientKernel.columnsPerTile)
            gradientKernel.runRemainingColumns()
        }
    }

    /// The rows of S and ∂L/∂S of the batch rows `chunk`: the scores (the sums of
    /// `minibatchScores(rowsOf:at:weights:bias:into:)`, b added after the dot product), then the
    /// loss's ∂L/∂S of them.
    private func writeScoresGradient(of chunk: Range<Int>, scoresGradientOfRows: ScoresGradientOfRows) {
        let chunkRows = rows.extracting(chunk), chunkScores = buffers.scores.rows(from: chunk.lowerBound)
        if classVectors {
            let upcoming = chunk.upperBound ..< min(chunk.upperBound + ClassVectorScoresKernel.rowsPerGroup, rows.count)
            ClassVectorScoresKernel(
                x: x, depth: features, rows: chunkRows, transposedWeights: buffers.transposedWeights.reading,
                weights: layout.weights, classes: classes, bias: layout.bias, result: chunkScores,
                upcomingRows: rows.extracting(upcoming)
            ).run()
        } else {
            ScoresKernel(a: x, depth: features, rows: chunkRows, b: layout.weights, outputs: classes, lastColumn: layout.bias,
                         result: chunkScores)
                .run(rowTiles: 0 ..< (chunk.count + ScoresKernel.rowsPerTile - 1) / ScoresKernel.rowsPerTile)
        }
        let entries = chunk.lowerBound * classes ..< chunk.upperBound * classes
        var chunkGradient = buffers.scoresGradient.entries(entries).mutableSpan
        scoresGradientOfRows(chunk, UnsafeBufferPointer(buffers.scores.entries(entries)).span, &chunkGradient)
    }

    /// dSᵀ·X and Σ dS over the batch rows `rows` (∂L/∂S written), into `target`: added to what it
    /// holds when `accumulates`, each entry the chain over the rows in order.
    private func gradientKernel(
        of rows: Range<Int>, into target: (weights: UnsafeMutableMatrixHandle, bias: UnsafeMutableMatrixHandle), accumulates: Bool
    ) -> WeightGradientKernel {
        WeightGradientKernel(c: buffers.scoresGradient.rows(from: rows.lowerBound).reading, outputs: classes, a: x, depth: features,
                             rows: self.rows.extracting(rows), columnSums: target.bias, result: target.weights,
                             accumulates: accumulates)
    }

    /// The pieces' work on more threads than pieces, in two jobs: first every chunk's S and ∂L/∂S
    /// (any thread, any chunk), then each piece's dW in runs of column tiles (any thread, any run),
    /// each run over all the piece's rows in order. Each entry of a piece's sums is then the same
    /// multiply–add chain as in `run(piece:)` (storing and reloading a sum between chunks rounds
    /// nothing), so the bits do not change; the price is that a row of X is read a second time for
    /// dW, from the cache of whichever core scored it.
    func runInTwoPhases(threads: Int, scoresGradientOfRows: ScoresGradientOfRows) {
        let chunks = (0..<pieces).reduce(0) { $0 + chunkCount(of: $1) }
        ParallelPartition.forEachPiece(chunks, threads: threads) { index in
            writeScoresGradient(of: chunk(numbered: index), scoresGradientOfRows: scoresGradientOfRows)
        }
        // about 2 runs a thread, so that a thread that falls behind delays a small share
        let tiles = features / WeightGradientKernel.columnsPerTile
        let runsPerPiece = max(1, min(tiles, 2 * ((threads + pieces - 1) / pieces)))
        ParallelPartition.forEachPiece(pieces * runsPerPiece, threads: threads) { index in
            let (piece, run) = index.quotientAndRemainder(dividingBy: runsPerPiece)
            let gradientKernel = gradientKernel(of: MinibatchPieces.range(of: piece, count: pieces, batch: rows.count),
                                                into: targets(of: piece), accumulates: false)
            gradientKernel.run(columnTiles: tiles * run / runsPerPiece ..< tiles * (run + 1) / runsPerPiece)
            if run == runsPerPiece - 1 { gradientKernel.runRemainingColumns() }
        }
    }

    /// The batch rows of chunk `index` of the step, the chunks numbered piece after piece.
    private func chunk(numbered index: Int) -> Range<Int> {
        var index = index, piece = 0
        while piece < pieces - 1 {
            let count = chunkCount(of: piece)
            guard index >= count else { break }
            index -= count
            piece += 1
        }
        return chunk(index, of: piece)
    }

    /// Adds the partial dW and db of pieces 1, 2, … in that order to piece 0's, dW's rows split
    /// over up to `threadCount` threads (each entry's sum in piece order whatever the split): per
    /// row, eight entries at a time, each partial read once.
    func addPartialGradients(threadCount: Int) {
        guard pieces > 1 else { return }
        let (dW, db, partials) = (layout.weightGradient, layout.biasGradient, buffers.partialWeightGradients)
        let (classes, features, pieces) = (classes, features, pieces)
        let vectorFeatures = features & ~7
        ParallelPartition.forEachElementRange(count: classes, entriesPerElement: features, threads: threadCount) { part in
            for k in part {
                let target = dW.row(k)
                for d in stride(from: 0, to: vectorFeatures, by: 8) {
                    var sum = loadVector(target + d)
                    for piece in 1..<pieces { sum += loadVector(partials.row((piece - 1) * classes + k) + d) }
                    UnsafeMutableRawPointer(target + d).storeBytes(of: sum, as: SIMD8<Double>.self)
                }
                for d in vectorFeatures..<features {
                    for piece in 1..<pieces { target[d] += partials[(piece - 1) * classes + k, d] }
                }
            }
        }
        for piece in 1..<pieces {
            for k in 0..<classes { db[k, 0] += buffers.partialBiasGradients[(piece - 1) * classes + k, 0] }
        }
    }
}
