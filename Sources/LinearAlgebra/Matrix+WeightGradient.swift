import CachePrefetch

// The weight gradient of a minibatch, dW = dSᵀ·X_B (and [dW db] with the bias trick): the naive
// definition first, then the fast kernel with the same inputs and outputs.

extension Matrix {
    /// Cᵀ·A[rows] by the definition: entry (k, d) is Σ_i C[i, k]·A[rows[i], d].
    ///
    /// The readable reference for `transposedMultiply(_:byRowsOf:at:)`.
    /// - Complexity: O(|rows| · C.columns · A.columns).
    ///
    /// With `appendingOne`, each row of A is read as [a; 1], and the result has one more column:
    /// Cᵀ·[A[rows] 1], whose last column is Σ_i C[i, k] (the bias trick's gradient [dW db]).
    public static func naiveTransposedMultiply(
        _ c: Matrix, byRowsOf a: Matrix, at rows: ArraySlice<Int>, appendingOne: Bool = false
    ) -> Matrix {
        precondition(c.rows == rows.count, "Cᵀ·A[rows] needs one row of C per picked row of A")
        var result = Matrix(rows: c.columns, columns: a.columns + (appendingOne ? 1 : 0))
        for k in 0..<c.columns {
            for d in 0..<result.columns {
                var sum = 0.0
                for (i, row) in rows.enumerated() {
                    sum += c[i, k] * (d < a.columns ? a[row, d] : 1)
                }
                result[k, d] = sum
            }
        }
        return result
    }

    /// Cᵀ·A[rows] written into `result`, which must be C.columns×A.columns (overwritten).
    ///
    /// Same inputs and outputs as `naiveTransposedMultiply(_:byRowsOf:at:appendingOne:)` (without
    /// the one), up to rounding: entry (k, d) is the fused multiply–add chain Σ_i C[i, k]·A[rows[i], d]
    /// in the order of `rows`. A tile of 16 columns × 10 outputs keeps its sums in registers while it
    /// streams the tile's columns of every picked row once. The column tiles are pieces that any of
    /// `threadCount` threads takes; no piece adds into another's sums, so the result is bit-identical
    /// for any thread count.
    /// - Complexity: O(|rows| · C.columns · A.columns).
    public static func transposedMultiply(
        _ c: Matrix, byRowsOf a: Matrix, at rows: ArraySlice<Int>, into result: inout Matrix,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        precondition(c.rows == rows.count, "Cᵀ·A[rows] needs one row of C per picked row of A")
        precondition(result.rows == c.columns && result.columns == a.columns, "result has the shape C.columns×A.columns")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < a.rows }, "row index out of range")
        guard a.columns > 0, !rows.isEmpty, c.columns > 0 else {
            result = naiveTransposedMultiply(c, byRowsOf: a, at: rows)
            return
        }
        // The columns after the last whole tile go with the last piece.
        let tiles = a.columns / WeightGradientKernel.columnsPerTile
        let work = rows.count * c.columns * a.columns
        let pieces = max(1, min(tiles, work / ParallelPartition.minimumWorkPerThread))
        let threads = ParallelPartition.threadCount(requested: threadCount, pieces: pieces, work: work)
        withUnsafeOperands(rowsOf: a, at: rows, reading: c, writing: &result) { a, rows, inputs, result in
            let kernel = WeightGradientKernel(c: inputs[0], outputs: c.columns, a: a, depth: a.stride, rows: rows,
                                              columnSums: nil, result: result)
            ParallelPartition.forEachPiece(pieces, threads: threads) { piece in
                kernel.run(columnTiles: tiles * piece / pieces ..< tiles * (piece + 1) / pieces)
                if piece == pieces - 1 { kernel.runRemainingColumns() }
            }
        }
    }
}

