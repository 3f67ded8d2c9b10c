import LinearAlgebra

/// L2 regularization (weight decay): the squared size of the weights.
///
///     R(W) = Σ_k Σ_d W_{k,d}²        ∂R/∂W = 2W
///
/// It prefers small, diffuse weights, so the classifier uses every feature a little rather than
/// a few features a lot. Worked example (lecture): x = [1, 1, 1, 1], w₁ = [1, 0, 0, 0] and
/// w₂ = [0.25, 0.25, 0.25, 0.25] give the same score w₁ᵀx = w₂ᵀx = 1, but R(w₁) = 1 and
/// R(w₂) = 0.25, so L2 picks w₂.
///
/// With strength λ an SGD step multiplies W by (1 − 2·lr·λ) before the data gradient acts:
/// hence "weight decay".
public struct L2Regularizer: Regularizer, Equatable {
    /// The L2 regularizer.
    public init() {}

    /// R(W) = ΣW² by the definition, one term per entry, left to right.
    /// The readable reference for `penalty(of:)`.
    /// - Complexity: O(K·D).
    public func naivePenalty(of weights: Matrix) -> Double {
        var sum = 0.0
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                sum += weights[k, d] * weights[k, d]
            }
        }
        return sum
    }

    /// R(W) = ΣW². Same inputs and outputs as `naivePenalty(of:)`, up to the rounding of a
    /// reordered sum.
    /// - Complexity: O(K·D).
    public func penalty(of weights: Matrix) -> Double {
        weights.sumOfSquares
    }

    /// gradient ← gradient + λ·2W by the definition, entry by entry.
    /// The readable reference for `addGradient(of:strength:into:)`.
    /// - Precondition: `gradient` has the shape of `weights`.
    public func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        precondition(gradient.rows == weights.rows && gradient.columns == weights.columns, "the gradient has the shape of W")
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                gradient[k, d] += strength * 2 * weights[k, d]
            }
        }
    }

    /// gradient ← gradient + λ·2W, with the axpy kernel. Same inputs and outputs as
    /// `naiveAddGradient(of:strength:into:)`.
    /// - Precondition: `gradient` has the shape of `weights`.
    /// - Complexity: O(K·D).
    public func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        gradient.add(weights, scaledBy: 2 * strength)
    }
}
