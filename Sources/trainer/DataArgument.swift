import Training
import Datasets
import LinearAlgebra

/// The DATA argument of evaluate, predict and explain: a CSV file, or a `.npy` features file whose
/// labels sit beside it as `NAME-labels.npy`, read against a model's classes and features and
/// preprocessed as the model was trained.
enum DataArgument {
    /// The labelled data at `path`, with the model's preprocessing applied.
    static func labelled(_ path: String, model: ModelFile, labelColumn: String) throws -> Dataset {
        var dataset: Dataset
        if path.hasSuffix(".npy") {
            dataset = try NumPyFile.read(featuresPath: path, labelsPath: NumPyFile.labelsPath(forFeaturesPath: path), classNames: model.classNames)
        } else {
            dataset = try CSVFile.read(path: path, labelColumn: labelColumn, classNames: model.classNames)
            dataset = try columnsByName(dataset, featureNames: model.featureNames, file: path)
        }
        guard dataset.featureCount == model.classifier.featureCount else {
            throw DatasetError.featureCountMismatch(file: path, expected: model.classifier.featureCount, found: dataset.featureCount)
        }
        model.preprocessing.apply(to: &dataset.features)
        return dataset
    }

    /// `dataset` with its feature columns in the model's order, found by name, as `predict` reads
    /// them: a file whose columns stand in another order still lines up with W.
    static func columnsByName(_ dataset: Dataset, featureNames: [String], file: String) throws -> Dataset {
        guard dataset.featureNames != featureNames else { return dataset }
        let columns = try featureNames.map { name in
            guard let column = dataset.featureNames.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(file: file, name: name, columns: dataset.featureNames)
            }
            return column
        }
        var features = Matrix(rows: dataset.exampleCount, columns: columns.count)
        for i in 0..<dataset.exampleCount {
            for (target, source) in columns.enumerated() {
                features[i, target] = dataset.features[i, source]
            }
        }
        return Dataset(features: features, labels: dataset.labels, classNames: dataset.classNames, featureNames: featureNames)
    }

    /// The features at `path` (labels, if any, ignored): the model's feature columns of a CSV file,
    /// or a `.npy` features file; with the model's preprocessing applied.
    static func features(_ path: String, model: ModelFile) throws -> Matrix {
        var features = path.hasSuffix(".npy")
            ? try NumPyFile.readFeatures(path: path)
            : try CSVFile.readFeatures(path: path, featureNames: model.featureNames)
        guard features.columns == model.classifier.featureCount else {
            throw DatasetError.featureCountMismatch(file: path, expected: model.classifier.featureCount, found: features.columns)
        }
        model.preprocessing.apply(to: &features)
        return features
    }
}
