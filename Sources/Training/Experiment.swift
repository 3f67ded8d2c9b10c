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
    public func trainAll(progress: (ProgressEvent) -> Void = { _ in }) -> [RunResult] {
        configuration.runs.map { run in
            RunTrainer(run: run, data: data, seed: configuration.seed).train(from: initialClassifier(for: run), progress: progress)
        }
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
