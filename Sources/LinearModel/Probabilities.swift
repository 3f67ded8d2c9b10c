import Foundation
import LinearAlgebra

// Turning scores into probabilities: the softmax over the K classes of one example (softmax
// loss) and the sigmoid of each score on its own (sigmoid + binary cross-entropy loss). The losses
// call these functions; they do not re-derive them.

// MARK: Softmax

/// The softmax of one row of scores by the definition, without any guard against overflow:
///
///     p_j = e^{s_j} / Σ_k e^{s_k}
///
/// Kept to show why `softmax(_:)` subtracts the maximum: for s = [1000, 1001], e^{1000}
/// overflows to +∞ and the result is ∞/∞ = NaN in every entry. For moderate scores it agrees with
/// `softmax(_:)` up to rounding.
/// - Complexity: O(K).
public func naiveSoftmax(_ scores: [Double]) -> [Double] {
    let exponentials = scores.map { exp($0) }
    let normalizer = exponentials.reduce(0, +)
    return exponentials.map { $0 / normalizer }
}

/// The softmax of one row of scores, computed with the maximum subtracted:
///
///     p_j = e^{s_j − m} / Σ_k e^{s_k − m},   m = max_k s_k
///
/// Subtracting m changes nothing mathematically (it cancels between numerator and denominator) but
/// keeps every exponent ≤ 0, so nothing overflows and the largest term is exactly 1 (the
/// normalizer is in [1, K]). softmax([1, 2]) = softmax([1000, 1001]) = [0.2689, 0.7311];
/// softmax([10, 20]) ≈ [4.54e−5, 0.99995]. An empty row gives an empty result.
/// - Complexity: O(K).
public func softmax(_ scores: [Double]) -> [Double] {
    var probabilities = Array(repeating: 0.0, count: scores.count)
    var output = probabilities.mutableSpan
    softmax(scores.span, into: &output)
    return probabilities
}

/// Writes softmax(s) of one row into `probabilities` and returns the two parts of its
/// log-sum-exp,
///
///     log Σ_k e^{s_k} = m + log Σ_k e^{s_k − m},   m = max_k s_k
///
/// as `maximum` m and `logNormalizer` log Σ_k e^{s_k − m} ∈ [0, ln K], the latter as log1p of the
/// terms other than the top one (which is e⁰ = 1). The softmax loss needs them:
/// −log p_y = (m − s_y) + log Σ_k e^{s_k − m}, finite even where p_y underflows to 0, and without
/// cancellation when y is the top class (m − s_y = 0 exactly: [10, −10, −10] gives 4.1223e−9 to
/// the last digits, where (m + log Σ) − s_y would lose half of them). Same max-subtracted
/// arithmetic as `softmax(_:)`; no allocation (the training loop's path). An empty row gives
/// m = −∞, log Σ = 0 and writes nothing.
/// - Precondition: both views have the same count.
/// - Complexity: O(K).
@discardableResult
public func softmax(
    _ scores: Span<Double>, into probabilities: inout MutableSpan<Double>
) -> (maximum: Double, logNormalizer: Double) {
    precondition(scores.count == probabilities.count, "softmax writes one probability per score")
    guard var top = scores.indices.first else { return (-.infinity, 0) }
    for j in scores.indices where scores[j] > scores[top] { top = j }
    let maximum = scores[top]
    // The top term is e⁰ = 1 exactly; summing the others apart gives log Σ = log1p(others),
    // which keeps every digit when the others are tiny.
    var others = 0.0
    for j in scores.indices where j != top {
        let exponential = exp(scores[j] - maximum)
        probabilities[j] = exponential
        others += exponential
    }
    probabilities[top] = 1
    let normalizer = 1 + others
    for j in probabilities.indices {
        probabilities[j] /= normalizer
    }
    return (maximum, log1p(others))
}

/// The softmax of every row of a score matrix S (B×K): row i holds the K class probabilities of
/// example i, each row computed as `softmax(_:)` does (max subtracted) and summing to 1.
/// - Complexity: O(B·K).
public func softmaxProbabilities(scores: Matrix) -> Matrix {
    var probabilities = Matrix(rows: scores.rows, columns: scores.columns)
    let classes = scores.columns
    var target = probabilities.elements.mutableSpan
    for i in 0..<scores.rows {
        let row = scores.elements.span.extracting(i * classes ..< (i + 1) * classes)
        target.withRow(i, length: classes) { softmax(row, into: &$0) }
    }
    return probabilities
}

// MARK: Sigmoid

/// The logistic sigmoid σ(z) = 1 / (1 + e^{−z}), the probability that a binary label is 1.
///
/// Computed stably on both sides: for z ≥ 0 as 1/(1 + e^{−z}), for z < 0 as e^{z}/(1 + e^{z}),
/// so the exponential never overflows. σ(0) = 0.5, σ(−1000) = 0 and σ(1000) = 1 exactly, never
/// NaN. For K = 2, softmax([a, b])₁ = σ(b − a).
@inlinable
public func sigmoid(_ z: Double) -> Double {
    if z >= 0 {
        return 1 / (1 + exp(-z))
    }
    let exponential = exp(z)
    return exponential / (1 + exponential)
}

/// The softplus function ln(1 + e^{z}), computed stably as
///
///     softplus(z) = max(z, 0) + ln(1 + e^{−|z|})
///
/// (the two agree: for z > 0, ln(1 + e^{z}) = z + ln(e^{−z} + 1)). It is the binary cross-entropy
/// of a score: −log σ(z) = softplus(−z) and −log(1 − σ(z)) = softplus(z), finite for every finite
/// z where log(σ(z)) would give −∞ once σ(z) underflows. softplus(1000) = 1000, softplus(−1000) ≈ 0.
@inlinable
public func softplus(_ z: Double) -> Double {
    max(z, 0) + log1p(exp(-abs(z)))
}

/// σ applied to every score of S (B×K): entry (i, j) is the probability that example i belongs to
/// class j, each class judged on its own (the rows need not sum to 1).
/// - Complexity: O(B·K).
public func sigmoidProbabilities(scores: Matrix) -> Matrix {
    Matrix(rows: scores.rows, columns: scores.columns, elements: scores.elements.map(sigmoid))
}
