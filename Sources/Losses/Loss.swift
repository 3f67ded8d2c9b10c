import LinearAlgebra

/// A data loss: how unhappy we are with the scores of a batch, and in which direction each
/// score should move.
///
///     L = (1/B) Σᵢ Lᵢ(sᵢ, yᵢ)          ∂L/∂S: the B×K matrix with row i = (1/B)·∂Lᵢ/∂sᵢ
///
/// A loss sees only scores S (B×K, one row per example) and integer labels yᵢ ∈ 0..<K; it knows
/// nothing of W, X or the regularizer (as in scikit-learn's `_sgd_fast`). The regularization
/// term λ·R(W) is added by the training loop.
///
/// Every loss has two forms with the same inputs and outputs: `naiveDataLossAndGradient`, the
/// formula written as loops with its indices (what `model.implementation: "naive"` trains with),
/// and `dataLossAndGradient`, the fast one that the default training step uses. The tests compare
/// them. Every classifier loss is a `RowwiseLoss`, which writes the fast form for it from one
/// function of one row.
public protocol Loss: Sendable {
    /// The mean data loss (1/B) Σᵢ Lᵢ and ∂L/∂S by the definition: loops over i and j with the
    /// indices of the formula, allocating freely. The readable reference for
    /// `dataLossAndGradient(scores:labels:scoresGradient:)`.
    func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix)

    /// The mean data loss of the batch and its gradient ∂L/∂S, written into `scoresGradient`
    /// (B×K, overwritten; no allocation in the training loop's hot path).
    func dataLossAndGradient(scores: Matrix, labels: [Int], scoresGradient: inout Matrix) -> Double

    /// The mean data loss of the batch, (1/B) Σᵢ Lᵢ. Zero for an empty batch.
    func dataLoss(scores: Matrix, labels: [Int]) -> Double

    /// Lᵢ for each row: the per-example losses that `explain` prints.
    func exampleLosses(scores: Matrix, labels: [Int]) -> [Double]

    /// The loss when every score is 0 (W ≈ 0 at initialization): the lecture's sanity check,
    /// e.g. (K − 1)·Δ for the Weston–Watkins SVM and ln K for softmax.
    func expectedInitialLoss(classCount: Int) -> Double
}

extension Loss {
    /// The mean data loss and a freshly allocated gradient ∂L/∂S.
    public func dataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        var gradient = Matrix(rows: scores.rows, columns: scores.columns)
        let loss = dataLossAndGradient(scores: scores, labels: labels, scoresGradient: &gradient)
        return (loss, gradient)
    }
}

/// The config names of the losses (`loss.type`): the one table that decoding, validation,
/// "did you mean", `config.resolved.json` and help read.
public enum LossType: String, CaseIterable, Sendable {
    /// `"svm"`: the multiclass SVM (hinge) loss with margin Δ, in the variant `variant`
    /// (`MulticlassSVMLoss`), squared hinge terms with `squared: true`.
    case svm
    /// `"softmax"`: cross-entropy of the softmax probabilities, −log p_{yᵢ} (`SoftmaxCrossEntropyLoss`).
    case softmax
    /// `"mse"`: mean squared error against one-hot targets, (1/K)·Σ_j (s_j − t_{ij})² (`MeanSquaredErrorLoss`).
    case mse
    /// `"sigmoid"`: binary cross-entropy of σ(s_j) per class against one-hot targets (`SigmoidCrossEntropyLoss`).
    case sigmoid
    /// `"gaussian_nll"`: the negative log-likelihood of K outputs N(s_j, σ²), least squares in disguise
    /// (`GaussianNegativeLogLikelihoodLoss`).
    case gaussianNLL = "gaussian_nll"
    /// `"triplet"`: the triplet loss of a linear embedding f(x) = V·x, max(0, d(a, p) − d(a, n) + α).
    case triplet

    /// The config keys of the `loss` section that this loss reads; any other key reaching a run of
    /// this type is dropped from `config.resolved.json` (SPEC §4).
    public var keys: [String] {
        switch self {
        case .svm: ["type", "variant", "margin", "squared"]
        case .softmax, .mse, .sigmoid: ["type"]
        case .gaussianNLL: ["type", "sigma"]
        case .triplet: ["type", "margin", "embedding_dimension", "mining"]
        }
    }

    /// True for the losses whose scores read as class probabilities (softmax: a distribution over
    /// the K classes; sigmoid: K independent probabilities), which `predict --probabilities` writes.
    public var hasProbabilities: Bool {
        switch self {
        case .softmax, .sigmoid: true
        case .svm, .mse, .gaussianNLL, .triplet: false
        }
    }
}
