import LinearAlgebra

/// The mean squared error between the scores and the one-hot targets, averaged over the batch:
///
///     Lᵢ = (1/K)·Σ_j (s_j − t_{ij})²,   t_{ij} = [j = yᵢ]        L = (1/B) Σᵢ Lᵢ
///     ∂Lᵢ/∂s_j = (2/K)·(s_j − t_{ij})
///
/// Regression used as a classifier: it pulls the correct score to exactly 1 and every other to
/// exactly 0, and so also punishes a correct class that wins by too much. With all-zero scores
/// only the correct class misses its target, by 1: Lᵢ = 1/K. Worked example (K = 3): scores
/// [1.5, −2, 1.0] give (0.25 + 4 + 1)/3 = 1.75 with target [1, 0, 0] and (2.25 + 9 + 1)/3 = 4.0833
/// with target [0, 1, 0] (SPEC §3).
/// - Complexity: O(B·K).
public struct MeanSquaredErrorLoss: RowwiseLoss, Equatable {
    /// The mean squared error loss on one-hot targets (it has no parameters).
    public init() {}

    /// 1/K: at all-zero scores the one error is the correct class's 0 − 1.
    public func expectedInitialLoss(classCount: Int) -> Double {
        1 / Double(classCount)
    }

    // MARK: Naive: the formula term by term

    /// Lᵢ and ∂L/∂S by the definition, building each target t_{ij} = [j = yᵢ]. The readable
    /// reference for `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        let classes = Double(scores.columns)
        return naiveBatchMean(scores: scores, labels: labels) { batch, total, gradient in
            for i in 0..<scores.rows {
                for j in 0..<scores.columns {
                    let target: Double = j == labels[i] ? 1 : 0
                    total += (scores[i, j] - target) * (scores[i, j] - target) / classes
                    gradient[i, j] = 2 * (scores[i, j] - target) / classes / batch
                }
            }
        }
    }

    // MARK: Fast: one row

    /// Lᵢ of one row and scale·∂Lᵢ/∂s: the per-row kernel that `RowwiseLoss` runs over the batch.
    /// Same inputs and outputs as `naiveDataLossAndGradient(scores:labels:)`, without allocating.
    public func exampleLoss(scores s: Span<Double>, label y: Int, scale: Double, scoresGradient g: inout MutableSpan<Double>) -> Double {
        let perClass = 1 / Double(s.count)
        var sum = 0.0
        for j in 0..<s.count {
            let error = s[j] - (j == y ? 1 : 0)
            sum += error * error
            g[j] = 2 * perClass * error * scale
        }
        return sum * perClass
    }
}
