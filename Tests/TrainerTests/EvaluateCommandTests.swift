import Foundation
import Testing
import Training

@Suite("trainer evaluate RUN_DIR --split — the held-out data, not the whole file")
struct EvaluateCommandTests {
    @Test("--split validation and test give the numbers train reported for those splits; the file gives others", arguments: TrainerMode.available)
    func heldOut(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = TrainerHarness.path("data/spiral.csv")
        let config = try TrainerHarness.write("""
            {"seed": 7, "data": {"train": "\(data)", "validation_fraction": 0.2, "test_fraction": 0.2},
             "optimizer": {"epochs": 20}, "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]}
            """, to: "c.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let train = try TrainerHarness.run(["train", config, "--out", out, "--quiet"], mode: mode)
        try #require(train.status == 0, "\(train)")
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/softmax/summary.json", encoding: .utf8))
        for split in ["train", "validation", "test"] {
            let run = try TrainerHarness.run(["evaluate", "\(out)/softmax", "--split", split, "--json"], mode: mode)
            try #require(run.status == 0, "\(run)")
            let result = try JSONParser.parse(run.output)
            #expect(result["accuracy"] == summary["final"]?["\(split)_accuracy"], "\(split)")
            #expect(result["loss"] == summary["final"]?["\(split)_loss"], "\(split)")
        }
        let text = try TrainerHarness.run(["evaluate", "\(out)/softmax", "--split", "validation"], mode: mode)
        let examples = 300 / 5  // 20 % of the 300 rows, stratified
        #expect(text.output.hasPrefix("\(out)/softmax, validation split: \(examples) examples\n"), "\(text.output)")
        #expect(text.output.contains("accuracy  ") && text.output.contains("% ("), "percent, as everywhere: \(text.output)")
        let whole = try TrainerHarness.run(["evaluate", "\(out)/softmax/model.json", data, "--json"], mode: mode)
        #expect(try JSONParser.parse(whole.output)["confusion"]?.arrayElements?.flatMap { $0.arrayElements ?? [] }
                    .compactMap(\.numberValue).reduce(0, +) == 300, "the whole file: all 300 rows")
    }

    // arguments, a phrase of the error
    static let badCommands: [([String], String)] = [
        (["evaluate", "/nonexistent/run", "--split", "validation"], "no such folder"),
        (["evaluate", TrainerHarness.path("Sources"), "--split", "validation"], "it has no model.json"),
        (["evaluate", "/nonexistent/run", "--split", "holdout"], "--split 'holdout': expected train, validation or test"),
        (["evaluate", "/nonexistent/run", "data.csv", "--split", "test"], "--split takes a run's folder only"),
        (["evaluate", "runs/x/svm"], "looks like a run's folder: add --split validation"),
        (["evaluate", "--split", "test"], "missing the run's folder"),
        (["evaluate", "runs/x/svm", "--split", "test", "--label-column", "y"], "--label-column does not apply to --split"),
    ]

    @Test("a folder that is not a run, a split that does not exist, a mix-up of forms: exit 2 and one sentence", arguments: badCommands)
    func errors(arguments: [String], phrase: String) throws {
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(arguments, mode: mode)
            #expect(run.status == 2 && run.errors.contains(phrase) && run.output.isEmpty, "\(mode) \(arguments): \(run)")
        }
    }
}
