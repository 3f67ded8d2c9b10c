import Datasets

/// The splits of an experiment, by the names `evaluate --split` takes.
public enum SplitName: String, CaseIterable, Sendable {
    case train, validation, test

    /// The config key of the split's own data source: `data.train`, `data.validation`, `data.test`.
    var configKey: String { "data.\(rawValue)" }

    /// The batches a CIFAR-10 folder stands for as the split's source (SPEC §4): the five training
    /// batches in `data.train`, the test batch in `data.test`; nil in `data.validation`, where a
    /// folder is an error and a batch file is needed.
    var cifar10Part: CIFAR10File.Part? {
        switch self {
        case .train: .training
        case .test: .test
        case .validation: nil
        }
    }
}
