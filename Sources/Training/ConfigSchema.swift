import Losses
import LinearModel
import Regularizers
import Optimizers
import Datasets

/// The kind and range of one config value.
public enum ConfigValueKind: Sendable {
    /// A finite number in `range`; `exclusiveMinimum` makes the lower bound itself invalid (> 0).
    case number(ClosedRange<Double>, exclusiveMinimum: Bool)
    /// A whole number in `range`.
    case integer(ClosedRange<Int>)
    /// true or false.
    case boolean
    /// One of the listed names, each with its line of help.
    case choice([(name: String, summary: String)])
    /// Any string.
    case text
    /// A list of `lengths` whole numbers, each in `range` (an image shape).
    case integerList(lengths: ClosedRange<Int>, range: ClosedRange<Int>)
    /// An object described by another section of the schema.
    case section
    /// A data source: a path, `{"features": …, "labels": …}`, `{"images": …, "labels": …}`,
    /// `{"cifar10": …}` or `{"generate": {…}}`.
    case dataSource
    /// The `runs` list.
    case runList
    /// The `sweep` grid.
    case grid

    /// What the reference and error messages say is expected.
    public var expectation: String {
        switch self {
        case .number(let range, let exclusive):
            let lower = (exclusive ? "> " : "≥ ") + JSONWriter.number(range.lowerBound)
            return range.upperBound == .greatestFiniteMagnitude ? "a number \(lower)" : "a number \(lower) and ≤ \(JSONWriter.number(range.upperBound))"
        case .integer(let range):
            return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .boolean:
            return "true or false"
        case .choice(let choices):
            return "one of " + choices.map { "\"\($0.name)\"" }.joined(separator: ", ")
        case .text:
            return "a string"
        case .integerList(let lengths, let range):
            let count = lengths.count == 1 ? "\(lengths.lowerBound)" : lengths.count == 2 ? "\(lengths.lowerBound) or \(lengths.upperBound)"
                : "\(lengths.lowerBound) to \(lengths.upperBound)"
            return "a list of \(count) whole numbers from \(range.lowerBound) to \(range.upperBound)"
        case .section:
            return "an object"
        case .dataSource:
            return "a CSV or .npy path, {\"features\": \"x.npy\", \"labels\": \"y.npy\"}, {\"images\": \"…-images-idx3-ubyte\", \"labels\": \"…-labels-idx1-ubyte\"}, {\"cifar10\": \"cifar-10-batches-bin\"} or {\"generate\": {…}}"
        case .runList:
            return "a list of runs"
        case .grid:
            return "an object of dotted paths and value lists"
        }
    }
}

extension ConfigValueKind {
    /// One of the names of the family `Name`, in its order.
    static func choice<Name: ConfigName>(of family: Name.Type) -> ConfigValueKind {
        .choice(Name.allCases.map { ($0.rawValue, $0.summary) })
    }

    /// The names a choice allows (empty for other kinds).
    var choiceNames: [String] {
        if case .choice(let choices) = self { return choices.map(\.name) }
        return []
    }
}

/// One key of the config: its kind, range, default, the section types that use it, and a line of
/// documentation. The tables below are the one place these are written down: decoding,
/// validation, "did you mean", `config.resolved.json` and `docs/config.md` all read them.
public struct ConfigKey: Sendable {
    public let name: String
    public let kind: ConfigValueKind
    /// The value used when the key is absent; nil when it is required or has no value by default.
    public let defaultValue: JSONValue?
    /// The section `type`s that use this key; nil when every type does.
    public let usedBy: [String]?
    public let summary: String

    init(_ name: String, _ kind: ConfigValueKind, default defaultValue: JSONValue?, usedBy: [String]? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.usedBy = usedBy
        self.summary = summary
    }

    /// True when a section of type `type` uses this key.
    public func isUsed(byType type: String?) -> Bool {
        guard let usedBy, let type else { return true }
        return usedBy.contains(type)
    }
}

