import Losses
import LinearModel
import Regularizers
import Optimizers
import Datasets

/// An experiment, decoded and validated: the shared data and seed, and the runs to compare.
public struct ExperimentConfiguration: Sendable {
    /// The config file, as given (for messages).
    public var file: String
    public var name: String
    public var seed: UInt64
    public var data: DataConfiguration
    /// Every run after merging, defaults and the sweep grid, in order.
    public var runs: [RunConfiguration]
    /// The sweep's axes (dotted path and values), empty without a sweep.
    public var sweep: [SweepAxis]
    /// The output folder from `output.dir` (or runs/<name>).
    public var outputDirectory: String
    /// Whether `outputDirectory` came from the config (true) — then a taken name moves on to
    /// `-2`, `-3`, …; `--out` names are never changed.
    public var outputDirectoryFromConfig: Bool
}

/// One axis of a sweep: a dotted config path and its values.
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    public var values: [JSONValue]
}

/// Where the examples come from.
public struct DataConfiguration: Sendable {
    public var train: DataSource
    public var validation: DataSource?
    public var test: DataSource?
    public var validationFraction: Double
    public var testFraction: Double
    public var labelColumn: String
    /// Whether CSV files start with a header row (`data.header`).
    public var header: Bool
    /// The image shape given to flat data (`data.image_shape`); nil when not given.
    public var imageShape: ImageShape?
    public var preprocess: Preprocessing.Kind
    /// The section as resolved, for `config.resolved.json`.
    public var resolved: JSONValue
}

/// A data source of the config.
public enum DataSource: Sendable, Equatable {
    /// A CSV file (with a header row unless `data.header` is false).
    case csv(path: String)
    /// A NumPy pair: features (N, D), (N, H, W) or (N, H, W, C) and N labels.
    case numpy(features: String, labels: String)
    /// An IDX pair (MNIST, Fashion-MNIST, EMNIST): images and labels.
    case idx(images: String, labels: String)
    /// CIFAR-10's binary version: a folder of batches or one batch file.
    case cifar10(path: String)
    /// A synthetic dataset made by a seeded generator.
    case generate(SyntheticParameters)
}

extension DataSource {
    /// The file (or generator) as messages name it.
    public var displayName: String {
        switch self {
        case .csv(let path): path
        case .numpy(let features, _): features
        case .idx(let images, _): images
        case .cifar10(let path): path
        case .generate(let parameters): parameters.path
        }
    }

    /// The source a bare path names, by its file name: `NAME.npy` is a NumPy pair whose labels are
    /// `labels` or else `NAME-labels.npy`; an IDX file (`IDXFile.isIDXName`: `t10k-images-idx3-ubyte`,
    /// `my-digits.idx3-ubyte`) an IDX pair whose labels are `labels` or else the file the datasets'
    /// naming gives (`t10k-labels-idx1-ubyte`); `NAME.bin`, or a folder holding CIFAR-10 batches,
    /// CIFAR-10; anything else a CSV file. A config's string source and the DATA argument of
    /// evaluate, predict and explain both read this way.
    /// - Parameter labelsOption: how the caller lets the labels of an IDX file be named elsewhere
    ///   (`--labels FILE`), for the error when its name gives none.
    /// - Throws: `DatasetError.wrongKindOfPath` for an IDX file without `labels` whose name has no
    ///   `images` to give its labels file's name, rather than reading its bytes as CSV.
    public static func inferred(fromPath path: String, labels: String? = nil, labelsOption: String) throws(DatasetError) -> DataSource {
        if path.hasSuffix(".npy") {
            return .numpy(features: path, labels: labels ?? NumPyFile.labelsPath(forFeaturesPath: path))
        }
        if IDXFile.isIDXName(path) {
            guard let labels = labels ?? IDXFile.labelsPath(forImagesPath: path) else {
                throw .wrongKindOfPath(path: path, expected: "an IDX images file whose name holds 'images' (its labels file is named with 'labels'), "
                                           + "or \(labelsOption)", found: "no labels file to go with it")
            }
            return .idx(images: path, labels: labels)
        }
        if path.hasSuffix(".bin") || CIFAR10File.isBatchFolder(path) { return .cifar10(path: path) }
        return .csv(path: path)
    }
}

