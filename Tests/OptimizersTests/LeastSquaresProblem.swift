import LinearAlgebra

/// A tiny convex problem for the optimizer tests, written here so that they depend on no loss
/// of the Losses module: linear regression with one output,
///
///     f(w) = (1/2B)·Σ_{i∈batch} (xᵢ·w − yᵢ)²        ∇f = (1/B)·Σ_{i∈batch} (xᵢ·w − yᵢ)·xᵢ
///
/// w is a 1×D matrix (one "class"); features X are N×D Gaussian, targets y = X·w_true exactly,
/// so that features with w_true = 0 are irrelevant to the fit.
struct LeastSquaresProblem {
    let features: Matrix
    let targets: [Double]

    /// N seeded Gaussian rows of D = `trueWeights.count` features and their targets X·w_true.
    init(samples: Int, trueWeights: [Double], seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let columns = trueWeights.count
        features = Matrix(rows: samples, columns: columns,
                          elements: (0..<samples * columns).map { _ in generator.gaussian() })
        targets = (0..<samples).map { [features] i in
            zip(features.row(i), trueWeights).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// f(w) over the rows `batch` (all rows by default).
    func objective(_ weights: Matrix, batch: [Int]? = nil) -> Double {
        let rows = batch ?? Array(0..<features.rows)
        return rows.reduce(0) { $0 + 0.5 * residual(weights, row: $1) * residual(weights, row: $1) } / Double(rows.count)
    }

    /// ∇f(w) over the rows `batch` (all rows by default), 1×D.
    func gradient(_ weights: Matrix, batch: [Int]? = nil) -> Matrix {
        let rows = batch ?? Array(0..<features.rows)
        var gradient = Matrix(rows: 1, columns: features.columns)
        for i in rows {
            let r = residual(weights, row: i)
            for d in 0..<features.columns {
                gradient[0, d] += r * features[i, d] / Double(rows.count)
            }
        }
        return gradient
    }

    /// xᵢ·w − yᵢ.
    private func residual(_ weights: Matrix, row i: Int) -> Double {
        (0..<features.columns).reduce(0) { $0 + features[i, $1] * weights[0, $1] } - targets[i]
    }
}
