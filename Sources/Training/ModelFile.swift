import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Datasets

/// A model file that cannot be used: unreadable, not JSON, or not of the `linear-classifier`
/// format. Exit status 2.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid(file: String, path: String, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the model: \(reason)"
        case .invalid(let file, let path, let expected): "\(file): \(path): expected \(expected)"
        }
    }
}

/// A trained linear classifier with everything needed to use it on new raw data: `model.json`.
///
///     {"format": "linear-classifier", "version": 1, "classes": [...], "feature_names": [...],
///      "image_shape": [28, 28],
///      "loss": {...}, "preprocess": {"type": "standardize", "mean": [...], "scale": [...]},
///      "weights": [[w₀₀ … w₀,D−1, b₀], …]}
///
/// `weights` holds K rows of D + 1 numbers, the bias last: [W b]. The scores of a raw input x
/// are [W b]·[(x − mean)/scale; 1]. `image_shape`, present when the training data were images,
/// is [H, W] or [H, W, C] (channel-last, H·W·C = D): row k of W drawn at that shape is class k's
/// template, and evaluate, predict and explain refuse images of another shape.
public struct ModelFile: Sendable {
    public var classNames: [String]
    public var featureNames: [String]
    /// The shape of the images the model was trained on; nil for other data.
    public var imageShape: ImageShape?
    public var loss: LossConfiguration
    public var preprocessing: Preprocessing
    public var classifier: LinearClassifier
    /// A triplet model's embedding V (M×D) and class centroids (K×M); nil otherwise.
    public var embedding: Matrix?
    public var centroids: Matrix?

    public init(classNames: [String], featureNames: [String], imageShape: ImageShape? = nil, loss: LossConfiguration,
                preprocessing: Preprocessing, classifier: LinearClassifier, embedding: Matrix? = nil, centroids: Matrix? = nil) {
        self.classNames = classNames
        self.featureNames = featureNames
        self.imageShape = imageShape
        self.loss = loss
        self.preprocessing = preprocessing
        self.classifier = classifier
        self.embedding = embedding
        self.centroids = centroids
    }

