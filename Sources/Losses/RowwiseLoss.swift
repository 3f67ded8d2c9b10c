import LinearAlgebra

/// A loss whose Lᵢ depends on row i of the scores alone, so the batch loss and its gradient are
/// one loop over the rows:
///
///     L = (1/B) Σᵢ Lᵢ(sᵢ, yᵢ)        row i of ∂L/∂S = (1/B)·∂Lᵢ/∂sᵢ
///
/// A conforming loss writes `exampleLoss(scores:label:scale:scoresGradient:)`, its fast kernel for
/// one row on bounds-checked views (`Span`, `MutableSpan`: an index outside the row traps instead
/// of reaching another row's memory), and its naive form over the batch. This extension supplies
/// the rest of `Loss` around them; the training step hands the loss a chunk of rows at a time
/// through `writeScoresGradient`, which a loss may override to work on several rows at once (the
/// softmax does, eight at a time).
public protocol RowwiseLoss: Loss {
    /// Lᵢ of one example's K scores `scores` with label `label`, and scale·∂Lᵢ/∂s_j written into
    /// the K entries of `scoresGradient` (all of them: it is overwritten, not accumulated).
    /// - Precondition: `label` is in 0..<K and `scoresGradient` has K entries (the callers below
    ///   check both).
    func exampleLoss(scores: Span<Double>, label: Int, scale: Double, scoresGradient: inout MutableSpan<Double>) -> Double

    /// scale·∂Lᵢ/∂sᵢ of consecutive rows, one per label (K = scores.count / labels.count scores each),
    /// written row after row into `scoresGradient`: the training step's call, a chunk of rows at a
    /// time. By default `exampleLoss` row by row; a loss may work on several rows at once, as long as
    /// each row's result is its own.
    /// - Precondition: every label is in 0..<K (the training step checks them first).
    /// - Complexity: O(rows · K).
    func writeScoresGradient(scores: Span<Double>, labels: Span<Int>, scale: Double, scoresGradient: inout MutableSpan<Double>)
}

extension RowwiseLoss {
    /// `exampleLoss` on each row in turn, its loss value dropped.
    public func writeScoresGradient(scores: Span<Double>, labels: Span<Int>, scale: Double, scoresGradient: inout MutableSpan<Double>) {
        guard !labels.isEmpty else { return }
        let classes = scores.count / labels.count
        for i in labels.indices {
            let row = scores.extracting(i * classes ..< (i + 1) * classes)
            _ = scoresGradient.withRow(i, length: classes) { gradient in
                exampleLoss(scores: row, label: labels[i], scale: scale, scoresGradient: &gradient)
            }
        }
    }

    /// (1/B) Σᵢ Lᵢ and ∂L/∂S (B×K, overwritten) by `exampleLoss` on each row, without allocating.
    /// 0 for an empty batch (and `scoresGradient` stays 0×K).
    /// - Complexity: B calls of `exampleLoss`.
    public func dataLossAndGradient(scores: Matrix, labels: [Int], scoresGradient: inout Matrix) -> Double {
        precondition(scoresGradient.rows == scores.rows && scoresGradient.columns == scores.columns,
                     "the scores gradient has the shape of the scores")
        var gradient = scoresGradient.elements.mutableSpan
        return sumOfExampleLosses(scores: scores, labels: labels, scale: 1 / Double(max(scores.rows, 1)),
                                  scoresGradient: &gradient) / Double(max(scores.rows, 1))
    }

    /// (1/B) Σᵢ Lᵢ by `exampleLoss` on each row, its gradient written into a scratch matrix.
    public func dataLoss(scores: Matrix, labels: [Int]) -> Double {
        exampleLosses(scores: scores, labels: labels).reduce(0, +) / Double(max(scores.rows, 1))
    }

    /// Lᵢ for each row by `exampleLoss` (its gradient goes to a scratch row): the per-example
    /// losses of `explain` and of the evaluation of a split.
    public func exampleLosses(scores: Matrix, labels: [Int]) -> [Double] {
        precondition(labels.count == scores.rows, "one label per row of scores")
        let classes = scores.columns
        var scratch = [Double](repeating: 0, count: classes)
        var gradient = scratch.mutableSpan
        var losses: [Double] = []
        losses.reserveCapacity(scores.rows)
        for i in 0..<scores.rows {
            precondition(labels[i] >= 0 && labels[i] < classes, "label \(labels[i]) is not a class of \(classes)")
            losses.append(exampleLoss(scores: scores.elements.span.extracting(i * classes ..< (i + 1) * classes),
                                      label: labels[i], scale: 0, scoresGradient: &gradient))
        }
        return losses
    }

    /// Σᵢ Lᵢ, with scale·∂Lᵢ/∂sᵢ written into row i of `scoresGradient` (B·K entries).
    private func sumOfExampleLosses(scores: Matrix, labels: [Int], scale: Double, scoresGradient: inout MutableSpan<Double>) -> Double {
        precondition(labels.count == scores.rows, "one label per row of scores")
        let classes = scores.columns
        var total = 0.0
        for i in 0..<scores.rows {
            precondition(labels[i] >= 0 && labels[i] < classes, "label \(labels[i]) is not a class of \(classes)")
            let row = scores.elements.span.extracting(i * classes ..< (i + 1) * classes)
            total += scoresGradient.withRow(i, length: classes) { gradient in
                exampleLoss(scores: row, label: labels[i], scale: scale, scoresGradient: &gradient)
            }
        }
        return total
    }
}
