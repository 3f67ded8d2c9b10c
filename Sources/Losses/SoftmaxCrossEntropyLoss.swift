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
        precondition(labels.count == scores.rows, "one label per row of scores")
        var gradient = Matrix(rows: scores.rows, columns: scores.columns)
        guard scores.rows > 0 else { return (0, gradient) }
        let batch = Double(scores.rows)
        var total = 0.0
        for i in 0..<scores.rows {
            let probabilities = softmax(scores.row(i))
            total += -log(probabilities[labels[i]])
            for j in 0..<scores.columns {
                let target: Double = j == labels[i] ? 1 : 0
                gradient[i, j] = (probabilities[j] - target) / batch
            }
        }
        return (total / batch, gradient)
    }

    // MARK: Fast: one row on raw pointers

    /// Lᵢ of one row and, when `scoresGradient` is given, scale·∂Lᵢ/∂s: the per-row kernel behind
    /// `RowwiseLoss`'s loss values (evaluation, `dataLossAndGradient`) and the reference for
    /// `writeScoresGradient`, the training step's eight-row path. Same inputs and outputs as
    /// `naiveDataLossAndGradient(scores:labels:)`, without allocating: the gradient row first receives
    /// the probabilities, then loses 1 at the label and is scaled by 1/B (without a gradient the
    /// probabilities go to a stack scratch row). Lᵢ is (m − s_y) + log Σ e^{s_j − m}, finite where the
    /// naive −log p_y would be −log 0 = ∞.
    public func exampleLoss(
        _ s: UnsafePointer<Double>, label y: Int, classCount classes: Int,
        scoresGradient g: UnsafeMutablePointer<Double>?, scale: Double
    ) -> Double {
        let row = UnsafeBufferPointer(start: s, count: classes)
        guard let g else {
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: classes) { scratch in
                let logSumExp = softmax(row, into: scratch)
                return (logSumExp.maximum - s[y]) + logSumExp.logNormalizer
            }
        }
        let gradient = UnsafeMutableBufferPointer(start: g, count: classes)
        let logSumExp = softmax(row, into: gradient)
        gradient[y] -= 1
        for j in gradient.indices { gradient[j] *= scale }
        return (logSumExp.maximum - s[y]) + logSumExp.logNormalizer
    }

    // MARK: Fast: eight rows at a time, for the training step

    /// scale·(p − onehot(y)) of one row per label, eight at a time: lane r of each vector is row r
    /// of the group, so a group's K·8 exponentials are K calls of the vector `exponential`, whose
    /// latencies overlap. One row's K − 1 `exp` calls were most of the loss's time: on `mid`
    /// (K = 10, 2 threads) a softmax epoch took half again an SVM one. Lane by lane, the arithmetic
    /// of `exampleLoss` — the maximum subtracted, the top class's term 1, the others summed in
    /// class order — with e^x within 2 ulp of `exp` instead of `exp` itself. A short last group
    /// repeats its last row in the spare lanes (computed, never stored): each row's result is its own.
    /// `exampleLoss` row by row is the reference the tests compare it with.
    /// - Complexity: O(rows · K).
    public func writeScoresGradient(
        scores: UnsafePointer<Double>, labels: UnsafeBufferPointer<Int>, classCount classes: Int,
        scoresGradient: UnsafeMutablePointer<Double>, scale: Double
    ) {
        let rowCount = labels.count
        guard classes > 0 else { return }
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: classes) { terms in
            for first in stride(from: 0, to: rowCount, by: 8) {
                let rows = min(8, rowCount - first)
                // Each class's column of the group is built in registers and stored whole.
                func start(_ lane: Int) -> Int { (first + min(lane, rows - 1)) * classes }
                let (r0, r1, r2, r3) = (start(0), start(1), start(2), start(3))
                let (r4, r5, r6, r7) = (start(4), start(5), start(6), start(7))
                for k in 0..<classes {
                    terms[k] = SIMD8(scores[r0 + k], scores[r1 + k], scores[r2 + k], scores[r3 + k],
                                     scores[r4 + k], scores[r5 + k], scores[r6 + k], scores[r7 + k])
                }
                var label = SIMD8<Int64>()
                for lane in 0..<8 { label[lane] = Int64(labels[first + min(lane, rows - 1)]) }
                // The top class of each row: the first one holding the maximum m.
                var maximum = terms[0], top = SIMD8<Int64>()
                for k in 1..<classes {
                    let greater = terms[k] .> maximum
                    maximum.replace(with: terms[k], where: greater)
                    top.replace(with: Int64(k), where: greater)
                }
                var others = SIMD8<Double>()
                for k in 0..<classes {
                    let isTop = top .== Int64(k)
                    terms[k] = exponential(terms[k] - maximum).replacing(with: 1, where: isTop)
                    others += terms[k].replacing(with: 0, where: isTop)
                }
                let normalizer = 1 + others
                for k in 0..<classes {
                    let target = SIMD8<Double>().replacing(with: 1, where: label .== Int64(k))
                    let gradient = (terms[k] / normalizer - target) * scale
                    for lane in 0..<rows { scoresGradient[(first + lane) * classes + k] = gradient[lane] }
                }
            }
        }
    }
}
