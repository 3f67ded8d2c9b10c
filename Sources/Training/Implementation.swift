/// Which code trains a run (`model.implementation`): the readable reference or the fast kernels.
/// Both compute the same SGD path, the fast one up to the rounding of reordered sums (the tests
/// compare their weights to 1e−9 relative after several epochs of every loss).
public enum Implementation: String, CaseIterable, Sendable {
    /// `"fast"` (default): the fused step that reads each picked row of X once, on every core.
    case fast
    /// `"naive"`: the code a student reads, from start to finish — the products as triple loops,
    /// each loss's `naiveDataLossAndGradient`, the regularizer's and SGD's formulas entry by entry.
    case naive

    /// One line for the help and the config reference.
    public var summary: String {
        switch self {
        case .fast: "the fast kernels (default)"
        case .naive: "the readable loops of the lecture's formulas, the same path up to rounding, slower"
        }
    }
}
