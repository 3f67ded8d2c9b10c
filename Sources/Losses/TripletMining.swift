/// Which triplets (a, p, n) of a minibatch the triplet loss uses (`loss.mining`, SPEC §3.1): the one
/// table of names that decoding, validation, "did you mean" and help read.
///
/// A triplet is valid when yₐ = yₚ, a ≠ p and yₙ ≠ yₐ; d(u, v) = ‖f(u) − f(v)‖².
public enum TripletMining: String, CaseIterable, Sendable {
    /// `"all"` (default): every valid triplet of the batch, O(B³) of them, summed in O(B² log B).
    case all
    /// `"hard"`: per anchor, the farthest positive and the nearest negative (one triplet per anchor).
    case hard
    /// `"semi_hard"`: per anchor–positive pair, the nearest negative farther than the positive;
    /// when every negative is nearer, the farthest of them (FaceNet's usual implementation).
    case semiHard = "semi_hard"
    /// `"random"`: per anchor–positive pair, one negative drawn from the loss's seeded stream.
    case random

    /// One line for the help and the config reference.
    public var summary: String {
        switch self {
        case .all: "every valid triplet of the batch"
        case .hard: "per anchor, the farthest positive and the nearest negative"
        case .semiHard: "per anchor–positive pair, the nearest negative farther than the positive"
        case .random: "per anchor–positive pair, one random negative (seeded)"
        }
    }
}

/// One triplet of a minibatch, as row indices: anchor a, positive p (same class, p ≠ a), negative n
/// (another class).
public struct Triplet: Equatable, Hashable, Sendable {
    public var anchor: Int
    public var positive: Int
    public var negative: Int

    public init(anchor: Int, positive: Int, negative: Int) {
        self.anchor = anchor
        self.positive = positive
        self.negative = negative
    }
}
