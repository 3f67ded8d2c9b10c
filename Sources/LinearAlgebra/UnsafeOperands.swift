// The fence around the package's raw pointers, in the manner of swift-collections' `_UnsafeHandle`:
// the fast kernels of LinearAlgebra work on handles (a base pointer and a row stride), and a handle
// exists only inside the closure of `Matrix.withUnsafeOperands`, which opens the matrices of one
// kernel call for exactly that long. It is the one place where a kernel's arrays become pointers;
// the kernels' own working memory is `UnsafeScratch`, which owns its allocation, and their
// registers-sized temporaries are `withUnsafeTemporaryAllocation`s on the stack. (The rest of
// LinearAlgebra's raw memory: `MutableSpan.withRow`, which lends a row as a span, and the huge-page
// allocation of X in Matrix+HugePages.swift.) Every public function in front of a kernel checks the
// shapes before it opens anything. Outside the kernels, code gets bounds-checked views:
// `updateEntries` hands elementwise updates `MutableSpan`s, `ParallelPartition.forEachPiece(updating:)`
// hands each piece its element `inout`.

/// A read-only view of a matrix's entries for a kernel: row i starts at `base + i·stride`. Valid
/// only inside the `withUnsafeOperands` closure that made it (or while its `UnsafeScratch` lives).
struct UnsafeMatrixHandle: @unchecked Sendable {
    let base: UnsafePointer<Double>
    /// Entries from the start of one row to the start of the next: the matrix's columns, or more for
    /// a block of columns inside a wider matrix (W inside [W b]).
    let stride: Int

    /// The first entry of row `i`.
    @inline(__always)
    func row(_ i: Int) -> UnsafePointer<Double> { base + i &* stride }

    /// Entry (i, j).
    @inline(__always)
    subscript(i: Int, j: Int) -> Double { base[i &* stride &+ j] }

    /// The block of columns from `column` on, with the same rows and stride: b as the last column
    /// of [W b].
    func columns(from column: Int) -> UnsafeMatrixHandle {
        UnsafeMatrixHandle(base: base + column, stride: stride)
    }
}

/// A writable view of a matrix's entries for a kernel; see `UnsafeMatrixHandle`. Pieces of a
/// parallel kernel each write their own entries through copies of one handle.
struct UnsafeMutableMatrixHandle: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let stride: Int

    @inline(__always)
    func row(_ i: Int) -> UnsafeMutablePointer<Double> { base + i &* stride }

    @inline(__always)
    subscript(i: Int, j: Int) -> Double {
        get { base[i &* stride &+ j] }
        nonmutating set { base[i &* stride &+ j] = newValue }
    }

    func columns(from column: Int) -> UnsafeMutableMatrixHandle {
        UnsafeMutableMatrixHandle(base: base + column, stride: stride)
    }

    /// The rows from row `i` on: row 0 of the result is row i.
    func rows(from i: Int) -> UnsafeMutableMatrixHandle {
        UnsafeMutableMatrixHandle(base: row(i), stride: stride)
    }

    /// Entries `range` counted from `base`, as a buffer (for a bounds-checked span of them).
    func entries(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The same entries, read-only.
    var reading: UnsafeMatrixHandle { UnsafeMatrixHandle(base: UnsafePointer(base), stride: stride) }
}

/// The row indices of a minibatch, opened for a kernel.
struct UnsafeRowIndices: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Int>

    var count: Int { buffer.count }

    @inline(__always)
    subscript(i: Int) -> Int { buffer[i] }

    /// Batch rows `range` of these (indices into the batch, not into X).
    func extracting(_ range: Range<Int>) -> UnsafeRowIndices {
        UnsafeRowIndices(buffer: UnsafeBufferPointer(rebasing: buffer[range]))
    }
}

extension Matrix {
    /// Calls `body` with handles on X, the batch's row indices, the matrices the kernel reads
    /// (`inputs`, in order) and the one it writes, valid for the duration of `body` only.
    ///
    /// The one place where LinearAlgebra's kernels open arrays. Every matrix must have at least
    /// one entry and the row indices must lie in X: the callers check shapes first and handle
    /// empty ones with their naive definition.
    static func withUnsafeOperands<Result>(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, reading inputs: Matrix..., writing output: inout Matrix,
        _ body: (_ x: UnsafeMatrixHandle, _ rows: UnsafeRowIndices, _ inputs: [UnsafeMatrixHandle], _ output: UnsafeMutableMatrixHandle) -> Result
    ) -> Result {
        let columns = output.columns
        return output.elements.withUnsafeMutableBufferPointer { outputBuffer in
            let output = UnsafeMutableMatrixHandle(base: outputBuffer.baseAddress!, stride: columns)
            return withUnsafeOperands(rowsOf: x, at: rows, reading: inputs[...]) { x, rows, inputs in body(x, rows, inputs, output) }
        }
    }

