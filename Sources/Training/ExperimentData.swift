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
    /// The shape of the images the rows hold ([H, W, C], channel-last), when the data are known to
    /// be images: what model.json records and the report draws the class templates with.
    public var imageShape: ImageShape? { train.imageShape }
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
