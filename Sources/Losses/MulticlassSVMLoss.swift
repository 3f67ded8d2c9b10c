import LinearAlgebra

/// The multiclass SVM (hinge) loss with margin Δ, averaged over the batch, in one of the three
/// variants of `SVMVariant`. Weston–Watkins, the default:
///
///     Lᵢ = Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + Δ)        L = (1/B) Σᵢ Lᵢ
///
/// The loss is happy (zero) once the correct score beats every other by at least Δ; it does not
/// care by how much more. With `squared: true` each hinge term max(0, h) becomes max(0, h)²
/// (SPEC §3.1): smooth at the margin, and a large violation costs quadratically more.
///
/// With all-zero scores Lᵢ is (K − 1)·Δ for Weston–Watkins, Δ for Crammer–Singer and K·Δ for
/// one-vs-rest (squared: (K − 1)·Δ², Δ², K·Δ²). Worked example (Δ = 1): scores [3.0, 6.2, −2.1]
/// with label 0 give max(0, 6.2 − 3.0 + 1) + max(0, −2.1 − 3.0 + 1) = 4.2 + 0 = 4.2 (SPEC §3).
///
/// Quiz 1.3 asks what happens if the Weston–Watkins sum also runs over j = yᵢ
/// (`includesCorrectClass`, config `include_correct_class`): that term is max(0, s_y − s_y + Δ) = Δ
/// (Δ² squared), a constant, so every Lᵢ grows by exactly that much while the gradient — the term's
/// slope enters ∂/∂s_y once with + and once with −, and cancels — the path of SGD and the
/// predictions stay what they were. At all-zero scores Lᵢ is then K·Δ.
///
/// Subgradients at the kinks: a hinge term whose argument is exactly 0 contributes 0 to the
/// gradient (cs231n's `margins > 0`). Crammer–Singer's inner max picks the lowest class index
/// among tied wrong classes, the tie rule of the predictions, so the gradient puts its +1 on that
/// one class; any convex combination of the tied classes would be an equally valid subgradient.
/// - Complexity: O(B·K).
public struct MulticlassSVMLoss: RowwiseLoss, Equatable {
    /// Which of the three multiclass hinge losses.
    public var variant: SVMVariant
    /// Δ, the margin the correct score must win by (`margin`, default 1).
    public var margin: Double
    /// Whether each hinge term is squared, max(0, h)² (`squared`, default false).
    public var squared: Bool
    /// Whether the Weston–Watkins sum includes j = yᵢ, adding the constant max(0, Δ) to every Lᵢ
    /// (`include_correct_class`, default false; quiz 1.3).
    public var includesCorrectClass: Bool

    /// The SVM loss of the given variant, margin Δ and hinge power.
    /// - Precondition: `includesCorrectClass` only with Weston–Watkins (the config validation checks it).
    public init(variant: SVMVariant = .westonWatkins, margin: Double = 1, squared: Bool = false, includesCorrectClass: Bool = false) {
        precondition(!includesCorrectClass || variant == .westonWatkins, "only the Weston–Watkins sum can include j = y")
        self.variant = variant
        self.margin = margin
        self.squared = squared
        self.includesCorrectClass = includesCorrectClass
    }

    /// The value at all-zero scores: every hinge argument is Δ, so each active term is Δ (or Δ²);
    /// Weston–Watkins has K − 1 of them (K with the correct class included), Crammer–Singer one
    /// (none when K = 1), one-vs-rest K.
    public func expectedInitialLoss(classCount: Int) -> Double {
        let term = hinge(margin).value
        switch variant {
        case .westonWatkins: return Double(max(classCount - (includesCorrectClass ? 0 : 1), 0)) * term
        case .crammerSinger: return classCount > 1 ? term : 0
        case .oneVsRest: return Double(classCount) * term
        }
    }

    /// The hinge term of each class for one example, the per-class columns that `explain` prints:
    ///
    ///     weston_watkins   term_j = max(0, s_j − s_y + Δ) for j ≠ y, term_y = 0 (max(0, Δ) when the
    ///                      correct class is included)
    ///     crammer_singer   term_r = max(0, s_r − s_y + Δ) for the rival r = argmax_{j≠y} s_j
    ///                      (lowest index on ties), 0 for every other class
    ///     one_vs_rest      term_j = max(0, Δ − τ_j·s_j)
    ///
    /// each squared when `squared`. In every variant Lᵢ is the sum of the terms.
    /// - Precondition: `label` is in 0..<K.
    public func marginTerms(scores: [Double], label: Int) -> [Double] {
        precondition(scores.indices.contains(label), "label \(label) is not a class of \(scores.count)")
        var terms = Array(repeating: 0.0, count: scores.count)
        switch variant {
        case .westonWatkins:
            for j in scores.indices where j != label || includesCorrectClass {
                terms[j] = hinge(scores[j] - scores[label] + margin).value
            }
        case .crammerSinger:
            if let rival = Self.rival(of: label, among: scores.count, scores: { scores[$0] }) {
                terms[rival] = hinge(scores[rival] - scores[label] + margin).value
            }
        case .oneVsRest:
            for j in scores.indices {
                terms[j] = hinge(margin - (j == label ? 1 : -1) * scores[j]).value
            }
        }
        return terms
    }

