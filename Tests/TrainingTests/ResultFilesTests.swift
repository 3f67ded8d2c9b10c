import Testing
import Training

@Suite("comparison.csv and summary.json — columns a script can filter on")
struct ResultFilesTests {
    @Test("comparison.csv: numeric settings, margin empty where the loss has none, a column per sweep path, the seed")
    func comparisonColumns() throws {
        let experiment = try Experiment(configuration: TrainingFixtures.configuration(TrainingFixtures.linearConfig(#"""
            , "optimizer": {"epochs": 1, "momentum": 0.5, "schedule": {"type": "step", "every": 3, "gamma": 0.5}},
            "runs": [{"name": "svm", "loss": {"margin": 2}}, {"name": "softmax", "loss": {"type": "softmax"}}],
            "sweep": {"optimizer.learning_rate": [0.016666666666666666, 0.1], "regularizer.strength": [0, 0.01]}
            """#)))
        let results = experiment.trainAll()
        let csv = ResultFiles.comparisonCSV(results, seed: 3)
        let rows = csv.split(separator: "\n").map { Self.fields(String($0)) }
        let header = rows[0]
        #expect(header == ResultFiles.comparisonSettingColumns + ["optimizer.learning_rate", "regularizer.strength"]
                + ResultFiles.comparisonOutcomeColumns)
        #expect(rows.count == 1 + 8)
        func column(_ name: String) -> [String] {
            let index = header.firstIndex(of: name) ?? 0
            return rows.dropFirst().map { $0[index] }
        }
        #expect(column("seed") == Array(repeating: "3", count: 8))
        #expect(column("learning_rate") == ["0.016666666666666666", "0.016666666666666666", "0.1", "0.1",
                                            "0.016666666666666666", "0.016666666666666666", "0.1", "0.1"])
        #expect(column("optimizer.learning_rate") == column("learning_rate"))
        #expect(column("strength") == ["0", "0.01", "0", "0.01", "0", "0.01", "0", "0.01"])
        #expect(column("margin") == ["2", "2", "2", "2", "", "", "", ""])
        #expect(column("momentum").allSatisfy { $0 == "0.5" } && column("batch_size").allSatisfy { $0 == "32" })
        #expect(column("schedule").allSatisfy { $0 == "step every 3 γ=0.5" })
        #expect(column("loss") == ["svm weston_watkins", "svm weston_watkins", "svm weston_watkins", "svm weston_watkins",
                                   "softmax", "softmax", "softmax", "softmax"])
        for (value, result) in zip(column("validation_accuracy"), results) {
            #expect(Double(value) == result.validation?.accuracy, "full precision: \(value)")
        }
    }

    /// The fields of one CSV line, quotes undone ("a,b" is one field).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character = " "
        for character in line {
            if character == "\"" {
                if quoted && previous == "\"" { field.append("\"") }
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    @Test("the best point of a sweep: highest validation accuracy, ties to the first point, never a diverged or interrupted one")
    func bestSweepPoint() {
        func point(_ rate: Double, correct: Int, stopped: StopReason = .completed, base: String = "svm") -> RunResult {
            var result = BestRunFixtures.result("\(base),learning_rate=\(rate)", correct: correct, stopped: stopped)
            result.run.baseName = base
            result.run.sweepPoint = [("optimizer.learning_rate", .number(rate))]
            return result
        }
        let results = [point(0.01, correct: 40), point(0.1, correct: 50), point(1, correct: 50), point(10, correct: 58, stopped: .diverged(epoch: 3)),
                       point(0.01, correct: 30, stopped: .interrupted(epoch: 2), base: "softmax")]
        let best = ResultFiles.bestSweepPoints(results)
        #expect(best.map(\.run) == ["svm"], "softmax's only point was interrupted")
        #expect(best.first?.best.run.name == "svm,learning_rate=0.1")
    }

    @Test("summary.json: stopped is one word; an interrupted run says at which epoch")
    func summaryStopped() throws {
        let result = BestRunFixtures.result("svm", correct: 3, stopped: .interrupted(epoch: 12))
        let summary = ResultFiles.summary(result)
        #expect(summary["stopped"] == "interrupted" && summary["stopped_at_epoch"] == 12)
        #expect(ResultFiles.summary(BestRunFixtures.result("svm", correct: 3))["stopped"] == "completed")
        #expect(ResultFiles.summary(BestRunFixtures.result("svm", correct: 3, stopped: .earlyStopping(bestEpoch: 4)))["best_epoch"] == 4)
    }
}
