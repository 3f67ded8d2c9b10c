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

/// The frame every naive loss shares around its formula: `body` runs the loops over the examples
/// i and classes j, adding each Lᵢ's terms to `total` and writing ∂L/∂S (already divided by B, as
/// the formula's mean does) into `gradient`; the result is (total / B, gradient). An empty batch
/// gives 0 and a 0×K gradient without calling `body`.
/// - Precondition: one label per row of scores.
func naiveBatchMean(
    scores: Matrix, labels: [Int], _ body: (_ batch: Double, _ total: inout Double, _ gradient: inout Matrix) -> Void
) -> (loss: Double, scoresGradient: Matrix) {
    precondition(labels.count == scores.rows, "one label per row of scores")
    var gradient = Matrix(rows: scores.rows, columns: scores.columns)
    guard scores.rows > 0 else { return (0, gradient) }
    let batch = Double(scores.rows)
    var total = 0.0
    body(batch, &total, &gradient)
    return (total / batch, gradient)
}
