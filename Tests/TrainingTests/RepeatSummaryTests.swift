import Testing
@testable import Training

@Suite("Repeats — mean ± standard deviation over the seeds, wins, the mark by mean")
struct RepeatSummaryTests {
    typealias F = BestRunFixtures

    @Test("spread of 0.5, 0.6, 0.7: mean 0.6, s = √((0.01 + 0 + 0.01)/2) = 0.1; one value: s = 0")
    func spread() {
        let spread = Spread([0.5, 0.6, 0.7])
        #expect(abs(spread.mean - 0.6) < 1e-15)
        #expect(abs(spread.standardDeviation - 0.1) < 1e-15)
        #expect(Spread([0.3]).standardDeviation == 0)
    }

    /// Three seeds of svm and softmax with validation counts out of 60.
    static func seeds(_ counts: [(svm: Int, softmax: Int)]) -> [SeedResults] {
        counts.enumerated().map { seed, count in
            SeedResults(seed: UInt64(7 + seed), results: [F.result("svm", correct: count.svm), F.result("softmax", correct: count.softmax)], runCount: 2)
        }
    }

    @Test("issue 14's question over seeds: 34/30, 29/31, 30/30 → svm wins 1, softmax 1, one tie; the lead is within the noise")
    func flipsWithTheSeed() {
        let summary = RepeatSummary(Self.seeds([(34, 30), (29, 31), (30, 30)]))
        #expect(summary.seeds == [7, 8, 9] && summary.leftOut.isEmpty)
        #expect(summary.runs.map(\.wins) == [1, 1] && summary.tiedSeeds == 1)
        #expect(abs((summary.runs[0].validationAccuracy?.mean ?? 0) - 93.0 / 180) < 1e-15)
        guard case .best(0, let lead?) = BestRun.choose(summary) else {
            Issue.record("expected svm marked, got \(BestRun.choose(summary))")
            return
        }
        // differences 4/60, −2/60, 0: mean 1/90, s = √(((4−2/3)² + (−2−2/3)² + (2/3)²)/2)/60 = 3.05505/60
        #expect(abs(lead.difference - 1.0 / 90) < 1e-15)
        #expect(abs(lead.margin - 4.303 * (3.0550504633 / 60) / 3.0.squareRoot()) < 1e-9)
        #expect(lead.isWithinNoise && lead.rule == .seeds(3))
    }

    @Test("a consistent lead over seeds is beyond the noise even when small: 40/30, 41/30, 40/31")
    func consistentLead() {
        let summary = RepeatSummary(Self.seeds([(40, 30), (41, 30), (40, 31)]))
        guard case .best(0, let lead?) = BestRun.choose(summary) else {
            Issue.record("\(BestRun.choose(summary))")
            return
        }
        #expect(!lead.isWithinNoise)
        #expect(summary.runs[0].wins == 3)
    }

    @Test("a run that diverged in any seed is never marked; a seed cut short by Ctrl-C is left out of the means")
    func divergedAndInterrupted() {
        var seeds = Self.seeds([(50, 30), (50, 30)])
        seeds[1].results[0] = F.result("svm", correct: 50, stopped: .diverged(epoch: 2))
        let summary = RepeatSummary(seeds)
        #expect(summary.runs[0].divergedSeeds == 1)
        #expect(BestRun.choose(summary) == .best(index: 1, lead: nil))

        var cut = Self.seeds([(50, 30), (50, 30)])
        cut[1].results = [F.result("svm", correct: 10, stopped: .interrupted(epoch: 2))]
        let partial = RepeatSummary(cut)
        #expect(partial.seeds == [7] && partial.leftOut == [8])
        #expect(partial.runs[0].validationAccuracy?.values == [50.0 / 60])
    }
}
