import LinearModel
import Training

/// The line under the comparison table for runs trained both ways (`model.implementation`):
/// cs231n's "naive against vectorized" lesson, with this machine's numbers.
extension ComparisonTable {
    /// One line per naive run that has a fast twin (the first fast run with its loss type and
    /// regularizer): how many times longer its training took, t_naive / t_fast, and how far apart
    /// the two [W b] ended, max |θ_naive − θ_fast| / max |θ_fast|.
    public static func implementationLines(_ results: [RunResult]) -> [String] {
        var lines: [String] = []
        for naive in results where naive.run.implementation == .naive {
            if let fast = fastTwin(of: naive, among: results) { lines.append(speedLine(naive: naive, fast: fast)) }
        }
        return lines
    }

    /// The first fast run with the loss type and regularizer of `naive`.
    static func fastTwin(of naive: RunResult, among results: [RunResult]) -> RunResult? {
        results.first { result in
            result.run.implementation == .fast && result.run.loss.type == naive.run.loss.type
                && result.run.regularizer.type == naive.run.regularizer.type
        }
    }

    static func speedLine(naive: RunResult, fast: RunResult) -> String {
        let ratio = fast.trainingSeconds > 0 ? formatFixed(naive.trainingSeconds / fast.trainingSeconds, decimals: 1) + "×" : "n/a"
        let seconds = "\(formatFixed(naive.trainingSeconds, decimals: 2)) s against \(formatFixed(fast.trainingSeconds, decimals: 2)) s"
        let difference = formatSignificant(relativeDifference(naive.classifier, fast.classifier), digits: 2)
        return "Speed: \(naive.run.name) (the readable loops) took \(ratio) the training time of \(fast.run.name) (the fused kernels), "
            + "\(seconds); their [W b] differ by \(difference) of the largest weight (rounding)."
    }

    /// max over [W b] of |a − b|, divided by the largest |b| (or undivided when b is all zeros).
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
