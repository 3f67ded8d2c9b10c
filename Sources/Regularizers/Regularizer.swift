import LinearAlgebra

/// A penalty R(W) on the weights, added to the data loss with strength λ:
///
///     total loss = data loss + λ·R(W)        gradient += λ·∂R/∂W
///
/// It expresses a preference among weights that fit the data equally well (L2: diffuse weights;
/// L1: sparse weights). The training loop applies it to W, and to b only when `include_bias`.
///
/// Each function has a naive twin, the formula written entry by entry, which
/// `model.implementation: "naive"` trains with; the tests compare the two.
public protocol Regularizer: Sendable {
    /// R(W), without the strength λ.
    func penalty(of weights: Matrix) -> Double
    /// R(W) by the definition, one term per entry: the readable reference for `penalty(of:)`.
    func naivePenalty(of weights: Matrix) -> Double

    /// gradient ← gradient + λ·∂R/∂W (a subgradient at kinks: sign(0) = 0).
    func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix)
    /// gradient ← gradient + λ·∂R/∂W by the definition, entry by entry: the readable reference for
    /// `addGradient(of:strength:into:)`.
    func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix)

    /// The proximal step that follows an SGD step, with threshold t = learning rate · λ; a no-op
    /// unless the regularizer asks for one (L1 with `proximal: true`: soft-thresholding).
    func proximalStep(_ weights: inout Matrix, threshold: Double)
    /// The proximal step by the definition, entry by entry: the readable reference for
    /// `proximalStep(_:threshold:)`.
    func naiveProximalStep(_ weights: inout Matrix, threshold: Double)
}

extension Regularizer {
    /// By default there is no proximal step: the penalty acts through the gradient only.
    public func proximalStep(_ weights: inout Matrix, threshold: Double) {}
    /// By default there is no proximal step.
    public func naiveProximalStep(_ weights: inout Matrix, threshold: Double) {}
}

/// Soft-thresholding by t ≥ 0 by the definition, entry by entry: the proximal operator of t·Σ|w|,
///
///     w ← sign(w)·max(0, |w| − t)
///
/// with a zero written as +0 (sign(w)·0 would give −0 for a negative w, which a model file shows
/// as "-0.0"). The readable reference for the fast soft-thresholding of L1 and the elastic net.
/// - Complexity: O(rows · columns).
func naiveSoftThreshold(_ weights: inout Matrix, by threshold: Double) {
    precondition(threshold >= 0, "the soft-thresholding threshold t = learning rate · λ is non-negative")
    for k in 0..<weights.rows {
        for d in 0..<weights.columns {
            let shrunk = max(0, abs(weights[k, d]) - threshold)
            weights[k, d] = shrunk == 0 ? 0 : sign(weights[k, d]) * shrunk
        }
    }
}

/// The regularizers by config name: the one table that decoding, validation, "did you mean"
/// and help read (`regularizer.type`).
///
/// Every type takes `strength` (λ ≥ 0) and `include_bias`. The regularizer itself works on
/// whatever matrix it is given; the training loop calls it on W, and on b only when
/// `include_bias` is true (SPEC §3: the bias does not shape the decision boundary's direction,
/// so penalizing it is usually pointless).
public enum RegularizerType: String, CaseIterable, Sendable {
    /// `none`: R(W) = 0, the data loss alone.
    case none
    /// `l1`: R(W) = Σ|W|, prefers sparse weights; `proximal: true` makes unused ones exactly 0.
    case l1
    /// `l2`: R(W) = ΣW², prefers small, diffuse weights (weight decay).
    case l2
    /// `elastic_net`: R(W) = ρ·Σ|W| + (1 − ρ)·ΣW² with ρ = `l1_ratio`: sparse and diffuse.
    case elasticNet = "elastic_net"

    /// The keys a `regularizer` section of this type may hold, in the order the help lists them.
    public var keys: [String] {
        let common = ["type", "strength", "include_bias"]
        switch self {
        case .none, .l2: return common
        case .l1: return common + ["proximal"]
        case .elasticNet: return common + ["proximal", "l1_ratio"]
        }
    }

    /// One line for the help: the penalty in the lecture's notation.
    public var summary: String {
        switch self {
        case .none: "no penalty: R(W) = 0"
        case .l1: "R(W) = Σ|W|, sparse weights; proximal: true gives exact zeros"
        case .l2: "R(W) = ΣW², small diffuse weights"
        case .elasticNet: "R(W) = ρ·Σ|W| + (1 − ρ)·ΣW², ρ = l1_ratio"
        }
    }

    /// The regularizer of this type. `proximal` matters to `l1` and `elastic_net`, `l1Ratio` (ρ)
    /// to `elastic_net` only.
    /// - Precondition: 0 ≤ l1Ratio ≤ 1 (the config validation checks it first).
    public func makeRegularizer(
        proximal: Bool = false, l1Ratio: Double = ElasticNetRegularizer.defaultL1Ratio
    ) -> any Regularizer {
        switch self {
        case .none: NoRegularizer()
        case .l1: L1Regularizer(proximal: proximal)
        case .l2: L2Regularizer()
        case .elasticNet: ElasticNetRegularizer(l1Ratio: l1Ratio, proximal: proximal)
        }
    }
}
