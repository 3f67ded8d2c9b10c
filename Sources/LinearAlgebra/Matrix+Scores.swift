// The scores of a minibatch, S = X_B·Wᵀ (+ b with the bias trick): the naive definition first,
// then the fast kernel with the same inputs and outputs.

extension Matrix {
    /// A[rows]·Bᵀ by the definition: entry (i, k) is Σ_d A[rows[i], d]·B[k, d].
    ///
    /// The readable reference for `multiplyTransposed(rowsOf:at:by:)`.
    /// - Complexity: O(|rows| · B.rows · A.columns).
    ///
    /// With `appendingOne`, each row of A is read as [a; 1] and B has one more column than A: the
    /// bias trick [x; 1]·[W b]ᵀ, whose last term adds b_k·1 after the dot product.
    public static func naiveMultiplyTransposed(
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, appendingOne: Bool = false
    ) -> Matrix {
        precondition(a.columns + (appendingOne ? 1 : 0) == b.columns, "A[rows]·Bᵀ needs matching column counts")
        var result = Matrix(rows: rows.count, columns: b.rows)
        for (i, row) in rows.enumerated() {
            for k in 0..<b.rows {
                var sum = 0.0
                for d in 0..<a.columns {
                    sum += a[row, d] * b[k, d]
                }
                if appendingOne { sum += b[k, a.columns] * 1 }
                result[i, k] = sum
            }
        }
        return result
    }

    /// A[rows]·Bᵀ written into `result`, which must be |rows|×B.rows (no allocation).
    ///
    /// Same inputs and outputs as `naiveMultiplyTransposed(rowsOf:at:by:appendingOne:)` (without
    /// the one), up to the rounding of a reordered sum: entry (i, k) accumulates A[rows[i], d]·B[k, d]
    /// with fused multiply–adds in eight lanes (d mod 8), adds the lanes pairwise, then the last
    /// D mod 8 terms. Each picked row of A is streamed from memory once: a tile of 4 rows × 5
    /// outputs keeps its 20 eight-wide sums in registers, over blocks of 4,096 columns (a whole
    /// cifar-like row). The row tiles are pieces that any of `threadCount` threads takes; each
    /// entry is its own sum, so the result does not depend on the thread count (bit for bit).
    /// - Complexity: O(|rows| · B.rows · A.columns).
    public static func multiplyTransposed(
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, into result: inout Matrix,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        precondition(a.columns == b.columns, "A[rows]·Bᵀ needs matching column counts")
        precondition(result.rows == rows.count && result.columns == b.rows, "result has the shape |rows|×B.rows")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < a.rows }, "row index out of range")
        guard a.columns > 0, !rows.isEmpty, b.rows > 0 else {
            result = naiveMultiplyTransposed(rowsOf: a, at: rows, by: b)
            return
        }
        let tiles = (rows.count + ScoresKernel.rowsPerTile - 1) / ScoresKernel.rowsPerTile
        let work = rows.count * b.rows * a.columns
        let pieces = min(tiles, max(1, work / ParallelPartition.minimumWorkPerThread))
        let threads = ParallelPartition.threadCount(requested: threadCount, pieces: pieces, work: work)
        withUnsafeOperands(rowsOf: a, at: rows, reading: b, writing: &result) { a, rows, inputs, result in
            let kernel = ScoresKernel(a: a, depth: a.stride, rows: rows, b: inputs[0], outputs: b.rows, lastColumn: nil, result: result)
            ParallelPartition.forEachPiece(pieces, threads: threads) { piece in
                kernel.run(rowTiles: tiles * piece / pieces ..< tiles * (piece + 1) / pieces)
            }
        }
    }

    /// A·Bᵀ for whole matrices: every row of A against every row of B (the embeddings E = X·Vᵀ of a
    /// whole split).
    public func multiplyingTransposed(_ b: Matrix) -> Matrix {
        var result = Matrix(rows: rows, columns: b.rows)
        Matrix.multiplyTransposed(rowsOf: self, at: Array(0..<rows)[...], by: b, into: &result)
        return result
    }
}

/// The fast A[rows]·Bᵀ (+ 1·cᵀ when `lastColumn` is given) on handles that the pieces share; each
/// run of row tiles writes only its own rows of the result.
///
/// A run goes through its row tiles in chunks of `tilesPerChunk`; within a chunk, through the
/// columns in blocks of `columnsPerBlock`, and within a block through each tile's output groups.
/// Between blocks, each tile's eight-wide sums wait in `partialSums` (storing and reloading them
/// rounds nothing), so every entry still sums its lanes over d in increasing order.
struct ScoresKernel: @unchecked Sendable {
    static let rowsPerTile = 4
    static let outputsPerTile = 5
    /// One tile of 4 rows at a time, over blocks of 4,096 columns: B (245 KiB at cifar-like sizes)
    /// comes from the L2 cache, and each row of A is one long run that the prefetcher follows.
    /// Measured with `benchmark kernels` (1 thread, cifar-like): 0.070 s per epoch against 0.091 s
    /// with blocks of 256 columns over chunks of 4 tiles (B's block kept in L1), and 1,024-column
    /// blocks were no faster in `benchmark train`.
    static let columnsPerBlock = 4096
    static let tilesPerChunk = 1
    static let sumsPerTile = rowsPerTile * outputsPerTile

    /// A, D = `depth` entries a row.
    let a: UnsafeMatrixHandle
    let depth: Int
    let rows: UnsafeRowIndices
    /// B, one row per output k.
    let b: UnsafeMatrixHandle
    let outputs: Int
    /// c_k = lastColumn[k, 0], added after the dot product (the bias trick's b).
    let lastColumn: UnsafeMatrixHandle?
    /// |rows|×outputs.
    let result: UnsafeMutableMatrixHandle

