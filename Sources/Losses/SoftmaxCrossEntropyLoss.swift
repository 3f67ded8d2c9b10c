import Foundation
import LinearAlgebra
import LinearModel

/// The softmax cross-entropy loss, averaged over the batch: the negative log of the probability
/// the softmax gives the correct class.
///
///     Lᵢ = −log(e^{s_{yᵢ}} / Σ_j e^{s_j}) = log Σ_j e^{s_j} − s_{yᵢ}        L = (1/B) Σᵢ Lᵢ
///     ∂Lᵢ/∂s_j = p_j − [j = yᵢ],   p = softmax(sᵢ)
///
/// Unlike the SVM it is never fully satisfied: scores [10, 7, 5] with label 0 still cost 0.0550
/// (−log 0.9465) where the SVM gives 0. With all-equal scores every p_j = 1/K and Lᵢ = ln K.
///
/// Numerical stability: the log-sum-exp is computed with the maximum m subtracted
/// (`softmax(_:into:)` of LinearModel), and Lᵢ as (m − s_y) + log Σ_j e^{s_j − m} rather than
/// −log p_y, so it stays finite even when p_y underflows to 0 (scores ±1e4), and loses no digits
/// when the correct class is the top one ([10, −10, −10] → 4.1223e−9).
/// - Complexity: O(B·K).
public struct SoftmaxCrossEntropyLoss: RowwiseLoss, Equatable {
    /// The softmax cross-entropy loss (it has no parameters).
    public init() {}

    /// ln K: at all-zero scores the softmax is uniform, p_y = 1/K.
    public func expectedInitialLoss(classCount: Int) -> Double {
        log(Double(classCount))
    }

    // MARK: Naive: the formula term by term

    /// Lᵢ = −log p_{yᵢ} and ∂L/∂S = (P − T)/B by the definition, with p from `softmax(_:)` of each
    /// row and T the one-hot targets. The readable reference for
    /// `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        naiveBatchMean(scores: scores, labels: labels) { batch, total, gradient in
            for i in 0..<scores.rows {
                let probabilities = softmax(scores.row(i))
                total += -log(probabilities[labels[i]])
                for j in 0..<scores.columns {
                    let target: Double = j == labels[i] ? 1 : 0
                    gradient[i, j] = (probabilities[j] - target) / batch
                }
            }
        }
    }

    // MARK: Fast: one row

    /// Lᵢ of one row and scale·∂Lᵢ/∂s: the per-row kernel behind `RowwiseLoss`'s loss values
    /// (evaluation, `dataLossAndGradient`) and the reference for `writeScoresGradient`, the training
    /// step's eight-row path (SoftmaxCrossEntropyLoss+EightRows.swift). Same inputs and outputs as
    /// `naiveDataLossAndGradient(scores:labels:)`, without allocating: the gradient row first
    /// receives the probabilities, then loses 1 at the label and is scaled by 1/B. Lᵢ is
    /// (m − s_y) + log Σ e^{s_j − m}, finite where the naive −log p_y would be −log 0 = ∞.
    public func exampleLoss(scores s: Span<Double>, label y: Int, scale: Double, scoresGradient g: inout MutableSpan<Double>) -> Double {
        let logSumExp = softmax(s, into: &g)
        g[y] -= 1
        for j in 0..<g.count { g[j] *= scale }
        return (logSumExp.maximum - s[y]) + logSumExp.logNormalizer
    }
}
