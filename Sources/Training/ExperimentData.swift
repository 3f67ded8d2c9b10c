import LinearAlgebra
import Datasets

/// The data of an experiment, ready to train on: the splits, preprocessed with statistics of the
/// training split only, and those statistics (which the model file carries).
public struct ExperimentData: Sendable {
    public var train: Dataset
    public var validation: Dataset?
    public var test: Dataset?
    public var preprocessing: Preprocessing

    public init(train: Dataset, validation: Dataset?, test: Dataset?, preprocessing: Preprocessing) {
        self.train = train
        self.validation = validation
        self.test = test
        self.preprocessing = preprocessing
    }

    public var classNames: [String] { train.classNames }
    public var classCount: Int { train.classCount }
    public var featureNames: [String] { train.featureNames }
    public var featureCount: Int { train.featureCount }
}

extension Preprocessing {
    /// Preprocesses the features of `dataset`, if any, in place: the optional is emptied first so
    /// that the features are not shared, and not copied (a copy of a large split costs its size).
    func apply(to dataset: inout Dataset?) {
        guard var held = dataset else { return }
        dataset = nil
        apply(to: &held.features)
        dataset = held
    }
}

/// Loads the data section of a config: reads or generates the sources, holds out stratified
/// fractions of the training data where no validation or test source is given, and standardizes.
public enum DataLoader {
    /// The experiment's data. Validation and test files are read against the training classes.
    public static func load(_ configuration: DataConfiguration, seed: UInt64) throws -> ExperimentData {
        var train = try load(configuration.train, labelColumn: configuration.labelColumn, classNames: nil)
        var splitStream = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.split.rawValue)
        let heldOut = try train.holdOut(
            validationFraction: configuration.validationFraction, testFraction: configuration.testFraction,
            seed: splitStream.next())
        var validation = try configuration.validation.map { try load($0, labelColumn: configuration.labelColumn, classNames: train.classNames) }
            ?? heldOut.validation
        var test = try configuration.test.map { try load($0, labelColumn: configuration.labelColumn, classNames: train.classNames) }
            ?? heldOut.test
        for (source, other) in [(configuration.validation, validation), (configuration.test, test)] {
            if let other, other.featureCount != train.featureCount {
                throw DatasetError.featureCountMismatch(file: source?.displayName ?? "data", expected: train.featureCount, found: other.featureCount)
            }
        }
        let preprocessing = Preprocessing.fit(kind: configuration.preprocess, to: train.features)
        preprocessing.apply(to: &train.features)
        preprocessing.apply(to: &validation)
        preprocessing.apply(to: &test)
        return ExperimentData(train: train, validation: validation, test: test, preprocessing: preprocessing)
    }

    /// One data source as a dataset.
    public static func load(_ source: DataSource, labelColumn: String, classNames: [String]?) throws -> Dataset {
        switch source {
        case .csv(let path):
            try CSVFile.read(path: path, labelColumn: labelColumn, classNames: classNames)
        case .numpy(let features, let labels):
            try NumPyFile.read(featuresPath: features, labelsPath: labels, classNames: classNames)
        case .generate(let parameters):
            try parameters.generate()
        }
    }
}
