import Foundation

/// What the evaluation reads off one example's K class scores s with label y, in one function
/// while the row is in the cache:
///
///     prediction           ŷ = argmax_j s_j, the first on a tie           (LinearClassifier.predictions)
///     margin               m = s_y − max_{j≠y} s_j, +∞ when K = 1          (MarginStatistics.margin)
///     correctProbability   p_y = e^{s_y − s_ŷ} / (1 + Σ_{j≠ŷ} e^{s_j − s_ŷ})  (entry y of softmax(_:into:))
///
/// The fast implementation of `ChunkMetrics`: the same bits as the readable functions on the
/// right, which the naive implementation runs (the tests compare the two), but only what the
/// evaluation keeps. softmax(_:into:) also writes K probabilities, divides K times and takes the
/// log1p that only the softmax loss needs. The lecture's cat, scores [3.2, 5.1, −1.7] with label 0:
/// prediction 1 (car), margin −1.9, p_y = 0.1300.
struct ScoreRowSummary: Equatable {
    var prediction: Int
    var margin: Double
    var correctProbability: Double

    /// ŷ = argmax_j s_j, the lowest index among ties (0 for an empty row).
    /// - Complexity: O(K).
    static func prediction(of scores: Span<Double>) -> Int {
        var top = 0
        for j in scores.indices where scores[j] > scores[top] { top = j }
        return top
    }

    /// The prediction, margin and correct-class probability of `scores` with label `label`.
    /// - Precondition: `label` is in 0..<K.
    /// - Complexity: O(K), with K − 1 exponentials.
    init(scores: Span<Double>, label: Int) {
        let top = Self.prediction(of: scores)
        var largestOther = -Double.infinity
        for j in scores.indices where j != label {
            largestOther = max(largestOther, scores[j])
        }
        // softmax(_:into:)'s sum, in its order: the top term is e⁰ = 1, the others added by index.
        let maximum = scores[top]
        var others = 0.0, correctExponential = 1.0
        for j in scores.indices where j != top {
            let exponential = exp(scores[j] - maximum)
            others += exponential
            if j == label { correctExponential = exponential }
        }
        self.init(prediction: top, margin: scores[label] - largestOther, correctProbability: correctExponential / (1 + others))
    }

    /// The three values as given (the tests' expected summaries).
    init(prediction: Int, margin: Double, correctProbability: Double) {
        self.prediction = prediction
        self.margin = margin
        self.correctProbability = correctProbability
    }
}