/// A section of the config (`loss`, `optimizer.schedule`, …) and its keys.
public struct ConfigSection: Sendable {
    /// The dotted path of the section, "" for the top level.
    public let path: String
    public let summary: String
    public let keys: [ConfigKey]

    /// The key named `name`.
    public func key(_ name: String) -> ConfigKey? {
        keys.first { $0.name == name }
    }
}

/// The config's sections, in the order of the reference.
public enum ConfigSchema {
    /// The types of a family whose table lists the keys each uses.
    private static func users(of key: String, _ table: [(String, [String])]) -> [String] {
        table.filter { $0.1.contains(key) }.map(\.0)
    }

    private static let lossTable = LossType.allCases.map { ($0.rawValue, $0.keys) }
    /// The loss keys' defaults, from the losses' own table.
    private static let defaultLoss = LossSettings()
    private static let regularizerTable = RegularizerType.allCases.map { ($0.rawValue, $0.keys) }
    private static let scheduleTable = ScheduleType.allCases.map { ($0.rawValue, $0.keys) }

    public static let topLevel = ConfigSection(path: "", summary: "The experiment.", keys: [
        ConfigKey("name", .text, default: nil, "Name of the experiment; default: the config file's name without .json."),
        ConfigKey("seed", .integer(0...9_007_199_254_740_991), default: 0,
                  "Seed of every random choice: split, initial weights, minibatch order. Same seed → same bytes."),
        ConfigKey("evaluate_every", .integer(1...1_000_000), default: 1,
                  "Compute the full-split losses and accuracies every N epochs (and at the last one); raise it on big data."),
        ConfigKey("data", .section, default: nil, "Where the examples come from (required)."),
        ConfigKey("model", .section, default: [:], "The linear classifier."),
        ConfigKey("loss", .section, default: [:], "The data loss."),
        ConfigKey("regularizer", .section, default: [:], "The penalty λ·R(W)."),
        ConfigKey("optimizer", .section, default: [:], "Minibatch SGD."),
        ConfigKey("early_stopping", .section, default: nil, "Stop when the validation loss stops improving; absent: run every epoch."),
        ConfigKey("runs", .runList, default: nil,
                  "A list of runs, each {\"name\": …} plus sections that override the top level; absent: one run named after the loss."),
        ConfigKey("sweep", .grid, default: nil,
                  "A grid: {\"optimizer.learning_rate\": [0.01, 0.1], …} applied to every run; the best point by validation accuracy is reported."),
        ConfigKey("output", .section, default: [:], "Where the results go."),
    ])

    public static let data = ConfigSection(path: "data", summary: "The dataset and its splits.", keys: [
        ConfigKey("train", .dataSource, default: nil, "The training data (required)."),
        ConfigKey("validation", .dataSource, default: nil, "Validation data; absent: a stratified validation_fraction of train."),
        ConfigKey("test", .dataSource, default: nil, "Test data; absent: a stratified test_fraction of train."),
        ConfigKey("validation_fraction", .number(0...0.9, exclusiveMinimum: false), default: 0.2,
                  "Share of train held out for validation when there is no validation source; 0: none."),
        ConfigKey("test_fraction", .number(0...0.9, exclusiveMinimum: false), default: 0,
                  "Share of train held out for testing when there is no test source; 0: none."),
        ConfigKey("label_column", .text, default: "label",
                  "CSV column holding the labels; if absent from the file, the last column. Without a header row the columns are x0, x1, …"),
        ConfigKey("header", .boolean, default: true,
                  "Whether CSV files start with a header row; false: the first row is data and the columns are named x0, x1, …"),
        ConfigKey("image_shape", .integerList(lengths: 2...3, range: 1...100_000), default: nil,
                  "[H, W] or [H, W, C] (channel-last) of the images that flat rows hold, for the report's templates and model.json; IDX, CIFAR-10 and 3-D or 4-D .npy data carry their own."),
        ConfigKey("preprocess", .choice(of: Preprocessing.Kind.self), default: "standardize",
                  "Feature scaling, with statistics of the training split only."),
    ])

