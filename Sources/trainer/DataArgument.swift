import Training
import Datasets
import LinearAlgebra

/// The DATA argument of evaluate, predict and explain, read as a config reads a path
/// (`DataSource.inferred`), against a model's classes and features and preprocessed as the model
/// was trained:
///
///     data.csv                       CSV (--no-header: no header row; --label-column NAME)
///     x.npy                          features (N, D), (N, H, W) or (N, H, W, C); labels in x-labels.npy
///     t10k-images-idx3-ubyte         IDX images; labels in t10k-labels-idx1-ubyte beside them
///     cifar-10-batches-bin/test_batch.bin   a CIFAR-10 batch (labels inside)
///
/// `--labels FILE` names the labels of a .npy or IDX file that sit elsewhere. CSV columns are
/// found by the model's feature names; a file without a header row (`--no-header`) has no names,
/// so its columns are taken by position: every column but the label (evaluate, explain), or the
/// first D (predict). Data of images must have the model's image shape (a CHW array read as HWC
/// would scramble every image); flat data of the right number of features are taken as they are.
enum DataArgument {
    /// The options that say how to read DATA, shared by the three commands.
    struct Options {
        /// The CSV column of the labels.
        var labelColumn = CSVFile.defaultLabelColumn
        /// Whether a CSV file starts with a header row.
        var header = true
        /// The labels file of a .npy or IDX file, when not beside it by name.
        var labels: String?

        /// The help lines of the options, for each command's OPTIONS.
        static func help(labelled: Bool) -> [(flag: String, help: String)] {
            var lines = [("--no-header", labelled ? "the CSV file has no header row: the features are every column but the label, in order"
                                                  : "the CSV file has no header row: the features are its first D columns")]
            if labelled {
                lines += [
                    ("--label-column NAME", "the CSV column of the labels (default: label, else the last column)"),
                    ("--labels FILE", "the labels of a .npy or IDX file, when they are not beside it (NAME-labels.npy, …-labels-idx1-ubyte)"),
                ]
            }
            return lines
        }

        /// Takes `option` (and its value) when it is one of these; false otherwise.
        mutating func parse(_ option: String, _ cursor: inout ArgumentCursor, labelled: Bool) throws -> Bool {
            switch option {
            case "--no-header": header = false
            case "--label-column" where labelled: labelColumn = try cursor.value(for: option)
            case "--labels" where labelled: labels = try cursor.value(for: option)
            default: return false
            }
            return true
        }
    }

    /// The lines that explain DATA in each command's help.
    static let discussion = """
        DATA is read by its name: a .npy features file (2-D, or images (N, H, W[, C])) with its labels
        in NAME-labels.npy; an IDX images file (MNIST, Fashion-MNIST, EMNIST: t10k-images-idx3-ubyte)
        with its labels in the file named with labels-idx1 (t10k-labels-idx1-ubyte); a CIFAR-10 batch
        (.bin, e.g. cifar-10-batches-bin/test_batch.bin); anything else is CSV. Images must have the
        shape the model was trained on. For example:

          trainer evaluate runs/mnist/softmax/model.json data/mnist-5k.npy
          trainer evaluate runs/cifar10/svm/model.json cifar-10-batches-bin/test_batch.bin
          trainer predict runs/mnist/svm/model.json t10k-images-idx3-ubyte
          trainer evaluate runs/iris/softmax/model.json iris.data --no-header
        """

    /// The labelled data at `path`, with the model's preprocessing applied.
    static func labelled(_ path: String, model: ModelFile, options: Options) throws -> Dataset {
        var dataset: Dataset
        switch try DataSource.inferred(fromPath: path, labels: options.labels, labelsOption: "--labels FILE") {
        case .csv:
            dataset = try CSVFile.read(path: path, labelColumn: options.labelColumn, classNames: model.classNames, hasHeader: options.header)
            if options.header { dataset = try dataset.columns(named: model.featureNames, file: path) }
        case let source:
            dataset = try DataLoader.load(source, labelColumn: options.labelColumn, header: options.header, classNames: model.classNames)
        }
        try check(dataset.features, imageShape: dataset.imageShape, model: model, file: path)
        model.preprocessing.apply(to: &dataset.features)
        return dataset
    }

    /// The features at `path` (labels, if any, ignored): the model's feature columns of a CSV file,
    /// a .npy features file, IDX images or a CIFAR-10 batch; with the model's preprocessing applied.
    static func features(_ path: String, model: ModelFile, options: Options) throws -> Matrix {
        var features: Matrix
        var imageShape: ImageShape?
        if IDXFile.isIDXName(path) {
            (features, imageShape) = try IDXFile.readImages(path: path)
        } else {
            switch try DataSource.inferred(fromPath: path, labelsOption: "--labels FILE") {  // not an IDX file: it cannot throw
            case .numpy(let file, _):
                (features, imageShape) = try NumPyFile.readFeaturesAndShape(path: file)
            case .cifar10:
                let dataset = try DataLoader.load(.cifar10(path: path), labelColumn: options.labelColumn, classNames: nil)
                (features, imageShape) = (dataset.features, dataset.imageShape)
            default:
                let names = options.header ? model.featureNames : CSVFile.positionalColumnNames(count: model.classifier.featureCount)
                features = try CSVFile.readFeatures(path: path, featureNames: names, hasHeader: options.header)
            }
        }
        try check(features, imageShape: imageShape, model: model, file: path)
        model.preprocessing.apply(to: &features)
        return features
    }

    /// Fails unless the data have the model's number of features and, when both know one, its
    /// image shape (`Dataset.checkFeatures`).
    static func check(_ features: Matrix, imageShape: ImageShape?, model: ModelFile, file: String) throws {
        try Dataset.checkFeatures(count: features.columns, imageShape: imageShape, file: file, expectedCount: model.classifier.featureCount,
                                  expectedImageShape: model.imageShape, reference: "as the model was trained on")
    }
}
