// Row views of a matrix's entries. A `MutableSpan` of a B×K matrix's entries can lend out one row
// of K entries as a `MutableSpan` of its own, bounds-checked on that row: a loss's per-row kernel
// then cannot write into the next row. (The standard library's `extracting` on a `MutableSpan` is
// deprecated in this toolchain; this is the one place that opens the buffer to make the view.)

extension MutableSpan where Element == Double {
    /// Calls `body` with entries row·length ..< (row + 1)·length as their own view and returns
    /// what it returns.
    /// - Precondition: the row lies inside the span.
    /// - Complexity: O(1) besides `body`.
    @discardableResult
    public mutating func withRow<Result>(
        _ row: Int, length: Int, _ body: (_ entries: inout MutableSpan<Double>) -> Result
    ) -> Result {
        precondition(row >= 0 && length >= 0 && (row + 1) * length <= count, "row \(row) of length \(length) is outside the span")
        return withUnsafeMutableBufferPointer { buffer in
            var entries = UnsafeMutableBufferPointer(rebasing: buffer[row * length ..< (row + 1) * length]).mutableSpan
            return body(&entries)
        }
    }
}