    public static let model = ConfigSection(path: "model", summary: "The linear classifier f(x) = Wx + b.", keys: [
        ConfigKey("bias_trick", .boolean, default: true,
                  "Train one matrix [W b] on inputs [x; 1] (true) or W and b apart (false): the same numbers, bit for bit."),
        ConfigKey("implementation", .choice(of: Implementation.self), default: "fast",
                  "Train with the fast kernels or with the readable loops a student reads (the same path up to rounding)."),
        ConfigKey("init", .choice(of: WeightInitialization.Kind.self), default: "gaussian", "Initial weights: init_scale·N(0, 1), or all zero."),
        ConfigKey("init_scale", .number(0...1e6, exclusiveMinimum: false), default: 0.001, "Standard deviation of the gaussian initial weights."),
    ])

    public static let loss = ConfigSection(path: "loss", summary: "The data loss (SPEC §3).", keys: [
        ConfigKey("type", .choice(of: LossType.self), default: .string(LossType.svm.rawValue), "Which loss."),
        ConfigKey("variant", .choice(of: SVMVariant.self), default: .string(defaultLoss.variant.rawValue),
                  usedBy: users(of: "variant", lossTable), "Multiclass SVM variant."),
        ConfigKey("margin", .number(0...1e6, exclusiveMinimum: false), default: .number(defaultLoss.margin),
                  usedBy: users(of: "margin", lossTable), "Margin Δ of the SVM (α of the triplet loss)."),
        ConfigKey("squared", .boolean, default: .bool(defaultLoss.squared), usedBy: users(of: "squared", lossTable),
                  "Square each hinge term (the squared hinge)."),
        ConfigKey("include_correct_class", .boolean, default: .bool(defaultLoss.includeCorrectClass),
                  usedBy: users(of: "include_correct_class", lossTable),
                  "Quiz 1.3: let the Weston–Watkins sum run over j = y too; every Lᵢ grows by exactly Δ, nothing else changes."),
        ConfigKey("positive_term_only", .boolean, default: .bool(defaultLoss.positiveTermOnly),
                  usedBy: users(of: "positive_term_only", lossTable),
                  "The lecture's pitfall: keep only −log σ(s_y); the model learns to say yes to every class. Never a default."),
        ConfigKey("sigma", .number(1e-6...1e6, exclusiveMinimum: false), default: .number(defaultLoss.sigma),
                  usedBy: users(of: "sigma", lossTable), "Standard deviation σ of the Gaussian negative log-likelihood."),
        ConfigKey("embedding_dimension", .integer(1...10_000), default: .number(Double(defaultLoss.embeddingDimension)),
                  usedBy: users(of: "embedding_dimension", lossTable), "Dimension M of the triplet loss's embedding V·x."),
        ConfigKey("mining", .choice(of: TripletMining.self), default: .string(defaultLoss.mining.rawValue),
                  usedBy: users(of: "mining", lossTable), "Which triplets of a minibatch the triplet loss uses."),
    ])

    public static let regularizer = ConfigSection(path: "regularizer", summary: "The penalty λ·R(W).", keys: [
        ConfigKey("type", .choice(of: RegularizerType.self), default: "l2", "Which penalty."),
        ConfigKey("strength", .number(0...1e12, exclusiveMinimum: false), default: 0.001, "λ."),
        ConfigKey("include_bias", .boolean, default: false, "Penalize b too."),
        ConfigKey("proximal", .boolean, default: false, usedBy: users(of: "proximal", regularizerTable),
                  "Apply the L1 part by soft-thresholding after each step (exact zeros) instead of its subgradient."),
        ConfigKey("l1_ratio", .number(0...1, exclusiveMinimum: false), default: 0.5, usedBy: users(of: "l1_ratio", regularizerTable),
                  "ρ of the elastic net ρ·Σ|W| + (1 − ρ)·ΣW²."),
    ])

