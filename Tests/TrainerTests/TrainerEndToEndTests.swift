import Foundation
import Testing
import Training

/// `trainer` run as a student runs it: the built executable as a subprocess, and the same
/// commands in-process through `Trainer.main`. Small data, few epochs.
@Suite("trainer end to end — train, evaluate, predict, errors, output folders, gradcheck")
struct TrainerEndToEndTests {
    @Test("the built executable is found beside the tests (otherwise the subprocess cases are skipped)",
          .disabled(if: TrainerHarness.executable == nil, "the built trainer executable was not found: run `swift build`; subprocess cases skipped"))
    func executableFound() {
        #expect(TrainerMode.available.contains(.subprocess))
    }

    /// A two-run config on `data/linear.csv` with `extra` top-level members (comma-led or empty).
    static func tinyConfig(_ extra: String = "") -> String {
        """
        {"seed": 2, "data": {"train": "\(TrainerHarness.path("data/linear.csv"))", "validation_fraction": 0},
         "optimizer": {"epochs": 3, "batch_size": 32},
         "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]\(extra)}
        """
    }

    @Test("train → evaluate → predict: evaluate recomputes the numbers train reported from the saved model",
          arguments: TrainerMode.available)
    func roundTrip(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.tinyConfig(), to: "tiny.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let train = try TrainerHarness.run(["train", config, "--out", out], mode: mode)
        try #require(train.status == 0, "\(train)")
        #expect(train.output.contains("svm") && train.output.contains("softmax") && train.output.contains("Results in \(out)/"))
        #expect(train.errors.contains("initial loss") && train.errors.contains("expected ≈ 2.0000"), "the W ≈ 0 sanity check: (K − 1)·Δ = 2")
        for file in ["config.resolved.json", "comparison.csv", "report.html", "softmax/history.csv", "softmax/model.json", "softmax/summary.json", "svm/model.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/softmax/summary.json", encoding: .utf8))
        let reportedLoss = try #require(summary["final"]?["train_loss"]?.numberValue)
        let reportedAccuracy = try #require(summary["final"]?["train_accuracy"]?.numberValue)

        let model = "\(out)/softmax/model.json", data = TrainerHarness.path("data/linear.csv")
        let evaluate = try TrainerHarness.run(["evaluate", model, data, "--json"], mode: mode)
        try #require(evaluate.status == 0, "\(evaluate)")
        let evaluation = try JSONParser.parse(evaluate.output)
        let loss = try #require(evaluation["loss"]?.numberValue), accuracy = try #require(evaluation["accuracy"]?.numberValue)
        #expect(abs(loss - reportedLoss) <= 1e-12 * reportedLoss, "train reported \(reportedLoss), evaluate recomputed \(loss)")
        #expect(accuracy == reportedAccuracy)

