import LinearAlgebra
import LinearModel

/// The sigmoid outputs of a classifier on labelled examples, read as K yes/no answers each.
public struct SigmoidAnswers: Sendable {
    /// Mean σ(s_y) of the correct class.
    public let meanCorrect: Double
    /// Mean σ(s_j) over the other classes j ≠ y.
    public let meanOther: Double
    /// The fraction of other-class answers that say yes, σ(s_j) > 0.5.
    public let otherYesFraction: Double

    /// The answers of `classifier` on the rows of `features` with their `labels`.
    /// - Precondition: at least one row and two classes.
    public init(classifier: LinearClassifier, features: Matrix, labels: [Int]) {
        let scores = classifier.scores(for: features, rows: Array(0..<features.rows)[...])
        var correct = 0.0, other = 0.0, yes = 0
        for i in 0..<scores.rows {
            for j in 0..<scores.columns {
                let answer = sigmoid(scores[i, j])
                if j == labels[i] {
                    correct += answer
                } else {
                    other += answer
                    if answer > 0.5 { yes += 1 }
                }
            }
        }
        let otherCount = Double(scores.rows * (scores.columns - 1))
        meanCorrect = correct / Double(scores.rows)
        meanOther = other / otherCount
        otherYesFraction = Double(yes) / otherCount
    }
}
