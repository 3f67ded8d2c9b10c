import CachePrefetch

// The scores of a minibatch vectorized over the classes, S = X_B·Wᵀ + 1·bᵀ through a padded
// copy of Wᵀ: the naive definition first, then the fast kernel the fused SGD step uses.

extension Matrix {
    /// S = X_B·Wᵀ + 1·bᵀ by the definition, in the order of the class-vector kernel: entry (i, k)
    /// is the multiply–add chain Σ_d X[rows[i], d]·W[k, d] over d in increasing order, then + b_k.
    ///
    /// The readable reference for `minibatchScores(rowsOf:at:weights:bias:into:)`.
    /// - Complexity: O(|rows| · K · D).
    public static func naiveMinibatchScores(rowsOf x: Matrix, at rows: ArraySlice<Int>, weights: Matrix, bias: Matrix) -> Matrix {
        precondition(x.columns == weights.columns && bias.rows == weights.rows && bias.columns == 1,
                     "W is K×D and b is K×1 for D features")
        var result = Matrix(rows: rows.count, columns: weights.rows)
        for (i, row) in rows.enumerated() {
            for k in 0..<weights.rows {
                var sum = 0.0
                for d in 0..<x.columns { sum.addProduct(x[row, d], weights[k, d]) }
                result[i, k] = sum + bias[k, 0]
            }
        }
        return result
    }

    /// S = X_B·Wᵀ + 1·bᵀ (|rows|×K), rows of X picked by index without copying them, by the kernel
    /// of the fused step (`ClassVectorScoresKernel`), its groups of 8 rows split over up to
    /// `threadCount` threads: the scores of evaluation and prediction, the same sums the training
    /// step computes.
    ///
    /// Same inputs and outputs as `naiveMinibatchScores(rowsOf:at:weights:bias:)`, bit for bit when
    /// `ClassVectorScoresKernel` serves K and D and K ∉ {9, 10} (the kernel's order is the naive
    /// one); classes 8 and 9 of K = 9 or 10 sum in eight lanes; else the sums of
    /// `multiplyTransposed(rowsOf:at:by:appendingOneTimes:into:)`. Each row's sums are its own, so
    /// the bits do not depend on the thread count.
    /// - Complexity: O(|rows| · K · D).
    public static func minibatchScores(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, weights: Matrix, bias: Matrix, into result: inout Matrix,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) {
        precondition(x.columns == weights.columns && bias.rows == weights.rows && bias.columns == 1,
                     "W is K×D and b is K×1 for D features")
        precondition(result.rows == rows.count && result.columns == weights.rows, "result has the shape |rows|×K")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < x.rows }, "row index out of range")
        guard ClassVectorScoresKernel.handles(classes: weights.rows, features: x.columns), !rows.isEmpty, x.columns > 0 else {
            multiplyTransposed(rowsOf: x, at: rows, by: weights, appendingOneTimes: bias, into: &result, threadCount: threadCount)
            return
        }
        let groups = (rows.count + ClassVectorScoresKernel.rowsPerGroup - 1) / ClassVectorScoresKernel.rowsPerGroup
        let threads = ParallelPartition.threadCount(
            requested: threadCount, units: groups, work: rows.count * weights.rows * x.columns)
        var transposed = [Double]()
        weights.elements.withUnsafeBufferPointer { w in
            ClassVectorScoresKernel.transpose(w, classes: weights.rows, features: x.columns, stride: x.columns,
                                              into: &transposed, threadCount: threads)
        }
        x.elements.withUnsafeBufferPointer { xBuffer in
            transposed.withUnsafeBufferPointer { wt in
              weights.elements.withUnsafeBufferPointer { w in
                bias.elements.withUnsafeBufferPointer { b in
                    rows.withUnsafeBufferPointer { rowBuffer in
                        result.elements.withUnsafeMutableBufferPointer { out in
                            let (depth, classes, perGroup) = (x.columns, weights.rows, ClassVectorScoresKernel.rowsPerGroup)
                            nonisolated(unsafe) let (x, wt, w, b, out) = (xBuffer.baseAddress!, wt.baseAddress!, w.baseAddress!, b.baseAddress!, out.baseAddress!)
                            nonisolated(unsafe) let rowBuffer = rowBuffer
                            ParallelPartition.forEachPart(units: groups, threads: threads) { part in
                                let partRows = part.lowerBound * perGroup ..< min(part.upperBound * perGroup, rowBuffer.count)
                                ClassVectorScoresKernel(
                                    x: x, depth: depth, rows: UnsafeBufferPointer(rebasing: rowBuffer[partRows]),
                                    transposedWeights: wt, weights: w, weightStride: depth, classes: classes, bias: b, biasStride: 1,
                                    result: out + partRows.lowerBound * classes
                                ).run()
                            }
                        }
                    }
                }
              }
            }
        }
    }
}

