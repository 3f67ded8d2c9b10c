import Testing
import Training
import LinearAlgebra
import LinearModel
import Datasets
import TestSupport

@Suite("model.json — round trip, and a model written by hand")
struct ModelFileTests {
    @Test("write → read → write gives the same bytes and the same bits (seeds 0..<20)", arguments: 0..<20)
    func roundTrip(seed: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(seed))
        let classes = 2 + generator.uniformInteger(below: 4), features = 1 + generator.uniformInteger(below: 5)
        let configuration = try TrainingFixtures.configuration(
            #"{"data": {"train": "a.csv"}, "loss": {"type": "svm", "variant": "one_vs_rest", "margin": 0.5}}"#)
        let loss = try #require(configuration.runs.first).loss
        let model = ModelFile(
            classNames: (0..<classes).map { "class \($0)" }, featureNames: (0..<features).map { "f\($0)" }, loss: loss,
            preprocessing: Preprocessing(kind: .standardize, mean: (0..<features).map { _ in generator.gaussian() },
                                         scale: (0..<features).map { _ in 0.1 + generator.uniform() }),
            classifier: LinearClassifier(weights: randomMatrix(rows: classes, columns: features, seed: UInt64(seed)),
                                         bias: randomMatrix(rows: classes, columns: 1, seed: UInt64(seed + 100))))
        let text = JSONWriter.string(model.json)
        let read = try ModelFile.decode(text: text, file: "model.json")
        #expect(JSONWriter.string(read.json) == text)
        #expect(read.classifier.weights == model.classifier.weights && read.classifier.bias == model.classifier.bias, "seed \(seed)")
        #expect(read.preprocessing == model.preprocessing && read.classNames == model.classNames && read.featureNames == model.featureNames)
        #expect(read.loss.type == .svm && read.loss.settings.variant == .oneVsRest && read.loss.settings.margin == 0.5)
    }

