import Testing
@testable import Training
@testable import Reports
import LinearAlgebra
import LinearModel

/// A run of the config `runs` entry `index`, trained `seconds` long to weights w (all entries) and
/// stopped as `stopped`.
private func result(_ config: String, run index: Int, seconds: Double, weight: Double = 1,
                    stopped: StopReason = .completed) throws -> RunResult {
    let configuration = try ConfigLoader.decode(text: config, file: "memory.json")
    var weights = Matrix(rows: 2, columns: 2)
    for i in 0..<2 { for j in 0..<2 { weights[i, j] = weight } }
    return RunResult(run: configuration.runs[index], classifier: LinearClassifier(weights: weights, bias: Matrix(rows: 2, columns: 1)),
                     history: [], stopReason: stopped, initialLoss: 1, expectedInitialLoss: 1, epochsRun: 10, trainingSeconds: seconds,
                     train: SplitMetrics(dataLoss: 0.5, accuracy: 0.5, confusion: []), validation: nil, test: nil)
}

private let bothWays = """
    {"data": {"train": "unused.csv"}, "loss": {"type": "softmax"},
     "runs": [{"name": "quick"}, {"name": "loops", "model": {"implementation": "naive"}},
              {"name": "other", "optimizer": {"learning_rate": 0.5}}, {"name": "other-loops", "optimizer": {"learning_rate": 0.5}, "model": {"implementation": "naive"}}]}
    """

@Suite("Comparison table — the naive run's speed against its fast twin")
struct ComparisonTableImplementationsTests {
    @Test("each naive run is paired with the fast run of the same config: t_naive / t_fast and max |Δθ| / max |θ|")
    func pairsTwins() throws {
        let results = [try result(bothWays, run: 0, seconds: 0.1), try result(bothWays, run: 1, seconds: 0.73, weight: 1 + 1e-15),  // 1 + 1.11e-15 in binary
                       try result(bothWays, run: 2, seconds: 0.2), try result(bothWays, run: 3, seconds: 0.5)]
        let lines = ComparisonTable.implementationLines(results)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("Speed: loops (the readable loops) took 7.3× the training time of quick (the fused kernels), 0.73 s against 0.10 s;") == true,
                "\(lines)")
        #expect(lines.first?.hasSuffix("differ by 1.1e-15 of the largest weight (rounding).") == true, "\(lines)")
        #expect(lines.last?.contains("took 2.5× the training time of other (") == true, "\(lines)")
    }

    @Test("no line without a fast twin of the same config, or when either run did not complete")
    func onlyCompletedTwins() throws {
        let twin = [try result(bothWays, run: 2, seconds: 0.1), try result(bothWays, run: 1, seconds: 0.5)]
        #expect(ComparisonTable.implementationLines(twin).isEmpty, "the fast run has another learning rate")
        let diverged = [try result(bothWays, run: 0, seconds: 0.1, stopped: .diverged(epoch: 3)), try result(bothWays, run: 1, seconds: 0.5)]
        #expect(ComparisonTable.implementationLines(diverged).isEmpty)
        let interrupted = [try result(bothWays, run: 0, seconds: 0.1), try result(bothWays, run: 1, seconds: 0.5, stopped: .interrupted(epoch: 2))]
        #expect(ComparisonTable.implementationLines(interrupted).isEmpty)
    }

    @Test("weights further apart than the tests' 1e-9 are not called rounding; a fast time of 0 gives n/a")
    func moreThanRounding() throws {
        let lines = ComparisonTable.implementationLines([try result(bothWays, run: 0, seconds: 0),
                                                         try result(bothWays, run: 1, seconds: 0.5, weight: 1.5)])
        #expect(lines == ["Speed: loops (the readable loops) took n/a the training time of quick (the fused kernels), 0.50 s against 0.00 s; "
                          + "their [W b] differ by 0.5 of the largest weight (more than the 1e-9 of rounding the tests allow)."])
    }
}
