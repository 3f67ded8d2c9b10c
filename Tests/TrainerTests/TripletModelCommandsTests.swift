import Foundation
import Testing
import Training

/// `evaluate` and `explain` on a triplet model.json: the loss lives in the embedding, not in the
/// class scores of the nearest-centroid [W b].
@Suite("trainer evaluate and explain on a triplet model — the triplet loss of the embedding")
struct TripletModelCommandsTests {
    /// Trains one triplet run on data/linear.csv (no held-out split) into `folder`/out; returns the model path.
    static func trainTriplet(in folder: URL) throws -> String {
        let config = try TrainerHarness.write("""
            {"seed": 3, "data": {"train": "\(TrainerHarness.path("data/linear.csv"))", "validation_fraction": 0},
             "optimizer": {"epochs": 2, "batch_size": 32, "learning_rate": 0.1},
             "runs": [{"name": "triplet", "loss": {"type": "triplet", "margin": 0.5}}]}
            """, to: "triplet.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let train = try TrainerHarness.run(["train", config, "--out", out, "--quiet"], mode: .inProcess)
        try #require(train.status == 0, "\(train)")
        return out
    }

    @Test("evaluate recomputes train's mean triplet loss (mining all, every triplet of 300 rows) and accuracy")
    func evaluateUsesTheEmbedding() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try Self.trainTriplet(in: folder)
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/triplet/summary.json", encoding: .utf8))
        let reportedLoss = try #require(summary["final"]?["train_loss"]?.numberValue)
        let reportedAccuracy = try #require(summary["final"]?["train_accuracy"]?.numberValue)
        let model = "\(out)/triplet/model.json", data = TrainerHarness.path("data/linear.csv")

        let evaluate = try TrainerHarness.run(["evaluate", model, data, "--json"], mode: .inProcess)
        try #require(evaluate.status == 0, "\(evaluate)")
        let evaluation = try JSONParser.parse(evaluate.output)
        let loss = try #require(evaluation["loss"]?.numberValue), accuracy = try #require(evaluation["accuracy"]?.numberValue)
        #expect(reportedLoss > 0 && abs(loss - reportedLoss) <= 1e-12 * reportedLoss, "train reported \(reportedLoss), evaluate recomputed \(loss)")
        #expect(accuracy == reportedAccuracy)

        let text = try TrainerHarness.run(["evaluate", model, data], mode: .inProcess)
        #expect(text.output.contains("(triplet, mean over the triplets of the embedded rows)"), "\(text.output)")
    }

    @Test("explain shows f = Vx and ‖f − c_k‖² instead of a triplet loss of the class scores; the nearest centroid is the top score")
    func explainShowsTheEmbedding() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try Self.trainTriplet(in: folder)
        let explain = try TrainerHarness.run(["explain", "\(out)/triplet/model.json", TrainerHarness.path("data/linear.csv"), "--rows", "4"],
                                             mode: .inProcess)
        try #require(explain.status == 0, "\(explain)")
        let lines = explain.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("embedding f1 = (Vx)1") } && lines.contains { $0.hasPrefix("embedding f2 = (Vx)2") }, "\(explain.output)")
        #expect(!explain.output.contains("(the model's)"), "no per-example triplet loss of class scores: \(explain.output)")
        func values(_ prefix: String) -> [[Double]] {
            lines.filter { $0.hasPrefix(prefix) }.map { line in
                line.split(separator: " ").suffix(4).compactMap { Double($0) }
            }
        }
        let distances = values("‖f − c("), scores = values("score ")
        try #require(distances.count == 3 && scores.count == 3 && (distances + scores).allSatisfy { $0.count == 4 }, "\(explain.output)")
        for example in 0..<4 {
            let nearest = (0..<3).min { distances[$0][example] < distances[$1][example] }
            let top = (0..<3).max { scores[$0][example] < scores[$1][example] }
            #expect(nearest == top, "example \(example): nearest centroid \(String(describing: nearest)), top score \(String(describing: top))")
        }
    }
}
