import LinearAlgebra
import LinearModel
import Datasets

/// An experiment: the data loaded once, the shared initial weights, and every run trained on them.
public struct Experiment: Sendable {
    public let configuration: ExperimentConfiguration
    public let data: ExperimentData

    /// Loads the data of `configuration` (files, generators, splits, preprocessing).
    public init(configuration: ExperimentConfiguration) throws {
        self.configuration = configuration
        do {
            self.data = try DataLoader.load(configuration.data, seed: configuration.seed, file: configuration.file)
        } catch DatasetError.invalidParameter(_, let name, let value, let expected) {
            // Only generators check parameters: name the config key the student wrote.
            let path = [configuration.data.train, configuration.data.validation, configuration.data.test]
                .compactMap { source -> String? in if case .generate(let parameters) = source { parameters.path } else { nil } }
                .first ?? "data"
            throw ConfigError.invalidValue(file: configuration.file, path: "\(path).\(name)", found: value, expected: expected)
        }
    }

    public init(configuration: ExperimentConfiguration, data: ExperimentData) {
        self.configuration = configuration
        self.data = data
    }

    /// The initial classifier of `run`: W drawn from the experiment's seed before the loss is
    /// known, so that every run of the experiment starts from the same standard-normal draws
    /// (scaled by its own `init_scale`); b = 0.
    public func initialClassifier(for run: RunConfiguration) -> LinearClassifier {
        var generator = Xoshiro256StarStar(seed: configuration.seed, stream: StreamPurpose.initialWeights.rawValue)
        return LinearClassifier(classCount: data.classCount, featureCount: data.featureCount,
                                initialization: run.initialization, generator: &generator)
    }

    /// Trains every run in order and returns their results; `progress` hears of every epoch.
    public func trainAll(progress: @escaping (ProgressEvent) -> Void = { _ in }) -> [RunResult] {
        trainAll(hooks: TrainingHooks(progress: progress))
    }

    /// Trains the runs in order and returns the results of those that ran. After a request of
    /// `hooks.interruption` the run in progress stops at the end of its step (it is returned,
    /// marked `interrupted`) and the runs not yet started are skipped (SPEC §5).
    public func trainAll(hooks: TrainingHooks) -> [RunResult] {
        var results: [RunResult] = []
        for run in configuration.runs {
            if hooks.interruption?.isRequested == true { break }
            hooks.runStarting(run)
            let trainer = RunTrainer(run: run, data: data, seed: configuration.seed)
            let result = trainer.train(from: initialClassifier(for: run), progress: hooks.progress, interruption: hooks.interruption)
            hooks.runFinished(result)
            results.append(result)
        }
        return results
    }

    /// The model file of a trained run.
    public func modelFile(for result: RunResult) -> ModelFile {
        ModelFile(classNames: data.classNames, featureNames: data.featureNames, imageShape: data.imageShape, loss: result.run.loss,
                  preprocessing: data.preprocessing, classifier: result.classifier,
                  embedding: result.embedding, centroids: result.centroids)
    }

    /// `config.resolved.json`: every run's full config after merging and defaults.
    public var resolvedConfiguration: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(configuration.name)),
            ("seed", .number(Double(configuration.seed))),
            ("data", configuration.data.resolved),
        ]
        if !configuration.sweep.isEmpty {
            members.append(("sweep", .object(configuration.sweep.map { ($0.path, .array($0.values)) })))
        }
        members.append(("runs", .array(configuration.runs.map(\.resolved))))
        return .object(members)
    }
}

/// What the caller of `Experiment.trainAll(hooks:)` hears while the runs train, and how it stops
/// them: the command's progress display and its Ctrl-C.
public struct TrainingHooks {
    /// Before each run.
    public var runStarting: (RunConfiguration) -> Void
    /// Every epoch of every run.
    public var progress: (ProgressEvent) -> Void
    /// After each run, with its result (also an interrupted one).
    public var runFinished: (RunResult) -> Void
    /// Requested by Ctrl-C; nil: training cannot be interrupted.
    public var interruption: Interruption?

    public init(
        runStarting: @escaping (RunConfiguration) -> Void = { _ in }, progress: @escaping (ProgressEvent) -> Void = { _ in },
        runFinished: @escaping (RunResult) -> Void = { _ in }, interruption: Interruption? = nil
    ) {
        self.runStarting = runStarting
        self.progress = progress
        self.runFinished = runFinished
        self.interruption = interruption
    }
}
