import LinearAlgebra

/// A loss whose Lᵢ depends on row i of the scores alone, so the batch loss and its gradient are
/// one loop over the rows:
///
///     L = (1/B) Σᵢ Lᵢ(sᵢ, yᵢ)        row i of ∂L/∂S = (1/B)·∂Lᵢ/∂sᵢ
///
/// A conforming loss writes `exampleLoss(_:label:classCount:scoresGradient:scale:)`, its fast
/// per-row kernel on raw pointers, and may override `writeScoresGradient`, the training step's
/// call on a chunk of rows; this extension supplies the `Loss` requirements around them, so the
/// training loop's `dataLossAndGradient` allocates nothing.
public protocol RowwiseLoss: Loss {
    /// Lᵢ of the K scores at `scores` with label `label`; when `scoresGradient` is given, writes
    /// scale·∂Lᵢ/∂s_j into its K entries (all of them: it is overwritten, not accumulated).
    /// - Precondition: `label` is in 0..<`classCount` (checked by the callers below).
    func exampleLoss(
        _ scores: UnsafePointer<Double>, label: Int, classCount: Int,
        scoresGradient: UnsafeMutablePointer<Double>?, scale: Double
    ) -> Double

    /// scale·∂Lᵢ/∂sᵢ of consecutive rows, one per label (K scores each from `scores`), written row
    /// after row from `scoresGradient`: the training step's call, a chunk of rows at a time. By
    /// default `exampleLoss` row by row; a loss may work on several rows at once (the softmax
    /// does, eight at a time), as long as each row's result is its own.
    /// - Precondition: every label is in 0..<`classCount` (the training step checks them first).
    /// - Complexity: O(rows · K).
    func writeScoresGradient(
        scores: UnsafePointer<Double>, labels: UnsafeBufferPointer<Int>, classCount: Int,
        scoresGradient: UnsafeMutablePointer<Double>, scale: Double)
}

extension RowwiseLoss {
    /// `exampleLoss` on each row in turn, its loss value dropped.
    public func writeScoresGradient(
        scores: UnsafePointer<Double>, labels: UnsafeBufferPointer<Int>, classCount: Int,
        scoresGradient: UnsafeMutablePointer<Double>, scale: Double
    ) {
        for i in labels.indices {
            _ = exampleLoss(scores + i * classCount, label: labels[i], classCount: classCount,
                            scoresGradient: scoresGradient + i * classCount, scale: scale)
        }
    }

    /// (1/B) Σᵢ Lᵢ and ∂L/∂S (B×K, overwritten) by `exampleLoss` on each row, through raw
    /// pointers and without allocating. 0 for an empty batch (and `scoresGradient` stays 0×K).
    /// - Complexity: B calls of `exampleLoss`.
    public func dataLossAndGradient(scores: Matrix, labels: [Int], scoresGradient: inout Matrix) -> Double {
        precondition(labels.count == scores.rows, "one label per row of scores")
        precondition(scoresGradient.rows == scores.rows && scoresGradient.columns == scores.columns,
                     "the scores gradient has the shape of the scores")
        guard scores.rows > 0 else { return 0 }
        let classes = scores.columns, scale = 1 / Double(scores.rows)
        var total = 0.0
        scores.elements.withUnsafeBufferPointer { source in
            scoresGradient.elements.withUnsafeMutableBufferPointer { target in
                for i in 0..<scores.rows {
                    precondition(labels[i] >= 0 && labels[i] < classes, "label \(labels[i]) is not a class of \(classes)")
                    total += exampleLoss(source.baseAddress! + i * classes, label: labels[i], classCount: classes,
                                         scoresGradient: target.baseAddress! + i * classes, scale: scale)
                }
            }
        }
        return total * scale
    }

    /// Lᵢ for each row by `exampleLoss`, without the gradient: the per-example losses of `explain`.
    public func exampleLosses(scores: Matrix, labels: [Int]) -> [Double] {
        precondition(labels.count == scores.rows, "one label per row of scores")
        let classes = scores.columns
        return scores.elements.withUnsafeBufferPointer { source in
            (0..<scores.rows).map { i in
                precondition(labels[i] >= 0 && labels[i] < classes, "label \(labels[i]) is not a class of \(classes)")
                return exampleLoss(source.baseAddress! + i * classes, label: labels[i], classCount: classes,
                                   scoresGradient: nil, scale: 0)
            }
        }
    }
}