    public static let optimizer = ConfigSection(path: "optimizer", summary: "Minibatch stochastic gradient descent.", keys: [
        ConfigKey("type", .choice(of: OptimizerType.self), default: "sgd", "The optimizer."),
        ConfigKey("learning_rate", .number(0...1e6, exclusiveMinimum: true), default: 0.1, "lr₀, the initial learning rate."),
        ConfigKey("batch_size", .integer(1...1_000_000_000), default: 32, "Examples per step; ≥ N is full-batch gradient descent."),
        ConfigKey("epochs", .integer(0...1_000_000), default: 100, "Passes over the training split."),
        ConfigKey("momentum", .number(0...0.999999, exclusiveMinimum: false), default: 0, "μ: v ← μv + g, W ← W − lr·v."),
        ConfigKey("nesterov", .boolean, default: false, "Nesterov momentum: W ← W − lr·(g + μv)."),
        ConfigKey("shuffle", .boolean, default: true, "Shuffle the training split every epoch (seeded)."),
        ConfigKey("schedule", .section, default: [:], "The learning-rate schedule."),
    ])

    public static let schedule = ConfigSection(path: "optimizer.schedule", summary: "The learning rate of epoch e (0-based).", keys: [
        ConfigKey("type", .choice(of: ScheduleType.self), default: "constant",
                  "The learning rate of epoch e from lr₀."),
        ConfigKey("every", .integer(1...1_000_000), default: 10, usedBy: users(of: "every", scheduleTable), "Epochs between two steps."),
        ConfigKey("gamma", .number(0...1e6, exclusiveMinimum: true), default: 0.5, usedBy: users(of: "gamma", scheduleTable), "γ."),
        ConfigKey("decay", .number(0...1e6, exclusiveMinimum: false), default: 0.1, usedBy: users(of: "decay", scheduleTable), "The decay of inverse_time."),
    ])

    public static let earlyStopping = ConfigSection(path: "early_stopping", summary: "Stop when the validation loss stops improving.", keys: [
        ConfigKey("patience", .integer(1...1_000_000), default: 10, "Epochs without a new best validation loss before stopping."),
        ConfigKey("restore_best", .boolean, default: true, "Keep the weights of the best epoch, not the last."),
    ])

    public static let output = ConfigSection(path: "output", summary: "Where the results go.", keys: [
        ConfigKey("dir", .text, default: nil, "Output folder; default runs/<name>. An existing folder gets the next free name (-2, -3, …)."),
    ])

    public static let generate = ConfigSection(path: "data.train.generate", summary: "A synthetic dataset made on the fly.", keys: [
        ConfigKey("kind", .choice(of: SyntheticKind.self), default: nil, "The generator (required)."),
        ConfigKey("samples", .integer(1...10_000_000), default: nil, "Examples; default per kind."),
        ConfigKey("classes", .integer(2...1000), default: nil, "K; default per kind."),
        ConfigKey("features", .integer(1...100_000), default: nil, "D; default per kind."),
        ConfigKey("noise", .number(0...1e6, exclusiveMinimum: false), default: nil, "Noise level; default per kind."),
        ConfigKey("seed", .integer(0...9_007_199_254_740_991), default: nil, "Seed of the generator; default the config's seed."),
    ])

    /// The sections that a run may override, by name.
    public static let runSections: [String: ConfigSection] = [
        "model": model, "loss": loss, "regularizer": regularizer, "optimizer": optimizer, "early_stopping": earlyStopping,
    ]

    /// Every section, in the order of the reference.
    public static let all = [topLevel, data, generate, model, loss, regularizer, optimizer, schedule, earlyStopping, output]
}
