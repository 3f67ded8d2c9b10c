import LinearAlgebra

/// L1 regularization: the sum of the weights' absolute values.
///
///     R(W) = Σ_k Σ_d |W_{k,d}|        ∂R/∂W = sign(W)   (a subgradient; sign(0) = 0)
///
/// It prefers sparse weights: features that do not pay for their |w| get weight 0. How the
/// penalty enters SGD decides whether those weights really become 0:
///
/// - **Subgradient** (`proximal: false`, default): the gradient step includes λ·sign(W),
///
///       W ← W − lr·(∂L/∂W + λ·sign(W))
///
///   so every step moves a weight by the full lr·λ towards 0, however close it already is. A
///   weight at 0.003 with lr·λ = 0.01 jumps to −0.007, then back to 0.003, and so on: it hovers
///   in a band of width about lr·λ around 0 and lands exactly on 0.0 only by a floating-point
///   accident. The weights end up small but not zero, and the model is not sparse.
///
/// - **Proximal** (`proximal: true`): the gradient step leaves the L1 term out, and
///   `proximalStep` then applies soft-thresholding with t = lr·λ,
///
///       V ← W − lr·∂L/∂W        W ← sign(V)·max(0, |V| − t)
///
///   (proximal gradient descent, ISTA). Soft-thresholding is the exact minimizer of
///   ½‖W − V‖² + t·Σ|W|: it does not step past 0 but stops there, and maps the whole interval
///   |v| ≤ t onto exactly 0. A weight whose data gradient pulls less hard than λ is therefore
///   set to 0.0 and stays there, step after step: exact zeros, a sparse model, and a count of
///   zero weights in `summary.json` that means something.
public struct L1Regularizer: Regularizer, Equatable {
    /// Whether the L1 term acts through soft-thresholding after the step (true) or through the
    /// subgradient in the step (false).
    public let proximal: Bool

    /// The L1 regularizer, by subgradient (default) or by the proximal step.
    public init(proximal: Bool = false) {
        self.proximal = proximal
    }

    /// R(W) = Σ|W| by the definition, one term per entry, left to right.
    /// The readable reference for `penalty(of:)`.
    /// - Complexity: O(K·D).
    public func naivePenalty(of weights: Matrix) -> Double {
        var sum = 0.0
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                sum += abs(weights[k, d])
            }
        }
        return sum
    }

    /// R(W) = Σ|W| (the same penalty whether or not `proximal`). Same inputs and outputs as
    /// `naivePenalty(of:)`, up to the rounding of a reordered sum.
    /// - Complexity: O(K·D).
    public func penalty(of weights: Matrix) -> Double {
        weights.sumOfAbsoluteValues
    }

    /// gradient ← gradient + λ·sign(W) by the definition (sign(0) = 0); unchanged when
    /// `proximal`, because then the L1 term acts in `proximalStep` instead.
    /// The readable reference for `addGradient(of:strength:into:)`.
    /// - Precondition: `gradient` has the shape of `weights`.
    public func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        precondition(gradient.rows == weights.rows && gradient.columns == weights.columns, "the gradient has the shape of W")
        if proximal { return }
        for k in 0..<weights.rows {
            for d in 0..<weights.columns {
                let w = weights[k, d]
                gradient[k, d] += strength * sign(w)
            }
        }
    }

    /// gradient ← gradient + λ·sign(W), or unchanged when `proximal`. Same inputs and outputs as
    /// `naiveAddGradient(of:strength:into:)`.
    /// - Precondition: `gradient` has the shape of `weights`.
    /// - Complexity: O(K·D).
    public func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {
        precondition(gradient.rows == weights.rows && gradient.columns == weights.columns, "the gradient has the shape of W")
        if proximal { return }
        gradient.addSigns(of: weights, scaledBy: strength)
    }

    /// With `proximal`: soft-thresholding by t = lr·λ, w ← sign(w)·max(0, |w| − t), which sets
    /// every |w| ≤ t to exactly 0. Without: nothing (the subgradient already acted).
    /// Example: [0.3, −0.05, 0, −2] with t = 0.1 → [0.2, 0, 0, −1.9].
    /// - Precondition: t ≥ 0.
    /// - Complexity: O(K·D).
    public func proximalStep(_ weights: inout Matrix, threshold: Double) {
        if proximal { weights.softThreshold(by: threshold) }
    }

    /// With `proximal`: w ← sign(w)·max(0, |w| − t) by the definition (`naiveSoftThreshold`).
    /// The readable reference for `proximalStep(_:threshold:)`.
    public func naiveProximalStep(_ weights: inout Matrix, threshold: Double) {
        if proximal { naiveSoftThreshold(&weights, by: threshold) }
    }
}
