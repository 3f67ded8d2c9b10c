import Foundation
import Testing
@testable import trainer

/// evaluate, explain and predict find a model's features by name, wherever the columns stand.
@Suite("Feature columns are read by name")
struct FeatureColumnsTests {
    // The identity model of the lecture's dog/bird/truck table: scores = features.
    static let model = """
        {"format": "linear-classifier", "version": 1, "classes": ["dog", "bird", "truck"], "feature_names": ["a", "b", "c"],
         "loss": {"type": "svm"}, "preprocess": {"type": "none"}, "weights": [[1,0,0,0],[0,1,0,0],[0,0,1,0]]}
        """

    @Test("columns in another order give the slide's mean 6.3667", arguments: TrainerMode.available)
    func reordered(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        let model = try TrainerHarness.write(Self.model, to: "model.json", in: folder)
        let data = try TrainerHarness.write("c,b,a,label\n-2.1,6.2,3.0,dog\n3.4,5.1,0.9,bird\n-4.5,2.3,1.6,truck\n", to: "reordered.csv", in: folder)
        let result = try TrainerHarness.run(["evaluate", model, data, "--json"], mode: mode)
        #expect(result.status == 0, "\(result)")
        #expect(result.output.hasPrefix("{\"loss\": 6.36666666666666"), "\(result)")
    }

    @Test("a file without the model's feature names is refused with exit 2", arguments: TrainerMode.available)
    func missingName(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        let model = try TrainerHarness.write(Self.model, to: "model.json", in: folder)
        let data = try TrainerHarness.write("q,r,s,label\n-2.1,6.2,3.0,dog\n", to: "other.csv", in: folder)
        for command in ["evaluate", "explain", "predict"] {
            let result = try TrainerHarness.run([command, model, data], mode: mode)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.errors.contains("expected a feature column named 'a'"), "\(command): \(result)")
        }
    }
}
