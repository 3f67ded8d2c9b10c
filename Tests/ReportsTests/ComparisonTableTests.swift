import Testing
@testable import Training
import Reports
import LinearAlgebra
import LinearModel

/// Results with chosen settings and validation counts out of 60, for the table.
private func result(_ name: String, correct: Int, momentum: Double = 0.9, loss: String = "svm",
                    stopped: StopReason = .completed) throws -> RunResult {
    let configuration = try ConfigLoader.decode(text: """
        {"data": {"train": "unused.csv"}, "loss": {"type": "\(loss)"}, "optimizer": {"momentum": \(momentum), "learning_rate": 0.016666666666666666}}
        """, file: "memory.json")
    var run = configuration.runs[0]
    run.name = name
    let validation = SplitMetrics(dataLoss: 0.5, accuracy: Double(correct) / 60, confusion: [[correct, 60 - correct], [0, 0]])
    var weights = Matrix(rows: 2, columns: 2)
    for i in 0..<2 { for j in 0..<2 { weights[i, j] = 1 } }
    return RunResult(run: run, classifier: LinearClassifier(weights: weights, bias: Matrix(rows: 2, columns: 1)),
                     history: [EpochRecord(epoch: 100, learningRate: 0.1, loss: 0.75, dataLoss: 0.7, regularizationLoss: 0.05,
                                           trainAccuracy: 0.5, validationLoss: 0.5, validationAccuracy: validation.accuracy)],
                     stopReason: stopped, initialLoss: 1, expectedInitialLoss: 1, epochsRun: 100, trainingSeconds: Double(correct) / 100,
                     train: SplitMetrics(dataLoss: 0.5, accuracy: 0.5, confusion: []), validation: validation, test: nil)
}

@Suite("Comparison table — the columns that differ, one accuracy format, the honest mark, any width")
struct ComparisonTableTests {
    @Test("momentum shows only where runs differ; lr at four significant digits; accuracies in percent")
    func columns() throws {
        let same = ComparisonTable.table([try result("svm", correct: 34), try result("softmax", correct: 30, loss: "softmax")])
        #expect(same.columns.map(\.header) == ["run", "loss", "regularizer", "lr", "epochs", "stopped", "train acc", "val acc",
                                              "final loss", "seconds"])
        #expect(same.rows[0].cells == ["svm", "svm weston_watkins Δ=1", "l2 λ=0.001", "0.01667", "100", "completed", "50.0%",
                                       "56.7%", "0.7500", "0.34"])
        #expect(same.rows[0].marker == "★" && same.rows[1].marker == nil)
        let differing = ComparisonTable.table([try result("a", correct: 34), try result("b", correct: 30, momentum: 0)])
        #expect(differing.columns.map(\.header).contains("momentum"))
        #expect(!differing.columns.map(\.header).contains("batch"))
        #expect(differing.rows.map { $0.cells[4] } == ["0.9", "0"])
    }

    @Test("the note under the table: within the noise (issue 14's 4 of 60), a tie, a diverged run")
    func notes() throws {
        let noise = ComparisonTable.render([try result("svm", correct: 34), try result("softmax", correct: 30)])
        #expect(noise.contains("★ svm has the best validation accuracy, 56.7% against 50.0% for softmax, but a lead of 4 of 60 examples is within the noise"))
        #expect(noise.contains("±17.8 points"))
        let tie = ComparisonTable.render([try result("svm", correct: 30), try result("softmax", correct: 30)])
        #expect(tie.contains("No best mark: svm and softmax tie at 50.0% validation accuracy.") && !tie.contains("★"))
        let diverged = ComparisonTable.table([try result("svm", correct: 50, stopped: .diverged(epoch: 2)), try result("softmax", correct: 30)])
        #expect(diverged.rows.map(\.marker) == [nil, "★"])
        #expect(!ComparisonTable.render([try result("svm", correct: 30)]).contains("★"), "a single run")
    }

    @Test("COLUMNS = 80 and 40: no line wider; the dropped columns named, with the CSV's path", arguments: [80, 60, 40, 20])
    func fitsWidth(width: Int) throws {
        let results = try (0..<6).map { try result("svm,learning_rate=0.0\($0),strength=0.001", correct: 30 + $0, momentum: Double($0) / 10) }
        let text = ComparisonTable.render(results, width: width, csvPath: "runs/sweep/comparison.csv")
        for line in text.split(separator: "\n") {
            #expect(line.count <= width, "width \(width): '\(line)'")
        }
        #expect(text.contains("★"))
        #expect(text.filter { $0 != "\n" && $0 != " " }.contains("Everyrunhasloss:svmweston_watkinsΔ=1;"), "\(text)")
        if width == 80 {
            #expect(text.hasPrefix("run  ") && !text.contains("Not shown"), "only shared columns dropped: \(text)")
        } else if width == 60 {
            #expect(text.filter { $0 != "\n" && $0 != " " }.contains("Notshownatthiswidth:seconds;thefulltableisinruns/sweep/comparison.csv."), "\(text)")
        } else {
            // too narrow for the run names and a number: a block per run without the shared settings
            #expect(!text.contains("  loss ") && text.contains("  seconds "), "\(text)")
        }
    }

    @Test("repeats: mean ± sd over the seeds, wins, the mark by mean with the paired rule")
    func repeats() throws {
        let seeds = try [(34, 30), (29, 31), (30, 30)].enumerated().map { seed, counts in
            SeedResults(seed: UInt64(7 + seed), results: [try result("svm", correct: counts.0), try result("softmax", correct: counts.1, loss: "softmax")],
                        runCount: 2)
        }
        let summary = RepeatSummary(seeds)
        let table = ComparisonTable.table(summary)
        #expect(table.columns.map(\.header).contains("wins"))
        let svm = try #require(table.rows.first)
        #expect(svm.cells.contains("51.7 ± 4.4%"), "mean 31/60, s = √((3² + 2² + 1²)/2)/60 = 4.4 points: \(svm.cells)")
        #expect(svm.cells.contains("1/3") && svm.marker == "★")
        let text = ComparisonTable.render(summary)
        #expect(text.contains("over the 3 seeds 7–9") && text.contains("(1 seed had a tie)"))
        #expect(text.contains("within the seed-to-seed noise (paired t-test"))
    }

    @Test("a confusion matrix too wide for the terminal becomes one line per true class")
    func confusionNarrow() {
        let names = (0..<10).map { "class\($0)" }
        let matrix = (0..<10).map { i in (0..<10).map { $0 == i ? 90 : 1 } }
        #expect(ComparisonTable.confusion(matrix, classNames: names, width: 200) == ComparisonTable.confusion(matrix, classNames: names))
        let narrow = ComparisonTable.confusion(matrix, classNames: names, width: 40)
        #expect(narrow.hasPrefix("true class0 → predicted class0 90,"))
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }
}
