import LinearModel
import Training

/// The line under the comparison table for runs trained both ways (`model.implementation`):
/// cs231n's "naive against vectorized" lesson, with this machine's numbers.
extension ComparisonTable {
    /// How far apart the weights of the two paths may end and still be called rounding: the
    /// tolerance of the tests that train every loss both ways.
    public static let roundingTolerance = 1e-9

    /// One line per naive run that has a fast twin (a run whose resolved config differs only in
    /// its name and `model.implementation`) and that, like its twin, completed every epoch: how
    /// many times longer its training took, t_naive / t_fast, and how far apart the two [W b]
    /// ended, max |θ_naive − θ_fast| / max |θ_fast|. For one seed's table (not `--repeats`).
    public static func implementationLines(_ results: [RunResult]) -> [String] {
        var lines: [String] = []
        for naive in results where naive.run.implementation == .naive && naive.stopReason == .completed {
            let naiveConfig = withoutIdentity(naive.run.resolved)
            if let fast = results.first(where: { isFastTwin($0, of: naive, naiveConfig: naiveConfig) }) {
                lines.append(speedLine(naive: naive, fast: fast))
            }
        }
        return lines
    }

    /// Whether `candidate` is the fast run of `naive`'s config, and completed as many epochs;
    /// `naiveConfig` is `withoutIdentity(naive.run.resolved)`, made once per naive run rather than
    /// once per candidate.
    static func isFastTwin(_ candidate: RunResult, of naive: RunResult, naiveConfig: JSONValue) -> Bool {
        candidate.run.implementation == .fast && candidate.stopReason == .completed && candidate.epochsRun == naive.epochsRun
            && withoutIdentity(candidate.run.resolved) == naiveConfig
    }

    /// A run's resolved config without what names it and which path trains it.
    static func withoutIdentity(_ resolved: JSONValue) -> JSONValue {
        let model = resolved["model"].map { $0.setting("implementation", to: .null) } ?? .null
        return resolved.setting("name", to: .null).setting("model", to: model)
    }

    static func speedLine(naive: RunResult, fast: RunResult) -> String {
        let ratio = fast.trainingSeconds > 0 ? formatFixed(naive.trainingSeconds / fast.trainingSeconds, decimals: 1) + "×" : "n/a"
        let seconds = "\(formatFixed(naive.trainingSeconds, decimals: 2)) s against \(formatFixed(fast.trainingSeconds, decimals: 2)) s"
        let difference = relativeDifference(naive.classifier, fast.classifier)
        let verdict = difference <= roundingTolerance ? "rounding" : "more than the \(formatSignificant(roundingTolerance)) of rounding the tests allow"
        return "Speed: \(naive.run.name) (the readable loops) took \(ratio) the training time of \(fast.run.name) (the fused kernels), "
            + "\(seconds); their [W b] differ by \(formatSignificant(difference, digits: 2)) of the largest weight (\(verdict))."
    }

    /// max over [W b] of |a − b|, divided by the largest |b| (or undivided when b is all zeros).
    /// - Complexity: O(K·D).
    static func relativeDifference(_ a: LinearClassifier, _ b: LinearClassifier) -> Double {
        let first = a.weights.elements + a.bias.elements, second = b.weights.elements + b.bias.elements
        guard first.count == second.count else { return .infinity }
        var largest = 0.0, difference = 0.0
        for (x, y) in zip(first, second) {
            largest = max(largest, Swift.abs(y))
            difference = max(difference, Swift.abs(x - y))
        }
        return largest > 0 ? difference / largest : difference
    }
}
