import LinearAlgebra

/// Elastic net: a mix of L1 and L2 with the ratio ρ = `l1_ratio`.
///
///     R(W) = ρ·Σ|W| + (1 − ρ)·ΣW²        ∂R/∂W = ρ·sign(W) + (1 − ρ)·2W   (sign(0) = 0)
///
/// ρ = 1 is L1, ρ = 0 is L2. The L1 part makes weights sparse, the L2 part keeps correlated
/// features sharing their weight instead of L1 picking one of them at random.
///
/// With `proximal: true` the two parts go separate ways, as in L1's proximal mode (see
/// `L1Regularizer` for why): the L2 part stays in the gradient step, the L1 part becomes
/// soft-thresholding with threshold ρ·t (t = lr·λ) after it,
///
///     V ← W − lr·(∂L/∂W + λ·(1 − ρ)·2W)        W ← sign(V)·max(0, |V| − ρ·lr·λ)
///
/// so weights become exactly 0.
public struct ElasticNetRegularizer: Regularizer, Equatable {
    /// The `l1_ratio` a config gets when it does not set one (scikit-learn's `ElasticNet` default).
    public static let defaultL1Ratio = 0.5

    /// ρ ∈ [0, 1], the share of L1 in the penalty.
    public let l1Ratio: Double
    /// Whether the L1 part acts through soft-thresholding (true) or through the subgradient (false).
    public let proximal: Bool

    /// The elastic net with ρ = `l1Ratio`.
    /// - Precondition: 0 ≤ l1Ratio ≤ 1 (the config validation checks it first).
    public init(l1Ratio: Double = ElasticNetRegularizer.defaultL1Ratio, proximal: Bool = false) {
        precondition(l1Ratio >= 0 && l1Ratio <= 1, "l1_ratio ρ is in [0, 1]")
        self.l1Ratio = l1Ratio
        self.proximal = proximal
    }

    /// R(W) = ρ·Σ|W| + (1 − ρ)·ΣW² by the definition, one term per entry, left to right.
    /// The readable reference for `penalty(of:)`.
    /// - Complexity: O(K·D).
    public func naivePenalty(of weights: Matrix) -> Double {
        var sum = 0.0
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                let w = weights[k, d]
                sum += l1Ratio * abs(w) + (1 - l1Ratio) * w * w
            }
        }
        return sum
    }

    /// R(W) = ρ·Σ|W| + (1 − ρ)·ΣW² (whether or not `proximal`). Same inputs and outputs as
    /// `naivePenalty(of:)`, up to rounding.
    /// - Complexity: O(K·D).
    public func penalty(of weights: Matrix) -> Double {
        l1Ratio * weights.sumOfAbsoluteValues + (1 - l1Ratio) * weights.sumOfSquares
    }

    /// gradient ← gradient + λ·(ρ·sign(W) + (1 − ρ)·2W) by the definition; without the ρ·sign(W)
    /// term when `proximal`. The readable reference for `addGradient(of:strength:into:)`.
    /// - Precondition: `gradient` has the shape of `weights`.
    public func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        precondition(gradient.rows == weights.rows && gradient.columns == weights.columns, "the gradient has the shape of W")
        let l1Share = proximal ? 0 : l1Ratio
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                let w = weights[k, d]
                gradient[k, d] += strength * (l1Share * sign(w) + (1 - l1Ratio) * 2 * w)
            }
        }
    }

    /// gradient ← gradient + λ·ρ·sign(W) + λ·(1 − ρ)·2W (the first term only without
    /// `proximal`). Same inputs and outputs as `naiveAddGradient(of:strength:into:)`, up to rounding.
    /// - Precondition: `gradient` has the shape of `weights`.
    /// - Complexity: O(K·D).
    public func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        if !proximal { gradient.addSigns(of: weights, scaledBy: strength * l1Ratio) }
        gradient.add(weights, scaledBy: strength * (1 - l1Ratio) * 2)
    }

    /// With `proximal`: soft-thresholding by ρ·t (t = lr·λ), the L1 part's proximal step.
    /// Without: nothing.
    /// - Precondition: t ≥ 0.
    /// - Complexity: O(K·D).
    public func proximalStep(_ weights: inout Matrix, threshold: Double) {
        if proximal { weights.softThreshold(by: l1Ratio * threshold) }
    }

    /// With `proximal`: soft-thresholding by ρ·t by the definition (`naiveSoftThreshold`).
    /// The readable reference for `proximalStep(_:threshold:)`.
    public func naiveProximalStep(_ weights: inout Matrix, threshold: Double) {
        if proximal { naiveSoftThreshold(&weights, by: l1Ratio * threshold) }
    }
}