/// S = X_B·Wᵀ + 1·bᵀ vectorized over the classes: Wᵀ is kept D×P with the K classes padded with
/// zeros to P = 8 or 16 (one or two eight-wide vectors per feature d), and a group of 8 picked rows
/// adds x_d·Wᵀ[d, :] for each d in turn: every load of a row of Wᵀ serves the 8 rows, and the
/// 8×P sums stay in registers. Each entry is its multiply–add chain over d in increasing order,
/// then + b_k (classes 8 and 9 of K = 9 or 10: eight lane sums, see `splitGroup`): its bits depend
/// on the entry alone.
struct ClassVectorScoresKernel: @unchecked Sendable {
    static let rowsPerGroup = 8
    /// How far ahead in each of a group's rows the kernel asks for the cache line it will read:
    /// 16 lines (128 features). This pass is where a picked row first comes from memory, and the
    /// hardware prefetcher alone kept too few of its lines on their way: on `cifar-like` (svm,
    /// alternate steps timed within one `benchmark train`) the fused step took 9% less time on 1
    /// thread and 5–6% less on 2 (12 to 28 lines measured alike; 64 and more lost again).
    static let prefetchDistance = 16 * 8

    /// Whether the kernel serves K classes of D features: 1 ≤ K ≤ 16 (at most two vectors per
    /// feature) and a padded Wᵀ of at most 2¹⁵ doubles (256 KiB), so that it stays in the L2 cache
    /// beside the chunk's rows. Measured in `benchmark train` (svm, 1 thread): `mid` (D = 100)
    /// 0.0223 → 0.0183 s per epoch against `ScoresKernel`, whose 4×5 tiles spend a 100-long row
    /// mostly on set-up and the D mod 8 tail. With K = 10 padded to 16, `cifar-like` (Wᵀ 384 KiB) was
    /// no faster (the 6 zero classes cost what the reuse of Wᵀ saves); `splitGroup` pads nothing
    /// and serves it too (Wᵀ 192 KiB): 0.069 → 0.065 s per epoch on 2 threads, `mid` 0.0108 → 0.0105.
    static func handles(classes: Int, features: Int) -> Bool {
        classes >= 1 && classes <= 16 && features * paddedClasses(classes) <= 1 << 15
    }

    /// The padded width P of K classes: 8 or 16. K = 9 or 10 keeps P = 8: classes 8 and 9 are summed
    /// the other way (`splitGroup`).
    static func paddedClasses(_ classes: Int) -> Int { classes <= 10 ? 8 : 16 }

    /// `transposed` = Wᵀ (D×P), classes K..<P zero, from the K×D weights whose row k starts at
    /// `weights[k·stride]` (stride D for W alone, D + 1 inside the bias trick's [W b]); grown when
    /// too short, never shrunk. Split over features on up to `threadCount` threads for a large W.
    static func transpose(
        _ weights: UnsafeBufferPointer<Double>, classes: Int, features: Int, stride: Int, into transposed: inout [Double],
        threadCount: Int = 1
    ) {
        let width = paddedClasses(classes)
        if transposed.count < features * width { transposed = Array(repeating: 0, count: features * width) }
        transposed.withUnsafeMutableBufferPointer { wt in
            nonisolated(unsafe) let (w, wt) = (weights, wt)
            ParallelPartition.forEachElementRange(count: features, entriesPerElement: width, threads: threadCount) { part in
                for d in part {
                    for k in 0..<min(classes, width) { wt[d * width + k] = w[k * stride + d] }
                    for k in min(classes, width)..<width { wt[d * width + k] = 0 }
                }
            }
        }
    }

