import Foundation
import LinearAlgebra

/// The negative log-likelihood of the one-hot targets when each of the K outputs is a Gaussian
/// N(s_j, σ²) around its score, averaged over the batch (SPEC §3.1):
///
///     Lᵢ = Σ_j [(s_j − t_{ij})²/(2σ²) + ½·ln(2πσ²)],   t_{ij} = [j = yᵢ]        L = (1/B) Σᵢ Lᵢ
///     ∂Lᵢ/∂s_j = (s_j − t_{ij})/σ²
///
/// It is least squares in disguise: Lᵢ = (K/(2σ²))·MSEᵢ + ½·K·ln(2πσ²), a scaled mean squared
/// error plus a constant that has no gradient. Hence ∇L = (K/(2σ²))·∇MSE, and SGD with learning
/// rate lr·2σ²/K and strength λ·K/(2σ²) walks exactly MSE's path at lr and λ. With all-zero scores
/// Lᵢ = 1/(2σ²) + (K/2)·ln(2πσ²). Worked example: σ = 1, scores [1.5, −2, 1.0], label 0 give
/// (0.25 + 4 + 1)/2 + (3/2)·ln 2π = 2.625 + 2.7568 = 5.3818.
/// - Complexity: O(B·K).
public struct GaussianNegativeLogLikelihoodLoss: RowwiseLoss, Equatable {
    /// σ, the fixed standard deviation of every output (`sigma`, default 1).
    public let sigma: Double

    /// The Gaussian NLL loss with standard deviation σ.
    /// - Precondition: σ > 0 and finite (the config validation rejects anything else).
    public init(sigma: Double = 1) {
        precondition(sigma > 0 && sigma.isFinite, "σ is a positive standard deviation")
        self.sigma = sigma
    }

    /// 1/(2σ²) + (K/2)·ln(2πσ²): at all-zero scores only the correct class misses, by 1.
    public func expectedInitialLoss(classCount: Int) -> Double {
        1 / (2 * sigma * sigma) + constantTerm(classCount: classCount)
    }

    /// ½·K·ln(2πσ²): the part of every Lᵢ that no score can change (the Gaussians' normalizers).
    public func constantTerm(classCount: Int) -> Double {
        0.5 * Double(classCount) * log(2 * Double.pi * sigma * sigma)
    }

    /// Σ_j (s_j − t_j)²/(2σ²) for one example: the part of Lᵢ that training can reduce, which
    /// `explain` prints beside `constantTerm`. Lᵢ is their sum.
    /// - Precondition: `label` is in 0..<K.
    public func scaledSquaredError(scores: [Double], label: Int) -> Double {
        precondition(scores.indices.contains(label), "label \(label) is not a class of \(scores.count)")
        return scores.indices.reduce(0) { sum, j in
            let error = scores[j] - (j == label ? 1 : 0)
            return sum + error * error / (2 * sigma * sigma)
        }
    }

    // MARK: Naive: the formula term by term

    /// Lᵢ and ∂L/∂S by the definition: for every class the Gaussian's squared-error term and its
    /// normalizer ½·ln(2πσ²). The readable reference for `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        let variance = sigma * sigma
        return naiveBatchMean(scores: scores, labels: labels) { batch, total, gradient in
            for i in 0..<scores.rows {
                for j in 0..<scores.columns {
                    let target: Double = j == labels[i] ? 1 : 0
                    total += (scores[i, j] - target) * (scores[i, j] - target) / (2 * variance)
                        + 0.5 * log(2 * Double.pi * variance)
                    gradient[i, j] = (scores[i, j] - target) / variance / batch
                }
            }
        }
    }

    // MARK: Fast: one row

    /// Lᵢ of one row and scale·∂Lᵢ/∂s: the per-row kernel that `RowwiseLoss` runs over the batch.
    /// Same inputs and outputs as `naiveDataLossAndGradient(scores:labels:)`, with the constant added
    /// once per row, without allocating.
    public func exampleLoss(scores s: Span<Double>, label y: Int, scale: Double, scoresGradient g: inout MutableSpan<Double>) -> Double {
        let inverseVariance = 1 / (sigma * sigma)
        var sum = 0.0
        for j in 0..<s.count {
            let error = s[j] - (j == y ? 1 : 0)
            sum += error * error
            g[j] = error * inverseVariance * scale
        }
        return 0.5 * inverseVariance * sum + constantTerm(classCount: s.count)
    }
}