    // MARK: Naive: the formula term by term

    /// Lᵢ and ∂L/∂S by the definition, loops over i and j with the indices of the formula:
    ///
    ///     weston_watkins  for j ≠ y with h = s_j − s_y + Δ > 0:  ∂Lᵢ/∂s_j += p(h)',  ∂Lᵢ/∂s_y −= p(h)'
    ///                     (with the correct class included, j = y adds p(Δ) to Lᵢ and nothing to
    ///                     the gradient: its +p' and −p' fall on the same score s_y)
    ///     crammer_singer  for the rival r with h = s_r − s_y + Δ > 0:  ∂Lᵢ/∂s_r = p(h)',  ∂Lᵢ/∂s_y = −p(h)'
    ///     one_vs_rest     for j with h = Δ − τ_j·s_j > 0:  ∂Lᵢ/∂s_j = −τ_j·p(h)'
    ///
    /// with p(h) = h (p' = 1), or h² (p' = 2h) when squared; every row scaled by 1/B.
    /// The readable reference for `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        naiveBatchMean(scores: scores, labels: labels) { batch, total, gradient in
            for i in 0..<scores.rows {
                let y = labels[i]
                switch variant {
                case .westonWatkins:
                    for j in 0..<scores.columns where j != y || includesCorrectClass {
                        let (value, slope) = hinge(scores[i, j] - scores[i, y] + margin)
                        total += value
                        if j == y { continue }  // ∂/∂s_j and ∂/∂s_y of the j = y term: +p' − p' = 0
                        gradient[i, j] += slope / batch
                        gradient[i, y] -= slope / batch
                    }
                case .crammerSinger:
                    var rival = -1
                    for j in 0..<scores.columns where j != y && (rival < 0 || scores[i, j] > scores[i, rival]) {
                        rival = j
                    }
                    guard rival >= 0 else { continue }
                    let (value, slope) = hinge(scores[i, rival] - scores[i, y] + margin)
                    total += value
                    gradient[i, rival] += slope / batch
                    gradient[i, y] -= slope / batch
                case .oneVsRest:
                    for j in 0..<scores.columns {
                        let tau: Double = j == y ? 1 : -1
                        let (value, slope) = hinge(margin - tau * scores[i, j])
                        total += value
                        gradient[i, j] = -tau * slope / batch
                    }
                }
            }
        }
    }

    // MARK: Fast: one row

    /// Lᵢ of one row and scale·∂Lᵢ/∂s: the per-row kernel that `RowwiseLoss` runs over the batch.
    /// Same inputs and outputs as `naiveDataLossAndGradient(scores:labels:)`, without allocating.
    public func exampleLoss(scores s: Span<Double>, label y: Int, scale: Double, scoresGradient g: inout MutableSpan<Double>) -> Double {
        let classes = s.count
        for j in 0..<classes { g[j] = 0 }
        var loss = 0.0
        switch variant {
        case .westonWatkins:
            // ∂Lᵢ/∂s_y gathers in a local rather than in g[y], where each subtraction waited for the
            // store of the one before; the subtractions come in the naive loop's order.
            let correct = s[y]
            var correctSlope = 0.0
            for j in 0..<classes where j != y {
                let (value, slope) = hinge(s[j] - correct + margin)
                loss += value
                g[j] = slope * scale
                correctSlope -= slope * scale
            }
            g[y] = correctSlope
            if includesCorrectClass { loss += hinge(margin).value }  // the j = y term: a constant
        case .crammerSinger:
            guard let r = Self.rival(of: y, among: classes, scores: { s[$0] }) else { return 0 }
            let (value, slope) = hinge(s[r] - s[y] + margin)
            loss = value
            g[r] = slope * scale
            g[y] = -slope * scale
        case .oneVsRest:
            for j in 0..<classes {
                let tau: Double = j == y ? 1 : -1
                let (value, slope) = hinge(margin - tau * s[j])
                loss += value
                g[j] = -tau * slope * scale
            }
        }
        return loss
    }

    // MARK: Pieces

    /// p(h) and its slope p'(h) for one hinge argument h: max(0, h) with slope 1 where h > 0, or
    /// max(0, h)² with slope 2h when `squared`; value and slope 0 for h ≤ 0 (the kink's subgradient 0).
    private func hinge(_ h: Double) -> (value: Double, slope: Double) {
        // Selects, not a branch: whether h > 0 is a coin toss from class to class.
        let active = h > 0
        let (value, slope) = squared ? (h * h, 2 * h) : (h, 1)
        return (active ? value : 0, active ? slope : 0)
    }

    /// Crammer–Singer's rival r = argmax_{j≠y} s_j, the lowest index among ties; nil when K = 1.
    private static func rival(of label: Int, among classes: Int, scores: (Int) -> Double) -> Int? {
        var best: Int?
        for j in 0..<classes where j != label {
            if let current = best, scores(j) <= scores(current) { continue }
            best = j
        }
        return best
    }
}