    let x: UnsafePointer<Double>
    let depth: Int
    let rows: UnsafeBufferPointer<Int>
    let transposedWeights: UnsafePointer<Double>
    /// W itself (K×D, row k at `weights + k·weightStride`), for classes 8 and 9 when K is 9 or 10.
    let weights: UnsafePointer<Double>
    let weightStride: Int
    let classes: Int
    /// b_k at `bias[k·biasStride]`.
    let bias: UnsafePointer<Double>
    let biasStride: Int
    let result: UnsafeMutablePointer<Double>
    /// The rows the caller computes next (the next chunk's first group): their first lines are
    /// asked for while the last group here is computed.
    var upcomingRows = UnsafeBufferPointer<Int>(start: nil, count: 0)

    /// Writes the |rows| result rows (K entries each, the row of batch index i at result + i·K).
    func run() {
        withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: Self.rowsPerGroup) { xRows in
            for first in stride(from: 0, to: rows.count, by: Self.rowsPerGroup) {
                // A short last group repeats its last row (computed, never stored).
                for r in 0..<Self.rowsPerGroup { xRows[r] = x + rows[min(first + r, rows.count - 1)] * depth }
                prefetchHeads(ofGroupAfter: first)
                if classes <= 8 {
                    group(firstRow: first, xRows: xRows, vectors: 1)
                } else if classes <= 10 {
                    splitGroup(firstRow: first, xRows: xRows)
                } else {
                    group(firstRow: first, xRows: xRows, vectors: 2)
                }
            }
        }
    }

    /// The 8 rows at `xRows` against Wᵀ of one or two eight-wide vectors per feature. The sums are
    /// named locals, not an indexed buffer: with a buffer LLVM kept them on the stack (a store
    /// and a reload per multiply–add).
    @inline(__always)
    private func group(firstRow: Int, xRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>, vectors: Int) {
        let (x0, x1, x2, x3) = (xRows[0], xRows[1], xRows[2], xRows[3])
        let (x4, x5, x6, x7) = (xRows[4], xRows[5], xRows[6], xRows[7])
        var (s0, s1, s2, s3, s4, s5, s6, s7) = (SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero,
                                                SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero)
        var (t0, t1, t2, t3, t4, t5, t6, t7) = (s0, s1, s2, s3, s4, s5, s6, s7)
        var weightRow = transposedWeights
        if vectors == 1 {
            for d in 0..<depth {
                if d & 7 == 0 { prefetchAhead(x0, x1, x2, x3, x4, x5, x6, x7, from: d) }
                let w = loadVector(weightRow)
                s0.addProduct(SIMD8(repeating: x0[d]), w); s1.addProduct(SIMD8(repeating: x1[d]), w)
                s2.addProduct(SIMD8(repeating: x2[d]), w); s3.addProduct(SIMD8(repeating: x3[d]), w)
                s4.addProduct(SIMD8(repeating: x4[d]), w); s5.addProduct(SIMD8(repeating: x5[d]), w)
                s6.addProduct(SIMD8(repeating: x6[d]), w); s7.addProduct(SIMD8(repeating: x7[d]), w)
                weightRow += 8
            }
        } else {
            for d in 0..<depth {
                if d & 7 == 0 { prefetchAhead(x0, x1, x2, x3, x4, x5, x6, x7, from: d) }
                let w = loadVector(weightRow), v = loadVector(weightRow + 8)
                let (a0, a1, a2, a3) = (SIMD8(repeating: x0[d]), SIMD8(repeating: x1[d]), SIMD8(repeating: x2[d]), SIMD8(repeating: x3[d]))
                s0.addProduct(a0, w); t0.addProduct(a0, v); s1.addProduct(a1, w); t1.addProduct(a1, v)
                s2.addProduct(a2, w); t2.addProduct(a2, v); s3.addProduct(a3, w); t3.addProduct(a3, v)
                let (a4, a5, a6, a7) = (SIMD8(repeating: x4[d]), SIMD8(repeating: x5[d]), SIMD8(repeating: x6[d]), SIMD8(repeating: x7[d]))
                s4.addProduct(a4, w); t4.addProduct(a4, v); s5.addProduct(a5, w); t5.addProduct(a5, v)
                s6.addProduct(a6, w); t6.addProduct(a6, v); s7.addProduct(a7, w); t7.addProduct(a7, v)
                weightRow += 16
            }
        }
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: 2 * Self.rowsPerGroup) { sums in
            (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]) = (s0, s1, s2, s3, s4, s5, s6, s7)
            (sums[8], sums[9], sums[10], sums[11], sums[12], sums[13], sums[14], sums[15]) = (t0, t1, t2, t3, t4, t5, t6, t7)
            for r in 0..<Self.rowsPerGroup where firstRow + r < rows.count {
                for k in 0..<classes {
                    result[(firstRow + r) * classes + k] = sums[k / 8 * Self.rowsPerGroup + r][k % 8] + bias[k &* biasStride]
                }
            }
        }
    }

    /// Asks for the first lines of each row of the group after the one at `first` (from `rows`,
    /// then `upcomingRows`): as many as the in-row hints skip (`prefetchDistance` features), or
    /// the whole row when it is shorter. A group starts on rows no hint has asked for yet, and
    /// short rows never get one: `mid`'s scores pass (D = 100, 13 lines a row) took 9.5 µs per
    /// 100 rows, five times what its multiply–adds need; with these hints the epoch took 12% less.
    @inline(__always)
    private func prefetchHeads(ofGroupAfter first: Int) {
        let head = min(depth, Self.prefetchDistance)
        for index in first + Self.rowsPerGroup ..< first + 2 * Self.rowsPerGroup {
            let row: Int
            if index < rows.count {
                row = rows[index]
            } else if index - rows.count < upcomingRows.count {
                row = upcomingRows[index - rows.count]
            } else {
                return
            }
            for column in stride(from: 0, to: head, by: 8) { prefetchForReading(x + (row &* depth &+ column)) }
        }
    }

    /// Asks for the cache line `prefetchDistance` features after feature d of each of the 8 rows,
    /// while that is still in the rows (short rows, as `mid`'s 100 features, get no hints: lines
    /// past their ends belong to rows no one asked for).
    @inline(__always)
    private func prefetchAhead(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        _ x4: UnsafePointer<Double>, _ x5: UnsafePointer<Double>, _ x6: UnsafePointer<Double>, _ x7: UnsafePointer<Double>,
        from d: Int
    ) {
        let ahead = d &+ Self.prefetchDistance
        guard ahead < depth else { return }
        prefetchForReading(x0 + ahead); prefetchForReading(x1 + ahead); prefetchForReading(x2 + ahead)
        prefetchForReading(x3 + ahead); prefetchForReading(x4 + ahead); prefetchForReading(x5 + ahead)
        prefetchForReading(x6 + ahead); prefetchForReading(x7 + ahead)
    }

    /// The 8 rows at `xRows` against 9 or 10 classes: classes 0..<8 as in `group` (one vector of
    /// Wᵀ per feature), classes 8 and 9 as in `ScoresKernel` (eight lane sums over d mod 8 of
    /// x·W[k], added pairwise, then the last D mod 8 terms), so that no multiply–add is spent on a
    /// padding class: 10 per row and feature instead of 16, and a pass over W serves 8 rows.
    @inline(__always)
    private func splitGroup(firstRow: Int, xRows: UnsafeMutableBufferPointer<UnsafePointer<Double>>) {
        let (x0, x1, x2, x3) = (xRows[0], xRows[1], xRows[2], xRows[3])
        let (x4, x5, x6, x7) = (xRows[4], xRows[5], xRows[6], xRows[7])
        var (s0, s1, s2, s3, s4, s5, s6, s7) = (SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero,
                                                SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero)
        var (e0, e1, e2, e3, e4, e5, e6, e7) = (s0, s1, s2, s3, s4, s5, s6, s7)
        var (n0, n1, n2, n3, n4, n5, n6, n7) = (s0, s1, s2, s3, s4, s5, s6, s7)
        // Class 9 repeats class 8 when K = 9 (computed, never stored).
        let eighth = weights + 8 * weightStride, ninth = weights + (classes - 1) * weightStride
        let vectorDepth = depth & ~7
        var d = 0
        while d < vectorDepth {
            prefetchAhead(x0, x1, x2, x3, x4, x5, x6, x7, from: d)
            let w8 = loadVector(eighth + d), w9 = loadVector(ninth + d)
            let (a0, a1, a2, a3) = (loadVector(x0 + d), loadVector(x1 + d), loadVector(x2 + d), loadVector(x3 + d))
            e0.addProduct(a0, w8); n0.addProduct(a0, w9); e1.addProduct(a1, w8); n1.addProduct(a1, w9)
            e2.addProduct(a2, w8); n2.addProduct(a2, w9); e3.addProduct(a3, w8); n3.addProduct(a3, w9)
            let (a4, a5, a6, a7) = (loadVector(x4 + d), loadVector(x5 + d), loadVector(x6 + d), loadVector(x7 + d))
            e4.addProduct(a4, w8); n4.addProduct(a4, w9); e5.addProduct(a5, w8); n5.addProduct(a5, w9)
            e6.addProduct(a6, w8); n6.addProduct(a6, w9); e7.addProduct(a7, w8); n7.addProduct(a7, w9)
            for j in d ..< d &+ 8 {
                let w = loadVector(transposedWeights + j &* 8)
                s0.addProduct(SIMD8(repeating: x0[j]), w); s1.addProduct(SIMD8(repeating: x1[j]), w)
                s2.addProduct(SIMD8(repeating: x2[j]), w); s3.addProduct(SIMD8(repeating: x3[j]), w)
                s4.addProduct(SIMD8(repeating: x4[j]), w); s5.addProduct(SIMD8(repeating: x5[j]), w)
                s6.addProduct(SIMD8(repeating: x6[j]), w); s7.addProduct(SIMD8(repeating: x7[j]), w)
            }
            d &+= 8
        }
        for j in vectorDepth..<depth {
            let w = loadVector(transposedWeights + j * 8)
            s0.addProduct(SIMD8(repeating: x0[j]), w); s1.addProduct(SIMD8(repeating: x1[j]), w)
            s2.addProduct(SIMD8(repeating: x2[j]), w); s3.addProduct(SIMD8(repeating: x3[j]), w)
            s4.addProduct(SIMD8(repeating: x4[j]), w); s5.addProduct(SIMD8(repeating: x5[j]), w)
            s6.addProduct(SIMD8(repeating: x6[j]), w); s7.addProduct(SIMD8(repeating: x7[j]), w)
        }
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: 3 * Self.rowsPerGroup) { sums in
            (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]) = (s0, s1, s2, s3, s4, s5, s6, s7)
            (sums[8], sums[9], sums[10], sums[11], sums[12], sums[13], sums[14], sums[15]) = (e0, e1, e2, e3, e4, e5, e6, e7)
            (sums[16], sums[17], sums[18], sums[19], sums[20], sums[21], sums[22], sums[23]) = (n0, n1, n2, n3, n4, n5, n6, n7)
            for r in 0..<Self.rowsPerGroup where firstRow + r < rows.count {
                for k in 0..<8 { result[(firstRow + r) * classes + k] = sums[r][k] + bias[k &* biasStride] }
                for k in 8..<classes {
                    var sum = vectorDepth == 0 ? 0 : laneSum(sums[(k - 7) * Self.rowsPerGroup + r])
                    for j in vectorDepth..<depth { sum.addProduct(xRows[r][j], weights[k * weightStride + j]) }
                    result[(firstRow + r) * classes + k] = sum + bias[k &* biasStride]
                }
            }
        }
    }
}
