import Foundation
import Testing
import Training

@Suite("--repeats N — every run with the seeds seed … seed + N − 1, each seed's files in seed-S/")
struct RepeatedExperimentTests {
    static func configFile(in folder: URL, _ body: String = "") throws -> String {
        let path = folder.appendingPathComponent("repeat.json").path
        try Data(TrainingFixtures.linearConfig(#"""
            , "optimizer": {"epochs": 2, "batch_size": 32}, "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]\#(body)
            """#).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("3 seeds: configs differ only in seed; seed 4's runs are the runs of --set seed=4; files per seed and at the top")
    func threeSeeds() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.configFile(in: folder)
        let repeated = try RepeatedExperiment.load(file: file, repeats: 3)
        #expect(repeated.configurations.map(\.seed) == [3, 4, 5] && repeated.isRepeated)
        var loaded: [UInt64] = []
        let outcome = try repeated.train(hooks: TrainingHooks()) { loaded.append($0.configuration.seed) }
        #expect(loaded == [3, 4, 5] && outcome.seeds.map(\.seed) == [3, 4, 5] && !outcome.wasInterrupted)

        let single = try Experiment(configuration: ConfigLoader.load(file: file, overrides: ["seed=4"]))
        let alone = single.trainAll()
        for (a, b) in zip(outcome.seeds[1].results, alone) {
            #expect(a.classifier.weights == b.classifier.weights && a.history == b.history, "seed 4, run \(a.run.name)")
        }
        let paths = outcome.files.map(\.path)
        for seed in [3, 4, 5] {
            for file in ["config.resolved.json", "comparison.csv", "svm/model.json", "softmax/history.csv", "softmax/summary.json"] {
                #expect(paths.contains("seed-\(seed)/\(file)"), "seed-\(seed)/\(file)")
            }
        }
        #expect(paths.contains("config.resolved.json") && paths.contains("comparison.csv"))
        #expect(!paths.contains("svm/model.json"), "no run folder at the top under repeats")
        let top = try JSONParser.parse(try #require(outcome.files.first { $0.path == "config.resolved.json" }).text)
        #expect(top["repeats"] == 3 && top["seed"] == 3)
        let seed4 = try JSONParser.parse(try #require(outcome.files.first { $0.path == "seed-4/config.resolved.json" }).text)
        #expect(seed4["seed"] == 4 && seed4["repeats"] == nil)
        let rows = try #require(outcome.files.first { $0.path == "comparison.csv" }).text.split(separator: "\n")
        #expect(rows.count == 7, "a header and one row per run and seed")
        #expect(rows.dropFirst().map { $0.split(separator: ",")[1] } == ["3", "3", "4", "4", "5", "5"])
        #expect(outcome.summary.runs.count == 2 && outcome.summary.seeds == [3, 4, 5])
    }

    @Test("--repeats 1 is the single training: SPEC §6's layout, unchanged")
    func oneSeed() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repeated = try RepeatedExperiment.load(file: try Self.configFile(in: folder), repeats: 1)
        let outcome = try repeated.train(hooks: TrainingHooks())
        let experiment = try #require(outcome.experiment)
        let expected = OutputFolder.files(of: experiment, results: experiment.trainAll())
        #expect(outcome.files.map(\.path) == expected.map(\.path))
        #expect(outcome.files.filter { !$0.path.hasSuffix("summary.json") && $0.path != "comparison.csv" }.map(\.text)
                == expected.filter { !$0.path.hasSuffix("summary.json") && $0.path != "comparison.csv" }.map(\.text))
    }

    @Test("Ctrl-C in the second seed: its second run and the third seed are skipped, the rest kept")
    func interrupted() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repeated = try RepeatedExperiment.load(file: try Self.configFile(in: folder), repeats: 3)
        let interruption = Interruption()
        var seed: UInt64 = 0
        let hooks = TrainingHooks(progress: { if seed == 4 && $0.epoch == 1 { interruption.request() } }, interruption: interruption)
        let outcome = try repeated.train(hooks: hooks) { seed = $0.configuration.seed }
        #expect(outcome.wasInterrupted)
        #expect(outcome.seeds.map(\.seed) == [3, 4])
        #expect(outcome.seeds[1].results.map(\.stopReason) == [.interrupted(epoch: 2)])
        #expect(!outcome.seeds[1].isComplete && outcome.seeds[0].isComplete)
        #expect(outcome.summary.seeds == [3] && outcome.summary.leftOut == [4])
        #expect(outcome.files.contains { $0.path == "seed-4/svm/summary.json" })
        #expect(!outcome.files.contains { $0.path.hasPrefix("seed-4/softmax/") || $0.path.hasPrefix("seed-5/") })
    }

    @Test("a seed past the schema's range is a config error naming the seed")
    func seedOutOfRange() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.configFile(in: folder)
        #expect(throws: ConfigError.self) {
            try RepeatedExperiment.load(file: file, overrides: ["seed=9007199254740991"], repeats: 2)
        }
    }
}
