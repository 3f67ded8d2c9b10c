import LinearAlgebra

// The fast loops the regularizers share: Σ|w|, Σw², g ← g + α·sign(W), and soft-thresholding, on
// bounds-checked spans of the entries (no pointers outside LinearAlgebra). Each regularizer keeps
// its naive, formula-shaped twin in its own file; the tests compare them.

extension Matrix {
    /// Σ|w| over every entry (the L1 norm of the flattened matrix).
    ///
    /// Four running sums break the dependency chain of one accumulator; they are added in a fixed
    /// order, so the result is the same on every run (it may differ from a left-to-right sum in
    /// the last bits).
    /// - Complexity: O(rows · columns).
    var sumOfAbsoluteValues: Double {
        accumulate { abs($0) }
    }

    /// Σw² over every entry (the squared Frobenius norm). Summed like `sumOfAbsoluteValues`.
    /// - Complexity: O(rows · columns).
    var sumOfSquares: Double {
        accumulate { $0 * $0 }
    }

    /// Σ f(w) with four interleaved accumulators, added in a fixed order at the end.
    @inline(__always)
    private func accumulate(_ term: (Double) -> Double) -> Double {
        let values = elements.span
        var sums = (0.0, 0.0, 0.0, 0.0)
        let count = values.count, blocked = count - count % 4
        var index = 0
        while index < blocked {
            sums.0 += term(values[index])
            sums.1 += term(values[index + 1])
            sums.2 += term(values[index + 2])
            sums.3 += term(values[index + 3])
            index += 4
        }
        while index < count {
            sums.0 += term(values[index])
            index += 1
        }
        return (sums.0 + sums.1) + (sums.2 + sums.3)
    }

    /// self ← self + α·sign(W), entry by entry, with sign(0) = 0: L1's subgradient, scaled.
    /// - Precondition: `weights` has the shape of `self`.
    mutating func addSigns(of weights: Matrix, scaledBy alpha: Double) {
        precondition(rows == weights.rows && columns == weights.columns, "the gradient has the shape of W")
        var target = elements.mutableSpan
        let source = weights.elements.span
        for index in target.indices {
            target[index] += alpha * sign(source[index])
        }
    }

    /// Soft-thresholding by t ≥ 0, entry by entry: the proximal operator of t·Σ|w|,
    ///
    ///     w ← sign(w)·max(0, |w| − t)  =  w − t  if w > t,   w + t  if w < −t,   0 otherwise
    ///
    /// Written in the piecewise form so that every zero is +0: a model file never shows "-0.0".
    /// - Precondition: t ≥ 0.
    /// - Complexity: O(rows · columns).
    mutating func softThreshold(by threshold: Double) {
        precondition(threshold >= 0, "the soft-thresholding threshold t = learning rate · λ is non-negative")
        var values = elements.mutableSpan
        for index in values.indices {
            let w = values[index]
            values[index] = w > threshold ? w - threshold : (w < -threshold ? w + threshold : 0)
        }
    }
}

/// sign(w) ∈ {−1, 0, +1}, with sign(0) = 0: the subgradient of |w| that the lecture uses.
/// NaN maps to 0; a NaN weight still shows in the penalty, where the training loop looks for
/// divergence.
@inline(__always)
func sign(_ w: Double) -> Double {
    w > 0 ? 1 : (w < 0 ? -1 : 0)
}
