import Foundation
import LinearAlgebra
import Datasets

/// Loads the data section of a config: reads or generates the sources, holds out stratified
/// fractions of the training data where no validation or test source is given, gives flat data
/// its `image_shape`, and preprocesses — each in place, so that a training set of M bytes of
/// features peaks at M plus the held-out parts, never a second copy.
public enum DataLoader {
    /// The experiment's data. Validation and test files are read against the training classes.
    /// - Parameter file: the config file, which errors about a source's path name with its key.
    /// - Throws: `ConfigError.dataSource` for a missing file (with the path as resolved, the rule
    ///   that relative paths resolve against the current folder, and where a published dataset
    ///   can be downloaded) or a CIFAR-10 folder where a batch is needed; `ConfigError` for an
    ///   `image_shape` that does not fit; `DatasetError` for what is wrong inside a file.
    public static func load(_ configuration: DataConfiguration, seed: UInt64, file: String) throws -> ExperimentData {
        var train = try load(configuration.train, split: .train, configuration: configuration, classNames: nil, file: file)
        if let shape = configuration.imageShape {
            guard shape.featureCount == train.featureCount else {
                throw ConfigError.invalidValue(
                    file: file, path: "data.image_shape", found: "\(shape.dimensions) (\(shape.featureCount) features)",
                    expected: "a shape whose H·W·C is the \(train.featureCount) features of \(configuration.train.displayName)")
            }
            if let own = train.imageShape, own != shape {
                throw ConfigError.invalidValue(
                    file: file, path: "data.image_shape", found: "\(shape.dimensions)",
                    expected: "the shape \(configuration.train.displayName) holds, \(own.dimensions) (or no image_shape)")
            }
            train.imageShape = shape
        }
        var splitStream = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.split.rawValue)
        let heldOut = try train.holdOut(
            validationFraction: configuration.validationFraction, testFraction: configuration.testFraction,
            seed: splitStream.next())
        var validation = try configuration.validation.map {
            try load($0, split: .validation, configuration: configuration, classNames: train.classNames, file: file)
        } ?? heldOut.validation
        var test = try configuration.test.map {
            try load($0, split: .test, configuration: configuration, classNames: train.classNames, file: file)
        } ?? heldOut.test
        try matchTraining(&validation, source: configuration.validation, train: train)
        try matchTraining(&test, source: configuration.test, train: train)
        let preprocessing = Preprocessing.fit(kind: configuration.preprocess, to: train.features)
        preprocessing.apply(to: &train.features)
        preprocessing.apply(to: &validation)
        preprocessing.apply(to: &test)
        return ExperimentData(train: train, validation: validation, test: test, preprocessing: preprocessing)
    }

    /// Checks that a validation or test set read from its own source has the training set's
    /// features and, when both know one, its image shape; gives it the training image shape.
    private static func matchTraining(_ dataset: inout Dataset?, source: DataSource?, train: Dataset) throws {
        guard let source, let other = dataset else { return }
        try Dataset.checkFeatures(count: other.featureCount, imageShape: other.imageShape, file: source.displayName,
                                  expectedCount: train.featureCount, expectedImageShape: train.imageShape, reference: "as the training data")
        dataset?.imageShape = train.imageShape
    }

    /// The source of `split` (config key `data.train`, …) as a dataset; an error about its path
    /// becomes a `ConfigError` naming the config file and the key.
    private static func load(_ source: DataSource, split: SplitName, configuration: DataConfiguration, classNames: [String]?,
                             file: String) throws -> Dataset {
        do {
            return try load(source, labelColumn: configuration.labelColumn, header: configuration.header,
                            classNames: classNames, folderPart: split.cifar10Part)
        } catch let error as DatasetError {
            guard let problem = pathProblem(error, source: source) else { throw error }
            throw ConfigError.dataSource(file: file, path: split.configKey, problem: problem)
        }
    }

    /// The message of an error about a source's path (a missing file or a folder where a file is
    /// needed), saying how a relative path was resolved; nil for other errors.
    static func pathProblem(_ error: DatasetError, source: DataSource) -> String? {
        let relative = source.paths.contains { !$0.hasPrefix("/") }
            ? " (relative paths resolve against the current folder \(FileManager.default.currentDirectoryPath), not the config's folder)" : ""
        switch error {
        case .fileNotFound(let path): return "no such file \(path)\(relative)"
        case .datasetNotFound(let path, let publishedAt): return "no such file \(path)\(relative); \(publishedAt)"
        case .wrongKindOfPath(let path, let expected, let found): return "\(path): expected \(expected), found \(found)"
        default: return nil
        }
    }

    /// One data source as a dataset.
    /// - Parameters:
    ///   - labelColumn, header: how CSV files are read (`data.label_column`, `data.header`).
    ///   - classNames: nil for training data, else the training (or a model's) classes.
    ///   - folderPart: which batches a CIFAR-10 folder stands for; nil where a batch file is needed.
    public static func load(_ source: DataSource, labelColumn: String, header: Bool = true, classNames: [String]?,
                            folderPart: CIFAR10File.Part? = nil) throws -> Dataset {
        switch source {
        case .csv(let path):
            return try CSVFile.read(path: path, labelColumn: labelColumn, classNames: classNames, hasHeader: header)
        case .numpy(let features, let labels):
            return try NumPyFile.read(featuresPath: features, labelsPath: labels, classNames: classNames)
        case .idx(let images, let labels):
            return try IDXFile.read(imagesPath: images, labelsPath: labels, classNames: classNames)
        case .cifar10(let path):
            if folderPart == nil && CIFAR10File.isFolder(path) {
                throw DatasetError.wrongKindOfPath(
                    path: path, expected: "a CIFAR-10 batch file such as \(CIFAR10File.batchPath(CIFAR10File.testBatchName, inFolder: path)) "
                        + "(a folder stands for the training batches in a config's data.train and the test batch in data.test)",
                    found: "a folder")
            }
            return try CIFAR10File.read(paths: CIFAR10File.batchFiles(at: path, part: folderPart ?? .test), classNames: classNames)
        case .generate(let parameters):
            return try parameters.generate()
        }
    }
}

extension DataSource {
    /// The files (or folder) the source reads, as written.
    var paths: [String] {
        switch self {
        case .csv(let path), .cifar10(let path): [path]
        case .numpy(let features, let labels): [features, labels]
        case .idx(let images, let labels): [images, labels]
        case .generate: []
        }
    }
}