    var groups: Int { (outputs + Self.outputsPerTile - 1) / Self.outputsPerTile }

    /// Computes the result rows of tiles `rowTiles` (tile t covers batch rows 4t..<4t+4).
    func run(rowTiles: Range<Int>) {
        let vectorDepth = depth & ~7
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: Self.tilesPerChunk * groups * Self.sumsPerTile) { partialSums in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: Self.rowsPerTile) { aRows in
                withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: Self.outputsPerTile) { bRows in
                    for firstTile in stride(from: rowTiles.lowerBound, to: rowTiles.upperBound, by: Self.tilesPerChunk) {
                        let chunk = firstTile ..< min(firstTile + Self.tilesPerChunk, rowTiles.upperBound)
                        for firstColumn in stride(from: 0, to: max(vectorDepth, 1), by: Self.columnsPerBlock) {
                            let columns = firstColumn ..< min(firstColumn + Self.columnsPerBlock, vectorDepth)
                            for tile in chunk {
                                pointRows(aRows, atTile: tile)
                                for group in 0..<groups {
                                    pointOutputs(bRows, atGroup: group)
                                    let sums = partialSums.baseAddress! + ((tile - firstTile) * groups + group) * Self.sumsPerTile
                                    accumulate(into: sums, aRows: aRows, bRows: bRows, columns: columns)
                                }
                            }
                        }
                        for tile in chunk {
                            pointRows(aRows, atTile: tile)
                            for group in 0..<groups {
                                pointOutputs(bRows, atGroup: group)
                                let sums = partialSums.baseAddress! + ((tile - firstTile) * groups + group) * Self.sumsPerTile
                                finish(sums, aRows: aRows, bRows: bRows, firstRow: tile * Self.rowsPerTile,
                                       firstOutput: group * Self.outputsPerTile, vectorDepth: vectorDepth)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rows of A of `tile`; a short last tile repeats its last row (computed, never stored).
    @inline(__always)
    private func pointRows(_ aRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, atTile tile: Int) {
        for r in 0..<Self.rowsPerTile {
            aRows[r] = a.row(rows[min(tile * Self.rowsPerTile + r, rows.count - 1)])
        }
    }

    /// The rows of B of output group `group`; a short last group repeats its last output.
    @inline(__always)
    private func pointOutputs(_ bRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, atGroup group: Int) {
        for t in 0..<Self.outputsPerTile {
            bRows[t] = b.row(min(group * Self.outputsPerTile + t, outputs - 1))
        }
    }

    /// Adds the 4×5 tile's products over `columns` (a whole number of 8-wide steps) to `sums`
    /// (set to them when the block is the first).
    @inline(__always)
    private func accumulate(
        into sums: UnsafeMutablePointer<SIMD8<Double>>, aRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>,
        bRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, columns: Range<Int>
    ) {
        let halfTile = Self.sumsPerTile / 2
        // Rows 0–1 and rows 2–3 in two allocations of at most 1 KiB each: always on the stack, so
        // LLVM keeps all 20 sums in registers.
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: halfTile) { firstSums in
            withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: halfTile) { secondSums in
                withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: Self.rowsPerTile) { aVectors in
                    for index in 0..<halfTile {
                        firstSums[index] = columns.lowerBound == 0 ? .zero : sums[index]
                        secondSums[index] = columns.lowerBound == 0 ? .zero : sums[halfTile + index]
                    }
                    var d = columns.lowerBound
                    while d < columns.upperBound {
                        for r in 0..<Self.rowsPerTile { aVectors[r] = loadVector(aRows[r] + d) }
                        for t in 0..<Self.outputsPerTile {
                            let bVector = loadVector(bRows[t] + d)
                            for r in 0..<Self.rowsPerTile / 2 {
                                firstSums[r &* Self.outputsPerTile &+ t].addProduct(aVectors[r], bVector)
                                secondSums[r &* Self.outputsPerTile &+ t].addProduct(aVectors[r &+ 2], bVector)
                            }
                        }
                        d &+= 8
                    }
                    for index in 0..<halfTile {
                        sums[index] = firstSums[index]
                        sums[halfTile + index] = secondSums[index]
                    }
                }
            }
        }
    }

    /// Stores the tile's entries that exist: each lane sum, then the last D mod 8 terms, then c_k.
    @inline(__always)
    private func finish(
        _ sums: UnsafeMutablePointer<SIMD8<Double>>, aRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>,
        bRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, firstRow: Int, firstOutput: Int, vectorDepth: Int
    ) {
        let halfTile = Self.sumsPerTile / 2
        for r in 0..<Self.rowsPerTile where firstRow + r < rows.count {
            for t in 0..<Self.outputsPerTile where firstOutput + t < outputs {
                var sum = vectorDepth == 0 ? 0 : laneSum(sums[r / 2 * halfTile + r % 2 * Self.outputsPerTile + t])
                for d in vectorDepth..<depth { sum.addProduct(aRows[r][d], bRows[t][d]) }
                if let lastColumn { sum += lastColumn[firstOutput + t, 0] }
                result[firstRow + r, firstOutput + t] = sum
            }
        }
    }
}

/// Eight consecutive doubles from `pointer` (any alignment).
@inline(__always)
func loadVector(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Double>.self)
}

/// The sum of the eight lanes in a fixed pairwise order: ((v₀+v₄)+(v₂+v₆)) + ((v₁+v₅)+(v₃+v₇)).
@inline(__always)
func laneSum(_ vector: SIMD8<Double>) -> Double {
    let half = vector.lowHalf + vector.highHalf
    let quarter = half.lowHalf + half.highHalf
    return quarter[0] + quarter[1]
}