/// The fast Cᵀ·A[rows] (and Σ_i C[i, k] into `columnSums` when given) on handles that the pieces
/// share; each run of column tiles writes only its own columns of the result. With `accumulates`,
/// the sums start from what the result (and `columnSums`) already hold instead of 0: the fused
/// minibatch step adds one chunk of rows after another, and since storing and reloading a sum rounds nothing, each entry is still
/// the one multiply–add chain over all the rows in order.
struct WeightGradientKernel: @unchecked Sendable {
    static let columnsPerTile = 16
    /// Each row's two lines of the tile 4 tiles ahead (64 features) are asked for while this tile
    /// is computed: in the fused step the chunk's rows wait in L2 (or, pushed out, in L3), and the
    /// loads of a row's tile were where the kernel stalled. `cifar-like` (svm, 2 threads, alternate
    /// steps timed within one run): 1–4% less time per step (1, 2, 4, 8 and 16 tiles measured).
    static let prefetchDistance = 4 * columnsPerTile
    static let outputsPerTile = 10
    /// A whole chunk of the fused step per block, so its sums are loaded and stored once per tile:
    /// `benchmark train` (cifar-like, svm) measured 0.130 s per epoch on 1 thread and 0.0875 on 2
    /// against 0.135 and 0.093 with blocks of 16 rows.
    static let rowsPerBlock = 32

    /// C, |rows|×outputs.
    let c: UnsafeMatrixHandle
    let outputs: Int
    /// A, D = `depth` entries a row.
    let a: UnsafeMatrixHandle
    let depth: Int
    let rows: UnsafeRowIndices
    /// Σ_i C[i, k] goes to columnSums[k, 0] (the bias trick's db).
    let columnSums: UnsafeMutableMatrixHandle?
    /// outputs×D.
    let result: UnsafeMutableMatrixHandle
    var accumulates = false

    /// Computes result columns 16t..<16t+16 for each tile t in `columnTiles`, 32 batch rows at a
    /// time: each row's run of columns is then read front to back (what the prefetcher follows),
    /// and the sums wait in the result between blocks (storing and reloading them rounds nothing).
    func run(columnTiles: Range<Int>) {
        forEachBlock { block, firstOutput, isWholeGroup in
            for tile in columnTiles {
                tileProducts(rowBlock: block, firstOutput: firstOutput, firstColumn: tile * Self.columnsPerTile,
                             columns: Self.columnsPerTile, isWholeGroup: isWholeGroup)
            }
        }
    }

    /// The columns after the last whole tile (D mod 16 of them) as one narrower tile, and
    /// Σ_i C[i, k] for the bias trick's extra column (`columnSums`), each entry the chain over the
    /// rows in order. `mid` (D = 100: 4 remaining columns, 2 threads): 11% less time per epoch
    /// (0.0138 → 0.0122 s, one sitting) than a row-by-row pass whose sums sat in a buffer.
    func runRemainingColumns() {
        let firstColumn = depth / Self.columnsPerTile * Self.columnsPerTile, remaining = depth - firstColumn
        if remaining > 0 {
            forEachBlock { block, firstOutput, isWholeGroup in
                tileProducts(rowBlock: block, firstOutput: firstOutput, firstColumn: firstColumn,
                             columns: remaining, isWholeGroup: isWholeGroup)
            }
        }
        addColumnSums()
    }

    /// Calls `body` with each block of up to 32 rows and each group of up to 10 outputs, and
    /// whether the group is whole. Two copies of the tile: a whole group reads its coefficients
    /// at fixed offsets from the row of C, a short last group through clamped indices.
    @inline(__always)
    private func forEachBlock(_ body: (_ rowBlock: Range<Int>, _ firstOutput: Int, _ isWholeGroup: Bool) -> Void) {
        for firstRow in stride(from: 0, to: rows.count, by: Self.rowsPerBlock) {
            let block = firstRow ..< min(firstRow + Self.rowsPerBlock, rows.count)
            for firstOutput in stride(from: 0, to: outputs, by: Self.outputsPerTile) {
                if firstOutput + Self.outputsPerTile <= outputs {
                    body(block, firstOutput, true)
                } else {
                    body(block, firstOutput, false)
                }
            }
        }
    }

