// Squared distances from one point to all the others, and the gradient of a weighted sum of them,
// for points stored as the columns of an M×B matrix P (a batch's embeddings, transposed, so that
// the loops over the points run along contiguous rows): the triplet loss's two kernels per anchor.
// The naive definitions first, then the fast ones with the same inputs and outputs.

extension Matrix {
    /// d_j = Σ_m (P[m, a] − P[m, j])² for every column j of P (M×B): the squared distances from
    /// point a to every point, by the definition.
    ///
    /// The readable reference for `squaredDistances(fromColumn:into:)`.
    /// - Complexity: O(M·B).
    public func naiveSquaredDistances(fromColumn a: Int) -> [Double] {
        (0..<columns).map { j in
            var sum = 0.0
            for m in 0..<rows {
                let difference = self[m, a] - self[m, j]
                sum += difference * difference
            }
            return sum
        }
    }

    /// d_j = Σ_m (P[m, a] − P[m, j])² into `distances` (B entries, overwritten). Same inputs and
    /// outputs as `naiveSquaredDistances(fromColumn:)`, bit for bit: each distance adds its M
    /// squares in order; the points are vectorized along each row of P.
    /// - Precondition: `distances` has B entries and a is a column of P.
    /// - Complexity: O(M·B).
    public func squaredDistances(fromColumn a: Int, into distances: inout [Double]) {
        precondition(a >= 0 && a < columns && distances.count == columns, "one distance per column of P, from one of them")
        guard rows > 0 else {
            for j in distances.indices { distances[j] = 0 }
            return
        }
        let (count, dimension) = (columns, rows)
        Matrix.withUnsafeOperands(reading: self, writing: &distances) { points, d in
            for j in 0..<count { d.base[j] = 0 }
            for m in 0..<dimension {
                let row = points.row(m), anchorValue = row[a]
                for j in 0..<count {
                    let difference = anchorValue - row[j]
                    d.base[j] += difference * difference
                }
            }
        }
    }

    /// G ← G + ∂/∂P (½·Σ_j c_j·‖p_a − p_j‖²) for the columns p_j of P (M×B), by the definition:
    /// column j of G gains c_j·(p_j − p_a), column a gains Σ_j c_j·(p_a − p_j).
    ///
    /// The readable reference for `addDistanceGradient(fromColumn:weights:into:)`.
    /// - Complexity: O(M·B).
    public func naiveAddDistanceGradient(fromColumn a: Int, weights: [Double], into gradient: inout Matrix) {
        precondition(weights.count == columns && gradient.rows == rows && gradient.columns == columns, "G has the shape of P")
        for m in 0..<rows {
            var anchorSum = 0.0
            for j in 0..<columns {
                let difference = weights[j] * (self[m, a] - self[m, j])
                anchorSum += difference
                gradient[m, j] -= difference
            }
            gradient[m, a] += anchorSum
        }
    }

    /// G ← G + ∂/∂P (½·Σ_j c_j·‖p_a − p_j‖²), as `naiveAddDistanceGradient(fromColumn:weights:into:)`
    /// up to the rounding of the sum for column a, which adds its terms in eight lanes (j mod 8),
    /// then the lanes, then the last B mod 8 terms. Eight points at a time along each row of P.
    /// - Precondition: `weights` has B entries, G has the shape of P, a is a column of P.
    /// - Complexity: O(M·B).
    public func addDistanceGradient(fromColumn a: Int, weights: [Double], into gradient: inout Matrix) {
        precondition(a >= 0 && a < columns && weights.count == columns && gradient.rows == rows && gradient.columns == columns,
                     "one weight per column of P, and G has the shape of P")
        guard rows > 0 else { return }
        let (count, dimension, fullChunks) = (columns, rows, columns / 8)
        Matrix.withUnsafeOperands(reading: self, weights, writing: &gradient) { points, weights, gradient in
            let c = weights.base
            for m in 0..<dimension {
                let row = points.row(m), gradientRow = gradient.row(m)
                let anchorValue = row[a], anchorVector = SIMD8(repeating: anchorValue)
                var anchorSums = SIMD8<Double>()
                for chunk in 0..<fullChunks {
                    let j = chunk &* 8
                    let difference = loadVector(c + j) * (anchorVector - loadVector(row + j))
                    anchorSums += difference
                    let target = UnsafeMutableRawPointer(gradientRow + j)
                    target.storeBytes(of: target.loadUnaligned(as: SIMD8<Double>.self) - difference, as: SIMD8<Double>.self)
                }
                var anchorSum = anchorSums.sum()
                for j in (fullChunks * 8)..<count {
                    let difference = c[j] * (anchorValue - row[j])
                    anchorSum += difference
                    gradientRow[j] -= difference
                }
                gradientRow[a] += anchorSum
            }
        }
    }
}
