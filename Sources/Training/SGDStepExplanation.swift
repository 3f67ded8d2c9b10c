import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Optimizers

/// One SGD step on a small batch, piece by piece, by the readable code: what
/// `trainer explain MODEL DATA --step LR` prints (SPEC §3.2).
///
///     S = X·Wᵀ + b                          the scores of the B examples
///     Lᵢ, ∂Lᵢ/∂sᵢ                           each example's loss and its gradient
///     dW = (1/B)·dSᵀ·X + 2λW,  db = (1/B)·Σᵢ dSᵢ   (dS row i = ∂Lᵢ/∂sᵢ; 2λW from L2 with strength λ)
///     W' = W − lr·dW,  b' = b − lr·db        one plain SGD step
///
/// Worked example (the lecture's dog/bird/truck, Δ = 1): Lᵢ = 4.2, 0, 14.9; the dog image's
/// ∂L/∂s = [−1, 1, 0] (only the bird term fires), the truck image's [1, 1, −2].
public struct SGDStepExplanation: Sendable {
    /// Lᵢ of each example.
    public let exampleLosses: [Double]
    /// Row i: ∂Lᵢ/∂sᵢ, before the 1/B of the mean.
    public let exampleGradients: Matrix
    /// dW = (1/B)·dSᵀ·X (+ 2λW), K×D.
    public let weightGradient: Matrix
    /// db = (1/B)·Σᵢ dSᵢ, K×1.
    public let biasGradient: Matrix
    /// W and b before and after the step.
    public let before: LinearClassifier
    public let after: LinearClassifier

    /// The step of `loss` from `classifier` on the B rows of `features` (preprocessed as the model
    /// was trained) with labels `labels`, rate `learningRate` and L2 strength `strength`.
    /// - Precondition: one label per row, each a class of the classifier.
    public init(classifier: LinearClassifier, loss: any Loss, features: Matrix, labels: [Int], learningRate: Double,
                strength: Double) {
        let rows = Array(0..<features.rows)[...]
        let scores = classifier.naiveScores(for: features, rows: rows)
        let (_, scoresGradient) = loss.naiveDataLossAndGradient(scores: scores, labels: labels)
        var (weightGradient, biasGradient) = LinearClassifier.weightGradients(
            scoresGradient: scoresGradient, features: features, rows: rows)
        L2Regularizer().naiveAddGradient(of: classifier.weights, strength: strength, into: &weightGradient)
        var after = classifier, sgd = StochasticGradientDescent(), biasSGD = StochasticGradientDescent()
        sgd.naiveStep(&after.weights, gradient: weightGradient, learningRate: learningRate)
        biasSGD.naiveStep(&after.bias, gradient: biasGradient, learningRate: learningRate)
        let batch = Double(features.rows)
        exampleLosses = loss.exampleLosses(scores: scores, labels: labels)
        exampleGradients = Matrix(rows: scoresGradient.rows, columns: scoresGradient.columns,
                                  elements: scoresGradient.elements.map { $0 * batch })
        self.weightGradient = weightGradient
        self.biasGradient = biasGradient
        before = classifier
        self.after = after
    }
}
