/// The losses by config name (`loss.type`): the one table that decoding, validation, "did you
/// mean", `config.resolved.json`, help and the model file read. Adding a loss means a file for it,
/// its tests, and one case here.
public enum LossType: String, CaseIterable, Sendable {
    /// `"svm"`: the multiclass SVM (hinge) loss with margin Δ, in the variant `variant`
    /// (`MulticlassSVMLoss`), squared hinge terms with `squared: true`.
    case svm
    /// `"softmax"`: cross-entropy of the softmax probabilities, −log p_{yᵢ} (`SoftmaxCrossEntropyLoss`).
    case softmax
    /// `"mse"`: mean squared error against one-hot targets, (1/K)·Σ_j (s_j − t_{ij})² (`MeanSquaredErrorLoss`).
    case mse
    /// `"sigmoid"`: binary cross-entropy of σ(s_j) per class against one-hot targets (`SigmoidCrossEntropyLoss`).
    case sigmoid
    /// `"gaussian_nll"`: the negative log-likelihood of K outputs N(s_j, σ²), least squares in disguise
    /// (`GaussianNegativeLogLikelihoodLoss`).
    case gaussianNLL = "gaussian_nll"
    /// `"triplet"`: the triplet loss of a linear embedding f(x) = V·x, max(0, d(a, p) − d(a, n) + α).
    case triplet

    /// One line for the help and the config reference.
    public var summary: String {
        switch self {
        case .svm: "multiclass SVM: Σ_{j≠y} max(0, s_j − s_y + Δ) (variants, squared hinge)"
        case .softmax: "softmax cross-entropy: −log(e^{s_y} / Σ_j e^{s_j})"
        case .mse: "mean squared error against one-hot targets: (1/K)·Σ_j (s_j − t_j)²"
        case .sigmoid: "binary cross-entropy of σ(s_j) for every class"
        case .gaussianNLL: "Gaussian negative log-likelihood: Σ_j (s_j − t_j)²/(2σ²) + ½·ln(2πσ²)"
        case .triplet: "triplet loss of an embedding V·x: max(0, d(a, p) − d(a, n) + α)"
        }
    }

    /// The config keys of the `loss` section that this loss reads; any other key reaching a run of
    /// this type from the top level is dropped from `config.resolved.json` (SPEC §4).
    public var keys: [String] {
        switch self {
        case .svm: ["type", "variant", "margin", "squared", "include_correct_class"]
        case .softmax, .mse: ["type"]
        case .sigmoid: ["type", "positive_term_only"]
        case .gaussianNLL: ["type", "sigma"]
        case .triplet: ["type", "margin", "embedding_dimension", "mining"]
        }
    }

    /// True for the losses whose scores read as class probabilities (softmax: a distribution over
    /// the K classes; sigmoid: K independent probabilities), which `predict --probabilities` writes.
    public var hasProbabilities: Bool {
        switch self {
        case .softmax, .sigmoid: true
        case .svm, .mse, .gaussianNLL, .triplet: false
        }
    }

    /// The loss of this type with the values of its config section.
    public func makeLoss(_ settings: LossSettings) -> any Loss {
        switch self {
        case .svm:
            MulticlassSVMLoss(variant: settings.variant, margin: settings.margin, squared: settings.squared,
                              includesCorrectClass: settings.includeCorrectClass)
        case .softmax: SoftmaxCrossEntropyLoss()
        case .mse: MeanSquaredErrorLoss()
        case .sigmoid: SigmoidCrossEntropyLoss(positiveTermOnly: settings.positiveTermOnly)
        case .gaussianNLL: GaussianNegativeLogLikelihoodLoss(sigma: settings.sigma)
        case .triplet: TripletLoss(margin: settings.margin, mining: settings.mining)
        }
    }

    /// The formula of the loss at W = 0 (SPEC §3), e.g. "(K − 1)·Δ" or "ln K".
    public func expectedInitialLossFormula(_ settings: LossSettings) -> String {
        switch self {
        case .svm:
            let power = settings.squared ? "²" : ""
            return switch settings.variant {
            case .westonWatkins: settings.includeCorrectClass ? "K·Δ\(power)" : "(K − 1)·Δ\(power)"
            case .crammerSinger: "Δ\(power)"
            case .oneVsRest: "K·Δ\(power)"
            }
        case .softmax: return "ln K"
        case .mse: return "1/K"
        case .sigmoid: return settings.positiveTermOnly ? "ln 2" : "K·ln 2"
        case .gaussianNLL: return "1/(2σ²) + (K/2)·ln(2πσ²)"
        case .triplet: return "α"
        }
    }
}

/// The values of a `loss` section, each read by the losses that use it (`LossType.keys`). The
/// initial values are the config's defaults, which the config reference shows.
public struct LossSettings: Equatable, Sendable {
    /// `variant` of the SVM.
    public var variant: SVMVariant = .westonWatkins
    /// `margin`: Δ of the SVM, α of the triplet loss.
    public var margin: Double = 1
    /// `squared`: the SVM's squared hinge.
    public var squared = false
    /// `include_correct_class`: the Weston–Watkins sum runs over j = yᵢ too (quiz 1.3).
    public var includeCorrectClass = false
    /// `positive_term_only`: the sigmoid loss keeps only the true class's term (the lecture's pitfall).
    public var positiveTermOnly = false
    /// `sigma`: σ of the Gaussian negative log-likelihood.
    public var sigma: Double = 1
    /// `embedding_dimension`: M of the triplet loss's embedding.
    public var embeddingDimension = 2
    /// `mining`: which triplets of a minibatch enter the triplet loss.
    public var mining: TripletMining = .all

    /// The defaults of every key.
    public init() {}
}
