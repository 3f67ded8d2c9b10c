import Testing
import LinearAlgebra
import Regularizers
import TestSupport

// The checks every regularizer suite shares: naive matches fast, and the gradient check.


/// Shapes of W beside the random K×D ones: empty (no classes, no features), 1×1, a long row.
let edgeShapes: [(rows: Int, columns: Int)] = [(0, 0), (0, 3), (3, 0), (1, 1), (1, 37), (10, 33)]

/// Expects `fast` and `naive` of `regularizer` to agree on random W of seed `seed` (plus the edge
/// shapes), for the penalty, the gradient added into a random matrix with λ = 0.7, and the
/// proximal step with t = 0.4 (bit for bit: each entry is one formula either way).
func expectNaiveMatchesFast(_ regularizer: some Regularizer, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
    for (rows, columns) in edgeShapes + [(Int(seed % 7) + 1, Int(seed % 5) * 3 + 1)] {
        let weights = randomMatrix(rows: rows, columns: columns, seed: seed)
        let context = "\(regularizer), seed \(seed), W \(rows)×\(columns):"
        expectClose(regularizer.penalty(of: weights), regularizer.naivePenalty(of: weights),
                    tolerance: 1e-13, "\(context) penalty", sourceLocation: sourceLocation)
        var fast = randomMatrix(rows: rows, columns: columns, seed: seed + 1000)
        var naive = fast
        regularizer.addGradient(of: weights, strength: 0.7, into: &fast)
        regularizer.naiveAddGradient(of: weights, strength: 0.7, into: &naive)
        expectClose(fast, naive, tolerance: 1e-14, "\(context) gradient", sourceLocation: sourceLocation)
        var fastProximal = weights, naiveProximal = weights
        regularizer.proximalStep(&fastProximal, threshold: 0.4)
        regularizer.naiveProximalStep(&naiveProximal, threshold: 0.4)
        expectBitIdentical(fastProximal.elements, naiveProximal.elements, "\(context) proximal step", sourceLocation: sourceLocation)
    }
}

/// W of seed `seed` with every entry at least 0.1 away from 0, where |w| has its kink: central
/// differences with h = 1e-5 then never straddle it.
func weightsAwayFromKinks(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var weights = randomMatrix(rows: rows, columns: columns, seed: seed)
    for index in weights.elements.indices {
        let w = weights.elements[index]
        weights.elements[index] = w + (w < 0 ? -0.1 : 0.1)
    }
    return weights
}

/// The largest relative error between the analytic gradient and central differences of
///
///     f(W) = ½‖W − A‖² + λ·smoothPart(W)
///
/// where ½‖W − A‖² stands in for a data loss (gradient W − A) and `smoothPart` is the part of R
/// that the regularizer puts into its gradient (all of R, or its L2 part in proximal mode).
func gradientCheckError(
    _ regularizer: some Regularizer, strength: Double, seed: UInt64,
    smoothPart: (Matrix) -> Double
) -> Double {
    let weights = weightsAwayFromKinks(rows: 3, columns: 5, seed: seed)
    let target = randomMatrix(rows: 3, columns: 5, seed: seed + 500)
    func total(_ w: Matrix) -> Double {
        zip(w.elements, target.elements).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) } + strength * smoothPart(w)
    }
    var analytic = weights
    analytic.add(target, scaledBy: -1)
    regularizer.addGradient(of: weights, strength: strength, into: &analytic)
    return largestRelativeError(analytic, numericalGradient(of: total, at: weights))
}
