// The three kernels of a training step, each with its naive definition first:
//
//   scores          S  = X_B · Wᵀ        (B×D)·(D×K)ᵀ → B×K     `multiplyTransposed`
//   weight gradient dW = dSᵀ · X_B       (B×K)ᵀ·(B×D) → K×D     `transposedMultiply`
//   update          W  ← W + α·G                                 `add(_:scaledBy:)`
//
// X_B is a minibatch: rows of the full data X picked by index (`rows`), so a shuffled epoch
// never copies X. The fast versions give the same results as the naive ones up to the
// rounding of a reordered sum; the tests compare them on random shapes.

extension Matrix {
    // MARK: S = A[rows] · Bᵀ

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
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, appendingOne: Bool = false
    ) -> Matrix {
        var result = Matrix(rows: rows.count, columns: b.rows)
        multiplyTransposed(rowsOf: a, at: rows, by: b, appendingOne: appendingOne, into: &result)
        return result
    }

    /// A[rows]·Bᵀ written into `result`, which must be |rows|×B.rows (no allocation).
    public static func multiplyTransposed(
        rowsOf a: Matrix, at rows: ArraySlice<Int>, by b: Matrix, appendingOne: Bool = false, into result: inout Matrix
    ) {
        precondition(a.columns + (appendingOne ? 1 : 0) == b.columns, "A[rows]·Bᵀ needs matching column counts")
        precondition(result.rows == rows.count && result.columns == b.rows, "result has the shape |rows|×B.rows")
        let depth = a.columns, outputs = b.rows, bStride = b.columns
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                result.elements.withUnsafeMutableBufferPointer { out in
                    for (i, row) in rows.enumerated() {
                        precondition(row >= 0 && row < a.rows, "row index out of range")
                        let aRow = aBuffer.baseAddress! + row * depth
                        for k in 0..<outputs {
                            let bRow = bBuffer.baseAddress! + k * bStride
                            var sum = 0.0
                            for d in 0..<depth {
                                sum += aRow[d] * bRow[d]
                            }
                            if appendingOne { sum += bRow[depth] }
                            out[i * outputs + k] = sum
                        }
                    }
                }
            }
        }
    }

    /// A·Bᵀ for whole matrices: every row of A against every row of B.
    public func multiplyingTransposed(_ b: Matrix) -> Matrix {
        Matrix.multiplyTransposed(rowsOf: self, at: Array(0..<rows)[...], by: b)
    }

    // MARK: G = Cᵀ · A[rows]

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

    /// Cᵀ·A[rows]: the weight gradient dW = dSᵀ·X_B of a minibatch picked by index.
    ///
    /// Same inputs and outputs as `naiveTransposedMultiply(_:byRowsOf:at:)`.
    /// - Complexity: O(|rows| · C.columns · A.columns).
    public static func transposedMultiply(
        _ c: Matrix, byRowsOf a: Matrix, at rows: ArraySlice<Int>, appendingOne: Bool = false
    ) -> Matrix {
        var result = Matrix(rows: c.columns, columns: a.columns + (appendingOne ? 1 : 0))
        transposedMultiply(c, byRowsOf: a, at: rows, appendingOne: appendingOne, into: &result)
        return result
    }

    /// Cᵀ·A[rows] written into `result`, which must be C.columns×A.columns (overwritten).
    public static func transposedMultiply(
        _ c: Matrix, byRowsOf a: Matrix, at rows: ArraySlice<Int>, appendingOne: Bool = false, into result: inout Matrix
    ) {
        precondition(c.rows == rows.count, "Cᵀ·A[rows] needs one row of C per picked row of A")
        precondition(result.rows == c.columns && result.columns == a.columns + (appendingOne ? 1 : 0),
                     "result has the shape C.columns×A.columns (+1 with appendingOne)")
        let depth = a.columns, outputs = c.columns, outStride = result.columns
        a.elements.withUnsafeBufferPointer { aBuffer in
            c.elements.withUnsafeBufferPointer { cBuffer in
                result.elements.withUnsafeMutableBufferPointer { out in
                    for index in out.indices { out[index] = 0 }
                    for (i, row) in rows.enumerated() {
                        precondition(row >= 0 && row < a.rows, "row index out of range")
                        let aRow = aBuffer.baseAddress! + row * depth
                        for k in 0..<outputs {
                            let coefficient = cBuffer[i * outputs + k]
                            let outRow = out.baseAddress! + k * outStride
                            for d in 0..<depth {
                                outRow[d] += coefficient * aRow[d]
                            }
                            if appendingOne { outRow[depth] += coefficient }
                        }
                    }
                }
            }
        }
    }

    /// Aᵀ·B for whole matrices.
    public func transposedMultiplying(_ b: Matrix) -> Matrix {
        Matrix.transposedMultiply(self, byRowsOf: b, at: Array(0..<b.rows)[...])
    }

    // MARK: Column sums and axpy

    /// Σ_i C[i, k] for each column k: the bias gradient db = Σ_i dS_i (a `columns`-vector).
    public var columnSums: [Double] {
        var sums = Array(repeating: 0.0, count: columns)
        for i in 0..<rows {
            for k in 0..<columns {
                sums[k] += elements[i * columns + k]
            }
        }
        return sums
    }

    /// self ← self + α·other, entry by entry (BLAS's axpy).
    /// - Precondition: both have one shape.
    public mutating func add(_ other: Matrix, scaledBy alpha: Double) {
        precondition(rows == other.rows && columns == other.columns, "axpy needs two matrices of one shape")
        elements.withUnsafeMutableBufferPointer { target in
            other.elements.withUnsafeBufferPointer { source in
                for index in target.indices {
                    target[index] += alpha * source[index]
                }
            }
        }
    }

    /// self ← α·self.
    public mutating func scale(by alpha: Double) {
        for index in elements.indices { elements[index] *= alpha }
    }
}
