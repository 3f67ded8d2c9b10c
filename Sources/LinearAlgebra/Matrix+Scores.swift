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

    /// A[rows]·Bᵀ: the scores of a minibatch, rows of A picked by index without copying them.
    ///
    /// Same inputs and outputs as `naiveMultiplyTransposed(rowsOf:at:by:)`.
    /// - Complexity: O(|rows| · B.rows · A.columns).
    public static func multiplyTransposed(
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, appendingOne: Bool = false,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) -> Matrix {
        var result = Matrix(rows: rows.count, columns: b.rows)
        multiplyTransposed(rowsOf: a, at: rows, by: b, appendingOne: appendingOne, into: &result, threadCount: threadCount)
        return result
    }

    /// A[rows]·Bᵀ written into `result`, which must be |rows|×B.rows (no allocation).
    ///
    /// Same inputs and outputs as `naiveMultiplyTransposed(rowsOf:at:by:)`, up to the rounding of
    /// a reordered sum: entry (i, k) accumulates A[rows[i], d]·B[k, d] with fused multiply–adds in
    /// eight lanes (d mod 8), adds the lanes pairwise, then the last D mod 8 terms, then b_k.
    /// Each picked row of A is streamed from memory once: a tile of 4 rows × 5 outputs keeps its
    /// 20 eight-wide sums in registers. The batch rows are split over `threadCount` threads;
    /// the result does not depend on the thread count (bit for bit).
    /// - Complexity: O(|rows| · B.rows · A.columns).
    public static func multiplyTransposed(
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, appendingOne: Bool = false, into result: inout Matrix,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        precondition(a.columns + (appendingOne ? 1 : 0) == b.columns, "A[rows]·Bᵀ needs matching column counts")
        precondition(result.rows == rows.count && result.columns == b.rows, "result has the shape |rows|×B.rows")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < a.rows }, "row index out of range")
        guard a.columns > 0, !rows.isEmpty, b.rows > 0 else {
            result = naiveMultiplyTransposed(rowsOf: a, at: rows, by: b, appendingOne: appendingOne)
            return
        }
        let tiles = (rows.count + ScoresKernel.rowsPerTile - 1) / ScoresKernel.rowsPerTile
        let threads = ParallelPartition.threadCount(
            requested: threadCount, units: tiles, work: rows.count * b.rows * a.columns)
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                rows.withUnsafeBufferPointer { rowBuffer in
                    result.elements.withUnsafeMutableBufferPointer { out in
                        let kernel = ScoresKernel(
                            a: aBuffer.baseAddress!, depth: a.columns, rows: rowBuffer,
                            b: bBuffer.baseAddress!, bStride: b.columns, outputs: b.rows,
                            appendingOne: appendingOne, result: out.baseAddress!)
                        ParallelPartition.forEachPart(units: tiles, threads: threads) { kernel.run(rowTiles: $0) }
                    }
                }
            }
        }
    }

    /// A·Bᵀ for whole matrices: every row of A against every row of B.
    public func multiplyingTransposed(_ b: Matrix) -> Matrix {
        Matrix.multiplyTransposed(rowsOf: self, at: Array(0..<rows)[...], by: b)
    }
}

/// The fast A[rows]·Bᵀ over raw pointers that worker threads share; each run of row tiles writes
/// only its own rows of the result.
struct ScoresKernel: @unchecked Sendable {
    static let rowsPerTile = 4
    static let outputsPerTile = 5

    let a: UnsafePointer<Double>
    let depth: Int
    let rows: UnsafeBufferPointer<Int>
    let b: UnsafePointer<Double>
    let bStride: Int
    let outputs: Int
    let appendingOne: Bool
    let result: UnsafeMutablePointer<Double>

    /// Computes the result rows of tiles `rowTiles` (tile t covers batch rows 4t..<4t+4).
    func run(rowTiles: Range<Int>) {
        withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: Self.rowsPerTile) { aRows in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: Self.outputsPerTile) { bRows in
                for tile in rowTiles {
                    let first = tile * Self.rowsPerTile
                    // A short last tile repeats its last row; the repeats are computed, never stored.
                    for r in 0..<Self.rowsPerTile {
                        aRows[r] = a + rows[min(first + r, rows.count - 1)] * depth
                    }
                    for firstOutput in stride(from: 0, to: outputs, by: Self.outputsPerTile) {
                        for t in 0..<Self.outputsPerTile {
                            bRows[t] = b + min(firstOutput + t, outputs - 1) * bStride
                        }
                        tileProducts(aRows: aRows, bRows: bRows, firstRow: first, firstOutput: firstOutput)
                    }
                }
            }
        }
    }

    /// The 4×5 dot products of `aRows` with `bRows`, stored for the rows and outputs that exist.
    @inline(__always)
    private func tileProducts(
        aRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, bRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>,
        firstRow: Int, firstOutput: Int
    ) {
        let vectorDepth = depth & ~7
        let halfTile = Self.rowsPerTile / 2 * Self.outputsPerTile
        // Rows 0–1 and rows 2–3 in two allocations of at most 1 KiB each: always on the stack, so
        // LLVM keeps all 20 sums in registers.
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: halfTile) { firstSums in
            withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: halfTile) { secondSums in
                withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: Self.rowsPerTile) { aVectors in
                    for index in 0..<halfTile {
                        firstSums[index] = .zero
                        secondSums[index] = .zero
                    }
                    var d = 0
                    while d < vectorDepth {
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
                    for r in 0..<Self.rowsPerTile where firstRow + r < rows.count {
                        for t in 0..<Self.outputsPerTile where firstOutput + t < outputs {
                            let sums = r < 2 ? firstSums : secondSums
                            var sum = laneSum(sums[r % 2 * Self.outputsPerTile + t])
                            for d in vectorDepth..<depth { sum.addProduct(aRows[r][d], bRows[t][d]) }
                            if appendingOne { sum += bRows[t][depth] }
                            result[(firstRow + r) * outputs + firstOutput + t] = sum
                        }
                    }
                }
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
