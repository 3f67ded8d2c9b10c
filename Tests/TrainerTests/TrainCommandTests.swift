import Foundation
import Testing
@testable import trainer
import Training

@Suite("trainer train — --repeats, the honest mark, nothing left behind, the folder named at the end")
struct TrainCommandTests {
    static func config(_ extra: String = "") -> String {
        """
        {"seed": 7, "data": {"train": "\(TrainerHarness.path("data/spiral.csv"))"},
         "optimizer": {"epochs": 5, "batch_size": 32},
         "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]\(extra)}
        """
    }

    @Test("--repeats 3: seeds 7–9, mean ± sd and wins in the table, seed-S/ folders, one row per run and seed", arguments: TrainerMode.available)
    func repeats(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.config(), to: "c.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try TrainerHarness.run(["train", config, "--out", out, "--repeats", "3"], mode: mode)
        try #require(run.status == 0, "\(run)")
        #expect(run.errors.contains("Repeating every run with the seeds 7–9.") && run.errors.contains("Seed 8:"), "\(run.errors)")
        #expect(run.output.contains(" ± ") && run.output.contains("wins") && run.output.contains("over the 3 seeds 7–9"), "\(run.output)")
        #expect(run.output.contains("trainer evaluate \(out)/seed-7/svm --split validation"), "\(run.output)")
        for seed in 7...9 {
            for file in ["config.resolved.json", "comparison.csv", "svm/model.json", "softmax/summary.json"] {
                #expect(FileManager.default.fileExists(atPath: "\(out)/seed-\(seed)/\(file)"), "seed-\(seed)/\(file)")
            }
        }
        let rows = try String(contentsOfFile: "\(out)/comparison.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 7 && rows[0].hasPrefix("run,seed,"))
        let evaluate = try TrainerHarness.run(["evaluate", "\(out)/seed-8/softmax", "--split", "validation", "--json"], mode: mode)
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/seed-8/softmax/summary.json", encoding: .utf8))
        #expect(try JSONParser.parse(evaluate.output)["accuracy"] == summary["final"]?["validation_accuracy"], "\(evaluate)")
    }

    @Test("--repeats takes 1 to 1000", arguments: ["0", "-1", "many", "1001"])
    func badRepeats(value: String) throws {
        let run = try TrainerHarness.run(["train", "c.json", "--repeats", value], mode: .inProcess)
        #expect(run.status == 2 && run.errors.contains("--repeats '\(value)': expected an integer from 1 to 1000"), "\(run)")
    }

    @Test("issue 17: an output.dir of 5,000 characters exits 2 before training and creates nothing", arguments: TrainerMode.available)
    func longOutputDirectory(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = Array(repeating: "sweepruns", count: 500).joined(separator: "/")
        let config = try TrainerHarness.write(Self.config(#", "output": {"dir": "\#(folder.path)/runs/\#(long)"}"#), to: "c.json", in: folder)
        let run = try TrainerHarness.run(["train", config], mode: mode)
        #expect(run.status == 2, "\(run)")
        #expect(run.errors.contains("cannot write the results here: its files' paths would be")
                && run.errors.contains("more than the 4095 the system allows"), "\(run.errors)")
        #expect(run.errors.count < 400, "the path is shortened in the message: \(run.errors.count) characters")
        #expect(!run.errors.contains("initial loss"), "refused before training")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["c.json"], "no runs/sweepruns/… left behind")
        let name = try TrainerHarness.run(["train", config, "--out", folder.path + "/" + String(repeating: "n", count: 256)], mode: mode)
        #expect(name.status == 2 && name.errors.contains("longer than the 255 bytes"), "\(name)")
    }

    @Test("a run name with a space is quoted in the evaluate hint")
    func shellWord() {
        #expect(TrainCommand.shellWord("runs/x/svm,learning_rate=0.1") == "runs/x/svm,learning_rate=0.1")
        #expect(TrainCommand.shellWord("runs/x/my run") == "'runs/x/my run'")
        #expect(TrainCommand.shellWord("runs/it's") == "'runs/it'\\''s'")
    }

    @Test("in-process Ctrl-C (an interruption requested before training): nothing trained, nothing written, exit 130")
    func interruptedBeforeTraining() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.config(), to: "c.json", in: folder)
        let interruption = Interruption()
        interruption.request()
        let output = TextOutput.capturing(), errors = TextOutput.capturing()
        let status = Trainer.main(arguments: ["train", config, "--out", folder.path + "/out"], standardOutput: output, standardError: errors,
                                  environment: RunEnvironment(interruption: interruption))
        #expect(status == 130 && errors.text.contains("Interrupted before any run trained; nothing was written."), "\(errors.text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["c.json"])
    }

    @Test("runs trained both ways: a line gives the naive run's time as a multiple of the fast one's and how far their weights are apart")
    func naiveAgainstFast() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write("""
            {"seed": 7, "data": {"train": "\(TrainerHarness.path("data/spiral.csv"))"}, "loss": {"type": "softmax"},
             "optimizer": {"epochs": 3, "batch_size": 32},
             "runs": [{"name": "quick", "model": {"implementation": "fast"}}, {"name": "loops", "model": {"implementation": "naive"}}]}
            """, to: "c.json", in: folder)
        let run = try TrainerHarness.run(["train", config, "--out", folder.appendingPathComponent("out").path, "--quiet"], mode: .inProcess)
        try #require(run.status == 0, "\(run)")
        let line = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("Speed: loops (the readable loops) took ") }, "\(run.output)")
        #expect(line.contains("× the training time of quick (the fused kernels)"), "\(line)")
        let difference = try #require(line.split(separator: " ").firstIndex(of: "by").map { Double(line.split(separator: " ")[$0 + 1]) } ?? nil)
        #expect(difference < 1e-12, "\(line)")
    }
}