    /// `withUnsafeOperands(rowsOf:at:reading:writing:_:)` for a kernel that writes two matrices
    /// (dW and db kept apart).
    static func withUnsafeOperands<Result>(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, reading inputs: Matrix..., writing first: inout Matrix, _ second: inout Matrix,
        _ body: (_ x: UnsafeMatrixHandle, _ rows: UnsafeRowIndices, _ inputs: [UnsafeMatrixHandle],
                 _ first: UnsafeMutableMatrixHandle, _ second: UnsafeMutableMatrixHandle) -> Result
    ) -> Result {
        let firstColumns = first.columns, secondColumns = second.columns
        return first.elements.withUnsafeMutableBufferPointer { firstBuffer in
            second.elements.withUnsafeMutableBufferPointer { secondBuffer in
                let first = UnsafeMutableMatrixHandle(base: firstBuffer.baseAddress!, stride: firstColumns)
                let second = UnsafeMutableMatrixHandle(base: secondBuffer.baseAddress!, stride: secondColumns)
                return withUnsafeOperands(rowsOf: x, at: rows, reading: inputs[...]) { x, rows, inputs in
                    body(x, rows, inputs, first, second)
                }
            }
        }
    }

    /// Calls `body` with a handle on `points` (read) and one on `output` (written, one row of
    /// `output.count` entries), valid for the duration of `body` only: the per-anchor kernels of
    /// `Matrix+ColumnDistances.swift`, which run hundreds of times per minibatch and so take their
    /// handles without building an array of them.
    static func withUnsafeOperands<Result>(
        reading points: Matrix, writing output: inout [Double],
        _ body: (_ points: UnsafeMatrixHandle, _ output: UnsafeMutableMatrixHandle) -> Result
    ) -> Result {
        let count = output.count, stride = points.columns
        return points.elements.withUnsafeBufferPointer { pointsBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                body(UnsafeMatrixHandle(base: pointsBuffer.baseAddress!, stride: stride),
                     UnsafeMutableMatrixHandle(base: outputBuffer.baseAddress!, stride: count))
            }
        }
    }

    /// The same with a vector read beside `points` and a matrix written.
    static func withUnsafeOperands<Result>(
        reading points: Matrix, _ vector: [Double], writing output: inout Matrix,
        _ body: (_ points: UnsafeMatrixHandle, _ vector: UnsafeMatrixHandle, _ output: UnsafeMutableMatrixHandle) -> Result
    ) -> Result {
        let (stride, count, outputStride) = (points.columns, vector.count, output.columns)
        return points.elements.withUnsafeBufferPointer { pointsBuffer in
            vector.withUnsafeBufferPointer { vectorBuffer in
                output.elements.withUnsafeMutableBufferPointer { outputBuffer in
                    body(UnsafeMatrixHandle(base: pointsBuffer.baseAddress!, stride: stride),
                         UnsafeMatrixHandle(base: vectorBuffer.baseAddress!, stride: count),
                         UnsafeMutableMatrixHandle(base: outputBuffer.baseAddress!, stride: outputStride))
                }
            }
        }
    }

    /// Opens X, the row indices and the inputs, one after the other.
    private static func withUnsafeOperands<Result>(
        rowsOf x: Matrix, at rows: ArraySlice<Int>, reading inputs: ArraySlice<Matrix>,
        _ body: (_ x: UnsafeMatrixHandle, _ rows: UnsafeRowIndices, _ inputs: [UnsafeMatrixHandle]) -> Result
    ) -> Result {
        x.elements.withUnsafeBufferPointer { xBuffer in
            rows.withUnsafeBufferPointer { rowBuffer in
                var handles: [UnsafeMatrixHandle] = []
                handles.reserveCapacity(inputs.count)
                return withUnsafeHandles(of: inputs, appendingTo: &handles) { inputs in
                    body(UnsafeMatrixHandle(base: xBuffer.baseAddress!, stride: x.columns), UnsafeRowIndices(buffer: rowBuffer), inputs)
                }
            }
        }
    }

    /// Opens `matrices` in order, each inside the last, and calls `body` with all their handles.
    private static func withUnsafeHandles<Result>(
        of matrices: ArraySlice<Matrix>, appendingTo handles: inout [UnsafeMatrixHandle], _ body: ([UnsafeMatrixHandle]) -> Result
    ) -> Result {
        guard let matrix = matrices.first else { return body(handles) }
        return matrix.elements.withUnsafeBufferPointer { buffer in
            handles.append(UnsafeMatrixHandle(base: buffer.baseAddress!, stride: matrix.columns))
            return withUnsafeHandles(of: matrices.dropFirst(), appendingTo: &handles, body)
        }
    }

    /// Calls `body` with runs of entries of `self` (written) and of `other` (read), each run once,
    /// on up to `threads` threads (`ParallelPartition.forEachElementRange`): an elementwise update
    /// such as axpy, on bounds-checked views whose entry e is the matrices' entry start + e. The
    /// runs depend on the count alone and each entry is computed alone, so the bits do not depend
    /// on the thread count.
    /// - Precondition: `other` has the shape of `self`.
    public mutating func updateEntries(
        reading other: Matrix, threads: Int = ParallelPartition.defaultThreadCount,
        _ body: @Sendable (_ entries: inout MutableSpan<Double>, _ other: Span<Double>) -> Void
    ) {
        precondition(other.rows == rows && other.columns == columns, "the matrices have one shape")
        guard !elements.isEmpty else { return }
        var unused = Matrix(rows: 1, columns: 1)
        Matrix.updateEntries(&self, &unused, writingSecond: false, reading: other, threads: threads) { entries, _, other in
            body(&entries, other)
        }
    }

    /// `updateEntries(reading:threads:_:)` for two written matrices, e.g. θ and its velocity v.
    /// - Precondition: `second` and `other` have the shape of `self`.
    public mutating func updateEntries(
        and second: inout Matrix, reading other: Matrix, threads: Int = ParallelPartition.defaultThreadCount,
        _ body: @Sendable (_ entries: inout MutableSpan<Double>, _ second: inout MutableSpan<Double>, _ other: Span<Double>) -> Void
    ) {
        precondition(other.rows == rows && other.columns == columns && second.rows == rows && second.columns == columns,
                     "the matrices have one shape")
        guard !elements.isEmpty else { return }
        Matrix.updateEntries(&self, &second, writingSecond: true, reading: other, threads: threads, body)
    }

    /// The runs of both `updateEntries`; without `writingSecond`, `second` (one entry) gets empty views.
    private static func updateEntries(
        _ first: inout Matrix, _ second: inout Matrix, writingSecond: Bool, reading other: Matrix, threads: Int,
        _ body: @Sendable (_ entries: inout MutableSpan<Double>, _ second: inout MutableSpan<Double>, _ other: Span<Double>) -> Void
    ) {
        let count = first.elements.count
        first.elements.withUnsafeMutableBufferPointer { firstBuffer in
            second.elements.withUnsafeMutableBufferPointer { secondBuffer in
                other.elements.withUnsafeBufferPointer { otherBuffer in
                    let first = UnsafeMutableMatrixHandle(base: firstBuffer.baseAddress!, stride: count)
                    let second = UnsafeMutableMatrixHandle(base: secondBuffer.baseAddress!, stride: count)
                    let other = UnsafeMatrixHandle(base: otherBuffer.baseAddress!, stride: count)
                    ParallelPartition.forEachElementRange(count: count, threads: threads) { range in
                        var entries = UnsafeMutableBufferPointer(start: first.base + range.lowerBound, count: range.count).mutableSpan
                        var secondEntries = UnsafeMutableBufferPointer(
                            start: second.base + (writingSecond ? range.lowerBound : 0), count: writingSecond ? range.count : 0
                        ).mutableSpan
                        body(&entries, &secondEntries, UnsafeBufferPointer(start: other.base + range.lowerBound, count: range.count).span)
                    }
                }
            }
        }
    }
}

