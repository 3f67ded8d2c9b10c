/// The three multiclass SVM losses of the lecture (`loss.variant` in a config), with s the scores
/// of one example, y its label and Δ the margin:
///
///     weston_watkins   Lᵢ = Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + Δ)            at W = 0: (K − 1)·Δ
///     crammer_singer   Lᵢ = max(0, max_{j≠yᵢ} s_j − s_{yᵢ} + Δ)          at W = 0: Δ
///     one_vs_rest      Lᵢ = Σ_j max(0, Δ − τ_{ij}·s_j),  τ_{ij} = +1 if j = yᵢ else −1   at W = 0: K·Δ
///
/// The raw values are the config names: the one table that decoding and "did you mean" read.
public enum SVMVariant: String, CaseIterable, Sendable {
    /// Weston–Watkins (the lecture's default): every wrong class whose score comes within Δ of the
    /// correct one adds its violation.
    case westonWatkins = "weston_watkins"
    /// Crammer–Singer: only the highest-scoring wrong class counts.
    case crammerSinger = "crammer_singer"
    /// One-vs-rest: K binary hinge losses, the correct class's score pushed above +Δ and every
    /// other score below −Δ.
    case oneVsRest = "one_vs_rest"

    /// One line for the help and the config reference.
    public var summary: String {
        switch self {
        case .westonWatkins: "Σ_{j≠y} max(0, s_j − s_y + Δ): every wrong class within Δ counts (the lecture's)"
        case .crammerSinger: "max(0, max_{j≠y} s_j − s_y + Δ): only the highest wrong class counts"
        case .oneVsRest: "Σ_j max(0, Δ − τ_j·s_j): K binary hinges, the correct score above +Δ, the others below −Δ"
        }
    }
}
