/// The synthetic datasets a course uses to show what a linear classifier can and cannot do, with
/// each kind's defaults and one line of description (what `trainer help generate` prints).
///
/// | kind      | samples | classes | features | noise | linearly separable? |
/// |-----------|---------|---------|----------|-------|---------------------|
/// | `blobs`   | 300     | 3       | 2        | 1.0   | mostly              |
/// | `spiral`  | 300     | 3       | 2        | 0.2   | no                  |
/// | `circles` | 300     | 2       | 2        | 0.1   | no                  |
/// | `moons`   | 300     | 2       | 2        | 0.1   | almost              |
/// | `xor`     | 400     | 2       | 2        | 0.1   | no                  |
/// | `linear`  | 300     | 3       | 2        | 0.0   | yes, by construction |
/// | `images`  | 500     | 4       | 64 (8×8) | 0.3   | yes, nearly         |
public enum SyntheticKind: String, CaseIterable, Sendable {
    case blobs, spiral, circles, moons, xor, linear, images

    /// One line for the help text.
    public var summary: String {
        switch self {
        case .blobs: "K Gaussian clusters in D dimensions, centers uniform in [-10, 10]^D, noise = their std"
        case .spiral: "the K-arm spiral of cs231n that no linear classifier separates (D = 2)"
        case .circles: "K concentric rings of radius 1/K, 2/K, …, 1 (D = 2)"
        case .moons: "two interleaved half-moons (K = 2, D = 2)"
        case .xor: "four quadrants, opposite ones of one class: XOR (K = 2, D = 2)"
        case .linear: "labels from a random linear rule argmax_k w_k·x: 100 % reachable when noise = 0"
        case .images: "side×side grayscale images (D = side²) of bars, diagonals, crosses, blocks, one shape per class"
        }
    }

    /// N when `--samples` is not given.
    public var defaultSamples: Int {
        switch self {
        case .xor: 400
        case .images: 500
        default: 300
        }
    }

    /// K when `--classes` is not given.
    public var defaultClasses: Int {
        switch self {
        case .blobs, .spiral, .linear: 3
        case .circles, .moons, .xor: 2
        case .images: 4
        }
    }

    /// D when `--features` is not given.
    public var defaultFeatures: Int {
        self == .images ? 64 : 2
    }

    /// The noise (a standard deviation) when `--noise` is not given.
    public var defaultNoise: Double {
        switch self {
        case .blobs: 1.0
        case .spiral: 0.2
        case .circles, .moons, .xor: 0.1
        case .linear: 0.0
        case .images: 0.3
        }
    }

    /// The class counts K this kind can make.
    var allowedClasses: ClosedRange<Int> {
        switch self {
        case .moons, .xor: 2...2
        case .images: 2...DrawnShape.allCases.count
        default: 2...100
        }
    }

    /// The feature counts D this kind can make, as a phrase for errors; nil when any D ≥ 1 works.
    func featureCountProblem(_ features: Int) -> String? {
        switch self {
        case .blobs: features >= 1 ? nil : "at least 1"
        case .linear: features >= 2 ? nil : "at least 2"
        case .spiral, .circles, .moons, .xor: features == 2 ? nil : "2 (\(rawValue) points lie in the plane)"
        case .images:
            DrawnShape.side(ofFeatureCount: features) != nil ? nil
                : "a square side² with side from \(DrawnShape.sides.lowerBound) to \(DrawnShape.sides.upperBound), e.g. 64 for 8×8 images"
        }
    }
}
