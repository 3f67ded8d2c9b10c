import Foundation
import Testing
import Training

/// SPEC §5 and issue 17: Ctrl-C (SIGINT) or SIGTERM sent to the real `trainer` during `train`.
@Suite("Ctrl-C and SIGTERM during train — keep the work, exit 130", .serialized,
       .disabled(if: TrainerHarness.executable == nil, "the built trainer executable was not found: run `swift build`"))
struct InterruptSignalsTests {
    /// Two runs that would train for a very long time.
    static func longConfig(samples: Int, features: Int, batch: Int) -> String {
        """
        {"seed": 1, "data": {"train": {"generate": {"kind": "blobs", "samples": \(samples), "classes": 3, "features": \(features)}}},
         "optimizer": {"epochs": 1000000, "batch_size": \(batch)},
         "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]}
        """
    }

    @Test("one signal: the run in progress is interrupted at its epoch, the next skipped, every file written, exit 130",
          arguments: [SIGINT, SIGTERM])
    func once(signalNumber: Int32) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.longConfig(samples: 600, features: 5, batch: 4), to: "long.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let child = try TrainerHarness.Child(["train", config, "--out", out])
        defer { child.remove() }
        try #require(child.waitForErrors(containing: "softmax: initial loss"), "training never started: \(child.errors)")
        Thread.sleep(forTimeInterval: 0.5)  // into the first run's epochs
        kill(child.process.processIdentifier, signalNumber)
        let run = try child.finish()
        #expect(run.status == 130, "\(run)")
        #expect(run.output.contains("Interrupted: the results of what was done are in \(out)/"), "\(run.output)")
        #expect(run.errors.contains("Skipped after Ctrl-C: the run softmax."), "\(run.errors)")
        #expect(run.errors.contains("svm: interrupted during epoch"), "\(run.errors)")
        for file in ["config.resolved.json", "comparison.csv", "report.html", "svm/history.csv", "svm/model.json", "svm/summary.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(out)/softmax"), "a skipped run has no folder")
        let summary = try JSONParser.parse(try String(contentsOfFile: "\(out)/svm/summary.json", encoding: .utf8))
        #expect(summary["stopped"] == "interrupted")
        let epoch = try #require(summary["stopped_at_epoch"]?.numberValue)
        #expect(summary["epochs_run"]?.numberValue == epoch)
        let history = try String(contentsOfFile: "\(out)/svm/history.csv", encoding: .utf8).split(separator: "\n")
        #expect(history.last?.hasPrefix("\(Int(epoch)),") == true, "the last row is the epoch it stopped in")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["long.json", "out"], "no partial folder")
    }

    @Test("a second Ctrl-C stops at once and leaves nothing half-written")
    func twice() throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // full-batch steps on 20,000 × 50: the step, the evaluation and the report take long enough for the second signal
        let config = try TrainerHarness.write(Self.longConfig(samples: 20_000, features: 50, batch: 1_000_000), to: "heavy.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let child = try TrainerHarness.Child(["train", config, "--out", out])
        defer { child.remove() }
        try #require(child.waitForErrors(containing: "softmax: initial loss"), "training never started: \(child.errors)")
        kill(child.process.processIdentifier, SIGINT)
        try #require(child.waitForErrors(containing: "press Ctrl-C again"), "\(child.errors)")
        kill(child.process.processIdentifier, SIGINT)
        let run = try child.finish()
        #expect(run.status == 130, "\(run)")
        #expect(run.errors.contains("stopped at once; nothing half-written is left"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["heavy.json"], "no results, no partial folder")
    }
}
