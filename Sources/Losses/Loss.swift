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