    @Test("image_shape: written after feature_names when the data were images, read back; absent otherwise")
    func imageShape() throws {
        let configuration = try TrainingFixtures.configuration(#"{"data": {"train": "a.csv"}, "loss": {"type": "softmax"}}"#)
        var model = ModelFile(classNames: ["a", "b"], featureNames: (1...12).map { "x\($0)" }, imageShape: ImageShape(height: 2, width: 2, channels: 3),
                              loss: try #require(configuration.runs.first).loss,
                              preprocessing: Preprocessing(kind: .none, mean: Array(repeating: 0, count: 12), scale: Array(repeating: 1, count: 12)),
                              classifier: LinearClassifier(weights: Matrix(rows: 2, columns: 12), bias: Matrix(rows: 2, columns: 1)))
        let text = JSONWriter.string(model.json)
        #expect(text.contains(#""feature_names": ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12"],"#) && text.contains(#""image_shape": [2, 2, 3],"#), "\(text)")
        #expect(try ModelFile.decode(text: text, file: "m.json").imageShape == model.imageShape)
        model.imageShape = nil
        #expect(!JSONWriter.string(model.json).contains("image_shape"))
        #expect(try ModelFile.decode(text: JSONWriter.string(model.json), file: "m.json").imageShape == nil)
    }

    @Test("a hand-written model: scores = [W b]·[(x − mean)/scale; 1], classes as numbers")
    func handWritten() throws {
        let model = try ModelFile.decode(text: """
            {"format": "linear-classifier", "version": 1, "classes": [0, 1, 2], "feature_names": ["a", "b"],
             "loss": {"type": "softmax"},
             "preprocess": {"type": "standardize", "mean": [1, -1], "scale": [2, 0.5]},
             "weights": [[1, 0, 0.5], [0, 1, -1], [2, -3, 0]]}
            """, file: "hand.json")
        #expect(model.classNames == ["0", "1", "2"])
        var x = Matrix(rows: 1, columns: 2, elements: [3, 0])  // standardized: [(3 − 1)/2, (0 + 1)/0.5] = [1, 2]
        model.preprocessing.apply(to: &x)
        let scores = model.classifier.scores(for: x)
        #expect(scores.elements == [1.5, 1, -4])
        #expect(LinearClassifier.predictions(fromScores: scores) == [0])
    }

    // the file, the key path named in the error
    static let invalid: [(String, String)] = [
        (#"{"format": "other", "version": 1}"#, "format"),
        (#"{"format": "linear-classifier", "version": 2}"#, "version"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2]]}"#, "weights"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2], [3]]}"#, "weights[1]"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "a"], "weights": [[1, 2], [3, 4]]}"#, "classes"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2], [3, "x"]]}"#, "weights[1][1]"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2], [3, 4]], "loss": {"type": "hinge"}}"#, "loss"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2], [3, 4]], "preprocess": {"type": "standardize", "scale": [0]}}"#, "preprocess.scale"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2], [3, 4]], "feature_names": ["x", "y"]}"#, "feature_names"),
        ("{\"format\": ", "line 1, column 12"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2, 0], [3, 4, 0]], "image_shape": [2, 2]}"#, "image_shape"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2, 0], [3, 4, 0]], "image_shape": [1, "2"]}"#, "image_shape"),
        (#"{"format": "linear-classifier", "version": 1, "classes": ["a", "b"], "weights": [[1, 2, 0], [3, 4, 0]], "image_shape": [2]}"#, "image_shape"),
    ]

    @Test("a model file that does not follow the format is an error naming the key", arguments: invalid)
    func invalidModel(text: String, path: String) {
        do {
            _ = try ModelFile.decode(text: text, file: "m.json")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.hasPrefix("m.json: \(path): expected"), "\(error)")
        }
    }

    /// A hand-written triplet model: K = 2, D = 2, M = 1 with V = [1, 0], centroids 0 and 2, and the
    /// [W b] they give (W_k = 2c_kᵀV, b_k = −‖c_k‖²); `extra` replaces the embedding and centroids.
    static func tripletModel(_ extra: String = #""embedding": [[1, 0]], "centroids": [[0], [2]]"#) -> String {
        """
        {"format": "linear-classifier", "version": 1, "classes": [0, 1], "loss": {"type": "triplet", "margin": 1},
         "preprocess": {"type": "none"}, "weights": [[0, 0, 0], [4, 0, -4]], \(extra)}
        """
    }

    /// Columns: the embedding and centroids members, the key path the message names.
    static let badTripletModels: [(String, String)] = [
        (#""centroids": [[0], [2]]"#, "embedding"),
        (#""embedding": [[1, 0, 0]], "centroids": [[0], [2]]"#, "embedding"),
        (#""embedding": [[1, 0]], "centroids": [[0], [2], [4]]"#, "centroids"),
        (#""embedding": [[1, 0]], "centroids": [[0, 1], [2, 1]]"#, "centroids"),
    ]

    @Test("a triplet model needs its embedding (M rows of D) and centroids of K rows of M", arguments: badTripletModels)
    func badTripletModel(members: String, path: String) {
        do {
            _ = try ModelFile.decode(text: Self.tripletModel(members), file: "m.json")
            Issue.record("accepted: \(members)")
        } catch {
            #expect(error.description.hasPrefix("m.json: \(path): expected"), "\(error)")
        }
    }

    @Test("a triplet model's loss is the mean triplet loss of X·Vᵀ: rows 0, 1 (class 0) and 3 (class 1) in 1-D")
    func tripletModelLoss() throws {
        let model = try ModelFile.decode(text: Self.tripletModel(), file: "m.json")
        #expect(model.embedding == Matrix([[1, 0]]) && model.centroids == Matrix([[0], [2]]))
        // Embeddings f = x₁: 0, 1 (class 0) and 3 (class 1), α = 1. Triplets (a, p, n):
        // (0, 1, 3): max(0, 1 − 9 + 1) = 0;  (1, 0, 3): max(0, 1 − 4 + 1) = 0  → mean 0.
        // Moving row 2 to f = 1.5: (0, 1, 2) 1 − 2.25 + 1 = −0.25 → 0;  (1, 0, 2) 1 − 0.25 + 1 = 1.75 → mean 0.875.
        let data = Dataset(features: Matrix([[0, 5], [1, 5], [1.5, -5]]), labels: [0, 0, 1], classNames: ["0", "1"], featureNames: ["a", "b"])
        let metrics = model.metrics(on: data)
        #expect(metrics.dataLoss == 0.875, "observed \(metrics.dataLoss)")
        // Nearest centroid: 0 → c₀, 1 → c₀ (1 < 1... tie 1 vs 1 goes to the lower class), 1.5 → c₁.
        #expect(metrics.confusion == [[2, 0], [0, 1]])
    }
}
