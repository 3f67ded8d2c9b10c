import Foundation
import Testing
import Training
import Datasets

@Suite("A run's folder — its split rebuilt from config.resolved.json, the held-out data")
struct RunFolderTests {
    /// Trains `config` (a CSV at `data` in `folder`) and writes its results to folder/out.
    static func trained(in folder: URL, csv: String, testFraction: Double = 0.25) throws -> (experiment: Experiment, results: [RunResult], out: String) {
        let data = folder.appendingPathComponent("data.csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: data))
        let experiment = try Experiment(configuration: TrainingFixtures.configuration(#"""
            {"seed": 11, "data": {"train": "\#(data)", "validation_fraction": 0.25, "test_fraction": \#(testFraction)},
             "optimizer": {"epochs": 2}, "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]}
            """#))
        let results = experiment.trainAll()
        let out = folder.appendingPathComponent("out").path
        try OutputFolder.write(OutputFolder.files(of: experiment, results: results), to: out, force: false)
        return (experiment, results, out)
    }

    @Test("each split rebuilt is the split the run trained and was measured on")
    func sameSplits() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = try String(contentsOfFile: TrainingFixtures.path("data/linear.csv"), encoding: .utf8)
        let (experiment, results, out) = try Self.trained(in: folder, csv: csv)
        let run = try RunFolder(path: out + "/softmax")
        for (name, original) in [(SplitName.train, experiment.data.train), (.validation, experiment.data.validation), (.test, experiment.data.test)] {
            let rebuilt = try run.split(name)
            #expect(rebuilt.labels == original?.labels && rebuilt.features == original?.features, "\(name)")
        }
        let metrics = run.model.metrics(on: try run.split(.validation))
        #expect(metrics.accuracy == results[1].validation?.accuracy)
        #expect(metrics.dataLoss == results[1].validation?.dataLoss)
    }

    @Test("errors: no folder, an experiment's folder, a split the config has not got, data changed since training")
    func errors() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = try String(contentsOfFile: TrainingFixtures.path("data/linear.csv"), encoding: .utf8)
        let (_, _, out) = try Self.trained(in: folder, csv: csv, testFraction: 0)
        #expect { try RunFolder(path: out + "/nothing") } throws: { "\($0)".contains("no such folder") }
        #expect { try RunFolder(path: out) } throws: { "\($0)".contains("name one of its runs, e.g. \(out)/softmax") }

        let run = try RunFolder(path: out + "/svm")
        #expect(throws: RunFolderError.noSuchSplit(path: out + "/svm", split: "test", available: ["train", "validation"])) {
            try run.split(.test)
        }
        // the data file edited after training: its statistics no longer match the model's
        try Data(csv.replacingOccurrences(of: "-1.458132", with: "-9.5").utf8).write(to: folder.appendingPathComponent("data.csv"))
        #expect { try RunFolder(path: out + "/svm") } throws: { "\($0)".contains("was the data file changed since training?") }
    }
}
