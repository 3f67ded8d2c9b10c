import Foundation
import LinearAlgebra
import LinearModel

/// Binary cross-entropy per class on the sigmoid of each score, summed over the classes and
/// averaged over the batch: K independent yes/no questions "is this example of class j?".
///
///     Lᵢ = −Σ_j [t_{ij}·log σ(s_j) + (1 − t_{ij})·log(1 − σ(s_j))],   t_{ij} = [j = yᵢ]
///        =  Σ_j [t_{ij}·softplus(−s_j) + (1 − t_{ij})·softplus(s_j)]        L = (1/B) Σᵢ Lᵢ
///     ∂Lᵢ/∂s_j = σ(s_j) − t_{ij}
///
/// Numerical stability: −log σ(s) = softplus(−s) and −log(1 − σ(s)) = softplus(s), with the stable
/// `softplus` and `sigmoid` of LinearModel, so a confidently wrong score of ±1e4 costs 1e4 instead of
/// log(0) = −∞. With all-zero scores each class costs ln 2: Lᵢ = K·ln 2. With K = 1 (label 0) it is
/// the logistic loss ln(1 + e^{−s}); each class term is the logistic loss ln(1 + e^{−τ_j·s_j}) with
/// τ_j = +1 for the correct class and −1 for the others.
///
/// The lecture's pitfall (seed 001: "what if we use a sigmoid on each output instead of softmax?"),
/// `positiveTermOnly` (config `positive_term_only`, never a default): keep only the true class's
/// term, Lᵢ = −log σ(s_{yᵢ}). Nothing then pushes a wrong class's score down, so the loss is
/// minimised by σ(s_j) → 1 for every class at once: the model learns to say "yes" to everything,
/// its loss falls towards 0 and its probabilities tell nothing. At all-zero scores Lᵢ = ln 2.
/// - Complexity: O(B·K).
public struct SigmoidCrossEntropyLoss: RowwiseLoss, Equatable {
    /// Whether only the true class's term −log σ(s_{yᵢ}) is kept (the pitfall; default false).
    public var positiveTermOnly: Bool

    /// The sigmoid binary cross-entropy loss, with both terms of every class unless `positiveTermOnly`.
    public init(positiveTermOnly: Bool = false) {
        self.positiveTermOnly = positiveTermOnly
    }

    /// K·ln 2 (ln 2 with the positive term only): at all-zero scores every σ(s_j) = 1/2.
    public func expectedInitialLoss(classCount: Int) -> Double {
        Double(positiveTermOnly ? min(classCount, 1) : classCount) * log(2)
    }

    // MARK: Naive: the formula term by term

    /// Lᵢ and ∂L/∂S by the definition: both cross-entropy terms of every class, each through
    /// softplus (the formula's log σ written as −softplus(−s)). The readable reference for
    /// `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        naiveBatchMean(scores: scores, labels: labels) { batch, total, gradient in
            for i in 0..<scores.rows {
                for j in 0..<scores.columns {
                    let target: Double = j == labels[i] ? 1 : 0
                    let logProbability = -softplus(-scores[i, j])          // log σ(s_j)
                    let logComplement = -softplus(scores[i, j])            // log(1 − σ(s_j))
                    if positiveTermOnly {
                        total += -target * logProbability
                        gradient[i, j] = target * (sigmoid(scores[i, j]) - 1) / batch
                    } else {
                        total += -(target * logProbability + (1 - target) * logComplement)
                        gradient[i, j] = (sigmoid(scores[i, j]) - target) / batch
                    }
                }
            }
        }
    }

    // MARK: Fast: one row

    /// Lᵢ of one row and scale·∂Lᵢ/∂s: the per-row kernel that `RowwiseLoss` runs over the batch.
    /// Same inputs and outputs as `naiveDataLossAndGradient(scores:labels:)`, one softplus per score
    /// (only the term whose target is not 0), without allocating.
    public func exampleLoss(scores s: Span<Double>, label y: Int, scale: Double, scoresGradient g: inout MutableSpan<Double>) -> Double {
        if positiveTermOnly {
            for j in 0..<s.count { g[j] = 0 }
            g[y] = (sigmoid(s[y]) - 1) * scale
            return softplus(-s[y])
        }
        var loss = 0.0
        for j in 0..<s.count {
            loss += j == y ? softplus(-s[j]) : softplus(s[j])
            g[j] = (sigmoid(s[j]) - (j == y ? 1 : 0)) * scale
        }
        return loss
    }
}