    /// Σ_i C[i, k] into `columnSums` (added to what it holds when `accumulates`), rows in order.
    private func addColumnSums() {
        guard let columnSums else { return }
        for k in 0..<outputs {
            var sum = accumulates ? columnSums[k, 0] : 0
            for i in 0..<rows.count { sum += c[i, k] }
            columnSums[k, 0] = sum
        }
    }

    /// Lanes first..<first+8 of the `columns` doubles at `pointer`, zeros past them: a tile
    /// narrower than 16 reads nothing beyond its columns (past them may lie the end of X).
    @inline(__always)
    private func loadLanes(_ pointer: UnsafePointer<Double>, _ first: Int, _ columns: Int) -> SIMD8<Double> {
        var lanes = SIMD8<Double>.zero
        for lane in 0..<max(0, min(8, columns - first)) { lanes[lane] = pointer[first + lane] }
        return lanes
    }

    /// The 10 outputs × 16 columns of one tile (or its first `columns` < 16, the rest zeros) over
    /// the rows of `rowBlock`, added to the sums of the earlier blocks and stored for the outputs
    /// and columns that exist. A short last group (not `isWholeGroup`) repeats its last output;
    /// the repeats are computed, never stored.
    @inline(__always)
    private func tileProducts(rowBlock: Range<Int>, firstOutput: Int, firstColumn: Int, columns: Int, isWholeGroup: Bool) {
        let lastOutput = outputs - 1, isWholeTile = columns == Self.columnsPerTile
        // Two allocations of at most 1 KiB each: always on the stack, so LLVM keeps them in registers.
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: Self.outputsPerTile) { lowSums in
            withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: Self.outputsPerTile) { highSums in
                let fresh = rowBlock.lowerBound == 0 && !accumulates
                for t in 0..<Self.outputsPerTile {
                    let sums = result.row(min(firstOutput &+ t, lastOutput)) + firstColumn
                    lowSums[t] = fresh ? .zero : isWholeTile ? loadVector(sums) : loadLanes(sums, 0, columns)
                    highSums[t] = fresh ? .zero : isWholeTile ? loadVector(sums + 8) : loadLanes(sums, 8, columns)
                }
                let prefetches = firstColumn + Self.prefetchDistance + Self.columnsPerTile <= depth
                var cRow = c.row(rowBlock.lowerBound) + firstOutput
                let lastOffset = lastOutput &- firstOutput
                for index in rowBlock {
                    let row = rows[index]
                    let aTile = a.row(row) + firstColumn
                    if prefetches {
                        prefetchForReading(aTile + Self.prefetchDistance)
                        prefetchForReading(aTile + (Self.prefetchDistance &+ 8))
                    }
                    let low = isWholeTile ? loadVector(aTile) : loadLanes(aTile, 0, columns)
                    let high = isWholeTile ? loadVector(aTile + 8) : loadLanes(aTile, 8, columns)
                    for t in 0..<Self.outputsPerTile {
                        let coefficient = SIMD8<Double>(repeating: cRow[isWholeGroup ? t : min(t, lastOffset)])
                        lowSums[t].addProduct(coefficient, low)
                        highSums[t].addProduct(coefficient, high)
                    }
                    cRow += c.stride
                }
                for t in 0..<Self.outputsPerTile where firstOutput + t < outputs {
                    let target = result.row(firstOutput + t) + firstColumn
                    if isWholeTile {
                        UnsafeMutableRawPointer(target).storeBytes(of: lowSums[t], as: SIMD8<Double>.self)
                        UnsafeMutableRawPointer(target).storeBytes(of: highSums[t], toByteOffset: 64, as: SIMD8<Double>.self)
                    } else {
                        for d in 0..<columns { target[d] = d < 8 ? lowSums[t][d] : highSums[t][d - 8] }
                    }
                }
            }
        }
    }
}