/// The parameters of a synthetic data source (`{"generate": {…}}`); nil ones take the kind's
/// defaults.
public struct SyntheticParameters: Sendable, Equatable {
    public var kind: SyntheticKind
    public var samples: Int?
    public var classes: Int?
    public var features: Int?
    public var noise: Double?
    public var seed: UInt64
    /// Where the source sits in the config, e.g. `data.train.generate`, for error messages.
    public var path: String

    /// The dataset these parameters describe.
    public func generate() throws -> Dataset {
        try SyntheticDataset.generate(kind: kind, samples: samples, classes: classes, features: features, noise: noise, seed: seed)
    }
}

/// One run: a model, a loss, a regularizer and an optimizer, trained on the shared data.
public struct RunConfiguration: Sendable {
    /// The run's folder and table name: `baseName`, then the sweep point (`svm,learning_rate=0.1`).
    public var name: String
    /// The name from the config's `runs` entry (or the loss type).
    public var baseName: String
    /// `model.bias_trick`: train one matrix [W b] on inputs [x; 1] (true) or W and b apart.
    public var biasTrick: Bool
    /// `model.implementation`: the fast kernels or the readable loops.
    public var implementation: Implementation
    public var initialization: WeightInitialization
    public var loss: LossConfiguration
    public var regularizer: RegularizerConfiguration
    public var optimizer: OptimizerConfiguration
    public var earlyStopping: EarlyStoppingConfiguration?
    public var evaluateEvery: Int
    /// The sweep point this run trains, as (path, value) pairs; empty outside a sweep.
    public var sweepPoint: [(path: String, value: JSONValue)]
    /// The run as resolved: every section with its defaults and only the keys its types use.
    public var resolved: JSONValue
    /// Keys this run inherited for another type and dropped, one sentence each (SPEC §4).
    public var notes: [String] = []
}

/// The loss section, decoded.
public struct LossConfiguration: Sendable {
    public var type: LossType
    /// The values of the section's keys (defaults where absent).
    public var settings: LossSettings
    /// The section with only the keys this type uses: what `model.json` carries as `loss`.
    public var resolved: JSONValue

    public init(type: LossType, settings: LossSettings = LossSettings(), resolved: JSONValue = [:]) {
        self.type = type
        self.settings = settings
        self.resolved = resolved
    }
}

/// The regularizer section, decoded.
public struct RegularizerConfiguration: Sendable {
    public var type: RegularizerType
    public var strength: Double
    public var includeBias: Bool
    public var proximal: Bool
    public var l1Ratio: Double

    /// The regularizer this section describes.
    public func makeRegularizer() -> any Regularizer {
        type.makeRegularizer(proximal: proximal, l1Ratio: l1Ratio)
    }
}

/// The optimizer section, decoded.
public struct OptimizerConfiguration: Sendable {
    public var type: OptimizerType
    public var learningRate: Double
    public var batchSize: Int
    public var epochs: Int
    public var momentum: Double
    public var nesterov: Bool
    public var shuffle: Bool
    public var schedule: LearningRateSchedule
}

extension OptimizerConfiguration {
    /// A fresh optimizer of this section's type (zero velocity), for one parameter matrix.
    public func makeOptimizer() -> any Optimizer {
        type.makeOptimizer(momentum: momentum, nesterov: nesterov)
    }
}

/// The early-stopping section, decoded.
public struct EarlyStoppingConfiguration: Sendable {
    public var patience: Int
    public var restoreBest: Bool
}

extension LossConfiguration {
    /// The loss this section describes.
    public func makeLoss() -> any Loss {
        type.makeLoss(settings)
    }

    /// The formula of the loss at W = 0 (SPEC §3), e.g. "(K − 1)·Δ" or "ln K".
    public var expectedInitialLossFormula: String {
        type.expectedInitialLossFormula(settings)
    }
}