        let predictions = folder.appendingPathComponent("predictions.csv").path
        let predict = try TrainerHarness.run(["predict", model, data, "--out", predictions, "--probabilities"], mode: mode)
        try #require(predict.status == 0, "\(predict)")
        let predicted = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n").dropFirst()
        let labels = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").last ?? "" }
        #expect(predicted.count == labels.count)
        let correct = zip(predicted, labels).filter { $0.0.split(separator: ",").first == $0.1 }.count
        #expect(Double(correct) / Double(labels.count) == accuracy, "predict's classes give evaluate's accuracy")
        let probabilities = predicted.first?.split(separator: ",").dropFirst().compactMap { Double($0) } ?? []
        #expect(probabilities.count == 3 && abs(probabilities.reduce(0, +) - 1) < 1e-4, "\(predicted.first ?? "")")
    }

    @Test("two trainings of one config write byte-identical history.csv and model.json", arguments: TrainerMode.available)
    func determinism(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.tinyConfig(), to: "tiny.json", in: folder)
        for out in ["a", "b"] {
            let run = try TrainerHarness.run(["train", config, "--out", folder.appendingPathComponent(out).path, "--quiet"], mode: mode)
            try #require(run.status == 0, "\(run)")
        }
        for file in ["svm/history.csv", "svm/model.json", "softmax/history.csv", "softmax/model.json", "config.resolved.json"] {
            let a = FileManager.default.contents(atPath: folder.appendingPathComponent("a/\(file)").path)
            let b = FileManager.default.contents(atPath: folder.appendingPathComponent("b/\(file)").path)
            #expect(a != nil && a == b, "\(file) differs between two trainings")
        }
    }

    // config members that make an error, and the key path the message must name
    static let configErrors: [(String, String)] = [
        (#""optimizer": {"learning_rte": 0.1}"#, "optimizer.learning_rte: unknown key; did you mean 'learning_rate'?"),
        (#""optimizer": {"learning_rate": 0}"#, "optimizer.learning_rate"),
        (#""optimizer": {"batch_size": 0}"#, "optimizer.batch_size"),
        (#""optimizer": {"epochs": -2}"#, "optimizer.epochs"),
        (#""loss": {"margin": -1}"#, "loss.margin"),
        (#""regularizer": {"type": "elastic_net", "l1_ratio": 2}"#, "regularizer.l1_ratio"),
        (#""loss": {"type": "hinge"}"#, "loss.type"),
        (#""loss": {"variant": "crammer"}"#, "loss.variant"),
        (#""loss": {"type": "svm", "sigma": 2}"#, "loss.sigma"),
        (#""runs": [{"name": "a"}, {"name": "b", "optimizer": {"learning_rate": -1}}]"#, "runs[1].optimizer.learning_rate"),
        (#""optimizer": {"epochs": "ten"}"#, "optimizer.epochs"),
        (#""seed": 1, "seed": 2"#, "line 1, column"),
    ]

    @Test("each config error: exit status 2 and one message on stderr naming the file and the key", arguments: configErrors)
    func configError(members: String, key: String) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(#"{"data": {"train": "a.csv"}, \#(members)}"#, to: "bad.json", in: folder)
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(["train", config, "--out", folder.appendingPathComponent("out").path], mode: mode)
            #expect(run.status == 2, "\(mode): \(run)")
            #expect(run.errors.hasPrefix("error: \(config): ") && run.errors.contains(key), "\(mode): \(run.errors)")
            #expect(run.output.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
    }

    @Test("--set is validated like the file: runs[1].loss.type=softmax works, a bad value exits 2", arguments: TrainerMode.available)
    func setOverride(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.tinyConfig(), to: "tiny.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let good = try TrainerHarness.run(["train", config, "--out", out, "--quiet", "--set", "runs[1].loss.type=mse", "--set", "optimizer.epochs=1"], mode: mode)
        try #require(good.status == 0, "\(good)")
        let resolved = try JSONParser.parse(try String(contentsOfFile: "\(out)/config.resolved.json", encoding: .utf8))
        #expect(resolved["runs"]?.arrayElements?[1]["loss"] == ["type": "mse"])
        #expect(resolved["runs"]?.arrayElements?[0]["optimizer"]?["epochs"] == 1)
        let bad = try TrainerHarness.run(["train", config, "--out", out + "2", "--set", "optimizer.batch_size=0"], mode: mode)
        #expect(bad.status == 2 && bad.errors.contains("optimizer.batch_size"), "\(bad)")
        let malformed = try TrainerHarness.run(["train", config, "--out", out + "3", "--set", "optimizer.epochs"], mode: mode)
        #expect(malformed.status == 2 && malformed.errors.contains("PATH=VALUE"), "\(malformed)")
    }

    @Test("a diverging run next to a healthy one: exit 0, the table says diverged, the healthy run completes",
          arguments: TrainerMode.available)
    func divergingRun(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write("""
            {"seed": 1, "data": {"train": "\(TrainerHarness.path("data/linear.csv"))"}, "loss": {"type": "softmax"},
             "optimizer": {"epochs": 30},
             "runs": [{"name": "healthy"}, {"name": "diverging", "optimizer": {"learning_rate": 1e6}, "regularizer": {"strength": 1}}]}
            """, to: "lr.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try TrainerHarness.run(["train", config, "--out", out], mode: mode)
        #expect(run.status == 0, "\(run)")
        let rows = run.output.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("diverging") && $0.contains("diverged") }, "\(run.output)")
        #expect(rows.contains { $0.hasPrefix("healthy") && $0.contains("completed") }, "\(run.output)")
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/diverging/summary.json", encoding: .utf8))
        #expect(summary["stopped"] == "diverged")
        let model = try ModelFile.read(path: "\(out)/diverging/model.json")
        #expect(model.classifier.weights.isFinite, "the last finite weights are kept")
    }

    @Test("an existing --out folder is kept (exit 2); --force replaces earlier results only; a taken output.dir moves on to NAME-2",
          arguments: TrainerMode.available)
    func outputFolders(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes").path
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        try TrainerHarness.write("keep me", to: "notes/notes.txt", in: folder)
        let config = try TrainerHarness.write(Self.tinyConfig(#", "output": {"dir": "\#(folder.path)/results"}"#), to: "tiny.json", in: folder)

        let refused = try TrainerHarness.run(["train", config, "--out", notes, "--quiet"], mode: mode)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.errors.contains(notes) && refused.errors.contains("--force"), "\(refused.errors)")
        let notResults = try TrainerHarness.run(["train", config, "--out", notes, "--quiet", "--force"], mode: mode)
        #expect(notResults.status == 2 && notResults.errors.contains("earlier results"), "\(notResults)")
        #expect(FileManager.default.fileExists(atPath: "\(notes)/notes.txt"), "a folder of other files is never deleted")
        let empty = try TrainerHarness.run(["train", config, "--out", "", "--quiet", "--force"], mode: mode)
        #expect(empty.status == 2, "\(empty)")

        let out = folder.appendingPathComponent("out").path
        let fresh = try TrainerHarness.run(["train", config, "--out", out, "--quiet"], mode: mode)
        let again = try TrainerHarness.run(["train", config, "--out", out, "--quiet"], mode: mode)
        try TrainerHarness.write("stale", to: "out/stale.txt", in: folder)
        let forced = try TrainerHarness.run(["train", config, "--out", out, "--quiet", "--force"], mode: mode)
        #expect(fresh.status == 0 && again.status == 2 && forced.status == 0, "\(fresh)\n\(again)\n\(forced)")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/stale.txt") && FileManager.default.fileExists(atPath: "\(out)/svm/model.json"))

        let first = try TrainerHarness.run(["train", config, "--quiet"], mode: mode)
        let second = try TrainerHarness.run(["train", config, "--quiet"], mode: mode)
        #expect(first.status == 0 && second.status == 0, "\(first)\n\(second)")
        #expect(first.output.contains("Results in \(folder.path)/results/"), "\(first.output)")
        #expect(second.output.contains("Results in \(folder.path)/results-2/"), "\(second.output)")
        #expect(FileManager.default.fileExists(atPath: "\(folder.path)/results-2/softmax/model.json"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary folder left behind: \(leftovers)")
    }

    static let gradcheckLosses = [
        #"{"type": "svm"}"#, #"{"type": "svm", "variant": "crammer_singer"}"#, #"{"type": "svm", "variant": "one_vs_rest", "squared": true}"#,
        #"{"type": "softmax"}"#, #"{"type": "mse"}"#, #"{"type": "sigmoid"}"#, #"{"type": "gaussian_nll", "sigma": 0.5}"#,
    ]

    @Test("gradcheck exits 0 on every loss, with and without the regularizer", arguments: gradcheckLosses)
    func gradcheck(loss: String) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write("""
            {"data": {"train": "\(TrainerHarness.path("data/blobs.csv"))"}, "loss": \(loss), "regularizer": {"type": "l2", "strength": 0.01}}
            """, to: "g.json", in: folder)
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(["gradcheck", config, "--checks", "6"], mode: mode)
            #expect(run.status == 0, "\(mode) \(loss): \(run)")
            #expect(run.output.contains("λ = 0") && run.output.contains("l2 λ = 0.01"), "\(run.output)")
        }
    }

    @Test("gradcheck prints each run's expected initial loss: ln K for softmax, α for triplet (SPEC §3.1)")
    func gradcheckPrintsExpectedInitialLoss() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write("""
            {"data": {"train": "\(TrainerHarness.path("data/blobs.csv"))"},
             "runs": [{"name": "softmax", "loss": {"type": "softmax"}}, {"name": "triplet", "loss": {"type": "triplet", "margin": 0.5}}]}
            """, to: "g.json", in: folder)
        let run = try TrainerHarness.run(["gradcheck", config, "--checks", "4"], mode: .inProcess)
        #expect(run.status == 0, "\(run)")
        // data/blobs.csv has K = 3 classes: ln 3 = 1.0986.
        #expect(run.output.contains("softmax: initial loss expected ≈ 1.0986 at W ≈ 0 (ln K)"), "\(run.output)")
        #expect(run.output.contains("triplet: initial loss expected ≈ 0.5000 at V ≈ 0 (α)"), "\(run.output)")
    }
}