/// Working memory that a kernel keeps from call to call: `count` runs of doubles, each allocated
/// when first asked for and grown (never shrunk) when asked for more, freed with the scratch. A
/// class so that its runs keep their addresses; its owner makes a fresh one instead of sharing
/// it (`isKnownUniquelyReferenced`). Contents between calls mean nothing.
final class UnsafeScratch: @unchecked Sendable {
    private var runs: [UnsafeMutableBufferPointer<Double>]

    init(runs count: Int) {
        runs = Array(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: count)
    }

    deinit {
        for run in runs { run.deallocate() }
    }

    /// Run `index` with room for at least `count` doubles (at least one), as a handle of rows of
    /// `stride` entries.
    func run(_ index: Int, count: Int, stride: Int) -> UnsafeMutableMatrixHandle {
        if runs[index].count < max(count, 1) {
            runs[index].deallocate()
            runs[index] = .allocate(capacity: max(count, 1))
            runs[index].initialize(repeating: 0)
        }
        return UnsafeMutableMatrixHandle(base: runs[index].baseAddress!, stride: stride)
    }
}

extension ParallelPartition {
    /// Calls `body(i, &elements[i])` for every index i, each on whichever of up to `threads` threads
    /// is free (`forEachPiece`): per-piece working memory (a slot's scratch) updated in parallel,
    /// each element by its own piece only.
    public static func forEachPiece<Element: Sendable>(
        updating elements: inout [Element], threads: Int, file: StaticString = #fileID, line: UInt = #line,
        _ body: @Sendable (_ index: Int, _ element: inout Element) -> Void
    ) {
        elements.withUnsafeMutableBufferPointer { buffer in
            let elements = UnsafeElements(buffer: buffer)
            forEachPiece(buffer.count, threads: threads, file: file, line: line) { index in body(index, &elements.buffer[index]) }
        }
    }

    /// The elements of `forEachPiece(updating:threads:_:)`, shared by its pieces.
    private struct UnsafeElements<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element>
    }
}
