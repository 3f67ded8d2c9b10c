import Testing
@testable import Training
import LinearModel
import LinearAlgebra

/// Results with chosen validation accuracies, for the best mark: `count` validation examples, the
/// accuracy `correct/count`, and how the run stopped.
enum BestRunFixtures {
    static let run = try! TrainingFixtures.configuration(TrainingFixtures.linearConfig("")).runs[0]

    static func result(_ name: String, correct: Int?, of count: Int = 60, stopped: StopReason = .completed) -> RunResult {
        var run = run
        run.name = name
        let validation = correct.map { correct in
            // a 2-class confusion matrix with `correct` on the diagonal and `count` in all
            SplitMetrics(dataLoss: 0.5, accuracy: Double(correct) / Double(count), confusion: [[correct, count - correct], [0, 0]])
        }
        return RunResult(run: run, classifier: LinearClassifier(weights: Matrix(rows: 2, columns: 2), bias: Matrix(rows: 2, columns: 1)), history: [], stopReason: stopped,
                         initialLoss: 1, expectedInitialLoss: 1, epochsRun: 10, trainingSeconds: 0,
                         train: SplitMetrics(dataLoss: 0.5, accuracy: 0.5, confusion: []), validation: validation, test: nil)
    }
}

@Suite("The best mark — only when there is something to choose, with the lead beside the noise")
struct BestRunTests {
    typealias F = BestRunFixtures

    @Test("issue 14: 34 vs 30 of 60 (a 4-example lead) is marked but within the two-proportion noise, ±17.8 points")
    func mainJob() {
        let choice = BestRun.choose([F.result("svm", correct: 34), F.result("softmax", correct: 30)])
        guard case .best(let index, let lead?) = choice else {
            Issue.record("expected a mark with a lead, got \(choice)")
            return
        }
        // by hand: p₁ = 34/60, p₂ = 1/2, 1.96·√(p₁(1 − p₁)/60 + p₂(1 − p₂)/60) = 1.96·√(0.0040926 + 0.0041667) = 0.1781257
        #expect(index == 0 && lead.runnerUp == 1)
        #expect(abs(lead.difference - 4.0 / 60) < 1e-15)
        #expect(abs(lead.margin - 0.1781257) < 1e-7, "margin \(lead.margin)")
        #expect(lead.isWithinNoise && lead.rule == .validationExamples(60))
    }

    @Test("a lead beyond the noise: 57 vs 30 of 60")
    func clearLead() {
        let choice = BestRun.choose([F.result("svm", correct: 30), F.result("softmax", correct: 57)])
        #expect(choice.markedIndex == 1)
        if case .best(_, let lead?) = choice { #expect(!lead.isWithinNoise) } else { Issue.record("\(choice)") }
    }

    @Test("never a diverged run: both diverged → no mark; one diverged → the other, with no lead to weigh")
    func diverged() {
        #expect(BestRun.choose([F.result("svm", correct: 5, stopped: .diverged(epoch: 3)),
                                F.result("softmax", correct: 2, stopped: .diverged(epoch: 4))]) == .noCandidate)
        #expect(BestRun.choose([F.result("svm", correct: 50, stopped: .diverged(epoch: 3)),
                                F.result("softmax", correct: 20)]) == .best(index: 1, lead: nil))
        #expect(BestRun.choose([F.result("svm", correct: 50, stopped: .interrupted(epoch: 3)),
                                F.result("softmax", correct: 20), F.result("mse", correct: 10)]).markedIndex == 1,
                "an interrupted run is not compared either")
    }

    @Test("no mark for a single run, a tie, or no validation split")
    func nothingToChoose() {
        #expect(BestRun.choose([F.result("svm", correct: 50)]) == .single)
        #expect(BestRun.choose([F.result("a", correct: 50), F.result("b", correct: 50), F.result("c", correct: 10)])
                == .tie(indices: [0, 1], accuracy: 50.0 / 60))
        #expect(BestRun.choose([F.result("a", correct: nil), F.result("b", correct: nil)]) == .noValidation)
        #expect(BestRun.winner(among: [F.result("a", correct: 50), F.result("b", correct: 50)]) == nil)
        #expect(BestRun.isTie([F.result("a", correct: 50), F.result("b", correct: 50)]))
    }

    // degrees of freedom, t₀.₉₇₅ (tables of Student's t)
    @Test("Student's t quantiles", arguments: [(1, 12.706), (2, 4.303), (4, 2.776), (9, 2.262), (30, 2.042), (45, 2.0), (100, 1.98), (1000, 1.96)])
    func studentQuantiles(degrees: Int, expected: Double) {
        #expect(BestRun.studentQuantile(degreesOfFreedom: degrees) == expected)
    }

    @Test("paired margin: differences 0.1, 0.05, 0 → t₀.₉₇₅(2)·s_d/√3 = 4.303·0.05/√3 = 0.124217")
    func pairedMargin() {
        #expect(abs(BestRun.pairedMargin([0.1, 0.05, 0]) - 4.303 * 0.05 / 3.0.squareRoot()) < 1e-12)
        #expect(abs(BestRun.pairedMargin([0.1, 0.05, 0]) - 0.124217) < 1e-6)
    }

    @Test("two-proportion margin: 0 examples give no evidence (∞); p = 1 against p = 1 − 1/n")
    func twoProportionEdges() {
        #expect(BestRun.twoProportionMargin(1, 0.9, count: 0) == .infinity)
        // 1.96·√(0 + 0.98·0.02/50) = 0.0388065
        #expect(abs(BestRun.twoProportionMargin(1, 0.98, count: 50) - 0.0388065) < 1e-6)
    }
}