    /// The file's JSON: the same model always gives the same bytes.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format", "linear-classifier"), ("version", 1),
            ("classes", classesJSON),
            ("feature_names", .array(featureNames.map(JSONValue.string))),
        ]
        if let imageShape { members.append(("image_shape", .array(imageShape.dimensions.map { .number(Double($0)) }))) }
        members += [
            ("loss", loss.resolved),
            ("preprocess", [
                "type": .string(preprocessing.kind.rawValue),
                "mean": .array(preprocessing.mean.map(JSONValue.number)),
                "scale": .array(preprocessing.scale.map(JSONValue.number)),
            ]),
            ("weights", Self.rows(classifier.augmentedWeights)),
        ]
        if let embedding { members.append(("embedding", Self.rows(embedding))) }
        if let centroids { members.append(("centroids", Self.rows(centroids))) }
        return .object(members)
    }

    /// The class names as the file writes them: numbers when every name is an integer (as the
    /// labels of the data were), strings otherwise.
    public var classesJSON: JSONValue {
        let integerClasses = classNames.allSatisfy { Int($0).map(String.init) == $0 }
        return .array(classNames.map { integerClasses ? .number(Double(Int($0) ?? 0)) : .string($0) })
    }

    static func rows(_ matrix: Matrix) -> JSONValue {
        .array(matrix.rowArrays.map { .array($0.map(JSONValue.number)) })
    }

    /// Reads and checks `model.json` at `path`; a file written by hand in this format works too.
    public static func read(path: String) throws(ModelFileError) -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            throw .unreadable(file: path, reason: FileManager.default.fileExists(atPath: resolved) ? "not UTF-8 text" : "no such file (looked at \(resolved))")
        }
        return try decode(text: text, file: path)
    }

    /// The model in `text` (named `file` in messages).
    public static func decode(text: String, file: String) throws(ModelFileError) -> ModelFile {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw .invalid(file: file, path: "line \(error.line), column \(error.column)", expected: "valid JSON (\(error.expected))")
        }
        guard root["format"]?.stringValue == "linear-classifier" else {
            throw .invalid(file: file, path: "format", expected: "\"linear-classifier\"")
        }
        guard root["version"]?.numberValue == 1 else { throw .invalid(file: file, path: "version", expected: "1") }
        let classNames = try classes(root, file: file)
        let weights = try matrix(root["weights"], path: "weights", file: file)
        guard weights.rows == classNames.count, weights.columns >= 2 else {
            throw .invalid(file: file, path: "weights", expected: "\(classNames.count) rows (one per class) of D + 1 numbers, the bias last")
        }
        let featureCount = weights.columns - 1
        let featureNames = try root["feature_names"].map { (value) throws(ModelFileError) in
            guard let names = value.arrayElements?.compactMap(\.stringValue), names.count == featureCount else {
                throw .invalid(file: file, path: "feature_names", expected: "\(featureCount) strings")
            }
            return names
        } ?? (1...featureCount).map { "x\($0)" }
        let loss: LossConfiguration
        do {
            (loss, _) = try ConfigLoader.decodeLoss(SectionReader(
                file: file, section: ConfigSchema.loss, layers: [.init(object: root["loss"] ?? ["type": "softmax"], path: "loss", isExplicit: true)]))
        } catch {
            throw .invalid(file: file, path: "loss", expected: "a loss section as in a config (\(error))")
        }
        let preprocessing = try decodePreprocessing(root["preprocess"], featureCount: featureCount, file: file)
        let imageShape = try root["image_shape"].map { (value) throws(ModelFileError) in
            let sides = value.arrayElements?.map { $0.numberValue.flatMap { $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil } }
            guard let sides, sides.allSatisfy({ $0 != nil }), let shape = ImageShape(dimensions: sides.compactMap { $0 }),
                  shape.featureCount == featureCount else {
                throw .invalid(file: file, path: "image_shape", expected: "[H, W] or [H, W, C] with H·W·C = \(featureCount), the number of features")
            }
            return shape
        }
        var model = ModelFile(classNames: classNames, featureNames: featureNames, imageShape: imageShape, loss: loss,
                              preprocessing: preprocessing, classifier: LinearClassifier(augmentedWeights: weights))
        try decodeEmbedding(root, into: &model, file: file)
        return model
    }

    /// A triplet model's `embedding` (M rows of D) and `centroids` (K rows of M): required for a
    /// triplet model, whose loss is measured in the embedding; optional (and checked) otherwise.
    static func decodeEmbedding(_ root: JSONValue, into model: inout ModelFile, file: String) throws(ModelFileError) {
        let features = model.classifier.featureCount, classes = model.classNames.count
        guard let value = root["embedding"] else {
            if model.loss.type == .triplet {
                throw .invalid(file: file, path: "embedding", expected: "the triplet model's embedding V: M rows of \(features) numbers")
            }
            return
        }
        let embedding = try matrix(value, path: "embedding", file: file)
        guard embedding.columns == features else {
            throw .invalid(file: file, path: "embedding", expected: "rows of \(features) numbers (one per feature), found \(embedding.columns)")
        }
        model.embedding = embedding
        guard let value = root["centroids"] else { return }
        let centroids = try matrix(value, path: "centroids", file: file)
        guard centroids.rows == classes, centroids.columns == embedding.rows else {
            throw .invalid(file: file, path: "centroids", expected: "\(classes) rows (one per class) of \(embedding.rows) numbers (the embedding's dimension)")
        }
        model.centroids = centroids
    }

    static func classes(_ root: JSONValue, file: String) throws(ModelFileError) -> [String] {
        guard let list = root["classes"]?.arrayElements, list.count >= 2 else {
            throw .invalid(file: file, path: "classes", expected: "a list of at least two class names or numbers")
        }
        var names: [String] = []
        for (index, value) in list.enumerated() {
            if let string = value.stringValue {
                names.append(string)
            } else if let number = value.numberValue, number == number.rounded(), abs(number) < 1e15 {
                names.append(String(Int(number)))
            } else {
                throw .invalid(file: file, path: "classes[\(index)]", expected: "a string or a whole number")
            }
        }
        guard Set(names).count == names.count else { throw .invalid(file: file, path: "classes", expected: "distinct class names") }
        return names
    }

    static func matrix(_ value: JSONValue?, path: String, file: String) throws(ModelFileError) -> Matrix {
        guard let rows = value?.arrayElements, !rows.isEmpty else { throw .invalid(file: file, path: path, expected: "a list of rows of numbers") }
        var elements: [Double] = []
        var columns: Int?
        for (i, row) in rows.enumerated() {
            guard let entries = row.arrayElements else { throw .invalid(file: file, path: "\(path)[\(i)]", expected: "a list of numbers") }
            guard columns == nil || columns == entries.count, !entries.isEmpty else {
                throw .invalid(file: file, path: "\(path)[\(i)]", expected: "\(columns ?? 1) numbers like the rows before it")
            }
            columns = entries.count
            for (j, entry) in entries.enumerated() {
                guard let number = entry.numberValue, number.isFinite else {
                    throw .invalid(file: file, path: "\(path)[\(i)][\(j)]", expected: "a finite number")
                }
                elements.append(number)
            }
        }
        return Matrix(rows: rows.count, columns: columns ?? 0, elements: elements)
    }

    static func decodePreprocessing(_ value: JSONValue?, featureCount: Int, file: String) throws(ModelFileError) -> Preprocessing {
        guard let value else { return Preprocessing(kind: .none, mean: Array(repeating: 0, count: featureCount), scale: Array(repeating: 1, count: featureCount)) }
        guard let kind = value["type"]?.stringValue.flatMap(Preprocessing.Kind.init(rawValue:)) else {
            throw .invalid(file: file, path: "preprocess.type", expected: "\"standardize\", \"center\" or \"none\"")
        }
        func vector(_ key: String, default fill: Double) throws(ModelFileError) -> [Double] {
            guard let list = value[key] else { return Array(repeating: fill, count: featureCount) }
            guard let numbers = list.arrayElements?.compactMap(\.numberValue), numbers.count == featureCount, numbers.allSatisfy(\.isFinite) else {
                throw .invalid(file: file, path: "preprocess.\(key)", expected: "\(featureCount) finite numbers (one per feature)")
            }
            return numbers
        }
        let scale = try vector("scale", default: 1)
        guard scale.allSatisfy({ $0 > 0 }) else { throw .invalid(file: file, path: "preprocess.scale", expected: "positive numbers") }
        return Preprocessing(kind: kind, mean: try vector("mean", default: 0), scale: scale)
    }
}
