import LinearAlgebra

/// How the weights W start before training (`model.init` and `model.init_scale` in a config).
///
/// The bias always starts at 0. Small random weights make every score ≈ 0 at the start, which is
/// what the lecture's sanity check relies on: the first loss should be close to the loss at W = 0
/// (ln K for softmax, (K − 1)·Δ for the SVM).
public enum WeightInitialization: Equatable, Sendable {
    /// w_{kd} = scale·z_{kd}, z_{kd} ~ N(0, 1) independent: small random templates.
    case gaussian(scale: Double)
    /// W = 0: every score is exactly 0 at the start (the sanity check's W = 0 itself).
    case zeros

    /// The default `init_scale` of the Gaussian initialization.
    public static let defaultScale = 0.001

    /// The config names of the initializations: the one table that decoding, "did you mean" and
    /// help read.
    public enum Kind: String, CaseIterable, Sendable {
        /// `"gaussian"`: scale·N(0, 1) entries, scale from `init_scale` (default 0.001).
        case gaussian
        /// `"zeros"`: all-zero weights; `init_scale` is not used.
        case zeros

        /// One line for the help and the config reference.
        public var summary: String {
            switch self {
            case .gaussian: "init_scale·N(0, 1) entries: small random templates"
            case .zeros: "W = 0: every score starts at exactly 0"
            }
        }
    }

    /// The initialization of the config name `kind`, with `scale` for the Gaussian one.
    public init(kind: Kind, scale: Double = WeightInitialization.defaultScale) {
        switch kind {
        case .gaussian: self = .gaussian(scale: scale)
        case .zeros: self = .zeros
        }
    }

    /// The config name of this initialization.
    public var kind: Kind {
        switch self {
        case .gaussian: .gaussian
        case .zeros: .zeros
        }
    }
}

extension LinearClassifier {
    /// A K×D classifier initialized as `initialization` says, with b = 0.
    ///
    /// Gaussian weights are drawn from `generator` row after row (w₀₀, w₀₁, …, w₀,D−1, w₁₀, …),
    /// one `gaussian()` per entry, so the same generator state gives the same W on every machine;
    /// `zeros` draws nothing.
    /// - Complexity: O(K·D).
    public init(
        classCount: Int, featureCount: Int, initialization: WeightInitialization,
        generator: inout Xoshiro256StarStar
    ) {
        var weights = Matrix(rows: classCount, columns: featureCount)
        if case .gaussian(let scale) = initialization {
            for index in weights.elements.indices {
                weights.elements[index] = scale * generator.gaussian()
            }
        }
        self.init(weights: weights, bias: Matrix(rows: classCount, columns: 1))
    }
}
