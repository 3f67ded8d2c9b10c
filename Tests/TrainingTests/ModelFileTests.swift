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
        #expect(read.loss.type == .svm && read.loss.variant == .oneVsRest && read.loss.margin == 0.5)
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
}
