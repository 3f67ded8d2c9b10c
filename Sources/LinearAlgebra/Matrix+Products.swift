// The kernels of a training step:
//
//   scores          S  = X_B · Wᵀ        (B×D)·(D×K)ᵀ → B×K     `multiplyTransposed`   Matrix+Scores.swift
//   weight gradient dW = dSᵀ · X_B       (B×K)ᵀ·(B×D) → K×D     `transposedMultiply`   Matrix+WeightGradient.swift
//   both, fused     the two above and ∂L/∂S, reading X_B once   `minibatchGradient`    Matrix+MinibatchGradient.swift
//   bias gradient   db = Σᵢ dSᵢ                                  `columnSums`           here
//   update          W  ← W + α·G                                 `add(_:scaledBy:)`     here
//
// X_B is a minibatch: rows of the full data X picked by index (`rows`), so a shuffled epoch
// never copies X. The fast versions give the same results as the naive ones up to the
// rounding of a reordered sum; the tests compare them on random shapes.

extension Matrix {
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

    /// self ← self + α·other, entry by entry (BLAS's axpy); split over threads for large
    /// matrices (`ParallelPartition.forEachElementRange`), which changes no bit.
    /// - Precondition: both have one shape.
    public mutating func add(_ other: Matrix, scaledBy alpha: Double) {
        precondition(rows == other.rows && columns == other.columns, "axpy needs two matrices of one shape")
        updateEntries(reading: other) { target, source in
            for index in target.indices { target[index] += alpha * source[index] }
        }
    }

    /// self ← α·self.
    public mutating func scale(by alpha: Double) {
        for index in elements.indices { elements[index] *= alpha }
    }
}
