/// The comparison table's best mark, given only when there is something to choose (SPEC §6):
/// never to a diverged or interrupted run, none for a single run or a tie, and with the size of
/// the lead beside the noise it has to beat.
///
/// **The noise rule, one seed.** The validation accuracy p̂ of a run is a proportion of n
/// examples, so it wobbles by about √(p(1 − p)/n) from split to split. The lead of the best run
/// over the runner-up, p̂₁ − p̂₂, is called *within the noise* when it is smaller than the 95 %
/// margin of a two-proportion z-test,
///
///     p̂₁ − p̂₂ < 1.96 · √( p̂₁(1 − p̂₁)/n + p̂₂(1 − p̂₂)/n )
///
/// Why this rule: it asks the question a student means ("would another split of this size
/// reorder them?") with nothing but n and the two accuracies. One binomial standard error would
/// be too lenient: on the main job's 60 validation examples a lead of 4 examples (6.7 points)
/// exceeds one standard error (6.4 points) yet flips with the seed, while the 95 % margin is
/// 17.8 points. The test treats the two accuracies as independent although both runs see the same
/// examples; that overstates the noise a little (paired runs err together), so a lead it calls
/// real is real, and one it calls noise should be checked with `--repeats`.
///
/// **The noise rule, several seeds.** With `--repeats N` each seed gives one paired difference
/// dₛ = p̂₁(s) − p̂₂(s) (same split, W₀ and minibatches within the seed), and the lead d̄ is
/// within the noise when a paired t-test at 95 % cannot tell it from 0:
///
///     d̄ < t₀.₉₇₅(N − 1) · s_d / √N
///
/// which also covers what one split cannot: the noise of the split, W₀ and minibatch order.
public enum BestRun {
    /// The two-sided 95 % quantile of the standard normal distribution.
    public static let normalQuantile = 1.96

    /// Whether `result` may be marked best: it has a validation accuracy and neither diverged nor
    /// was interrupted.
    public static func isCandidate(_ result: RunResult) -> Bool {
        switch result.stopReason {
        case .diverged, .interrupted: false
        case .completed, .earlyStopping: result.validation != nil
        }
    }

    /// Accuracies closer than this are equal: the same count of examples, summed in another order.
    static let tolerance = 1e-12

    /// The index of the one candidate with the highest validation accuracy; nil when there is no
    /// candidate or two share the highest.
    public static func winner(among results: [RunResult]) -> Int? {
        let ranked = rank(results.indices.filter { isCandidate(results[$0]) }) { results[$0].validation?.accuracy ?? 0 }
        guard let top = ranked.first, !(ranked.count > 1 && ranked[1].value > top.value - tolerance) else { return nil }
        return top.index
    }

    /// Whether two or more candidates share the highest validation accuracy.
    public static func isTie(_ results: [RunResult]) -> Bool {
        let ranked = rank(results.indices.filter { isCandidate(results[$0]) }) { results[$0].validation?.accuracy ?? 0 }
        return ranked.count > 1 && ranked[1].value > ranked[0].value - tolerance
    }

    /// The mark for the runs of one seed.
    public static func choose(_ results: [RunResult]) -> BestRunChoice {
        guard results.count > 1 else { return .single }
        guard results.contains(where: { $0.validation != nil }) else { return .noValidation }
        let ranked = rank(results.indices.filter { isCandidate(results[$0]) }) { results[$0].validation?.accuracy ?? 0 }
        guard let top = ranked.first else { return .noCandidate }
        let tied = ranked.filter { $0.value > top.value - tolerance }
        if tied.count > 1 { return .tie(indices: tied.map(\.index), accuracy: top.value) }
        guard ranked.count > 1 else { return .best(index: top.index, lead: nil) }
        let runnerUp = ranked[1]
        let count = results[top.index].validation.map { $0.confusion.joined().reduce(0, +) } ?? 0
        return .best(index: top.index, lead: Lead(
            runnerUp: runnerUp.index, difference: top.value - runnerUp.value,
            margin: twoProportionMargin(top.value, runnerUp.value, count: count), rule: .validationExamples(count)))
    }

    /// The mark for the runs of `--repeats`, by mean validation accuracy over the seeds; a run that
    /// diverged in any seed is never marked.
    public static func choose(_ summary: RepeatSummary) -> BestRunChoice {
        let runs = summary.runs
        guard runs.count > 1 else { return .single }
        guard runs.contains(where: { $0.validationAccuracy != nil }) else { return .noValidation }
        let candidates = runs.indices.filter { runs[$0].divergedSeeds == 0 && runs[$0].validationAccuracy != nil }
        let ranked = rank(candidates) { runs[$0].validationAccuracy?.mean ?? 0 }
        guard let top = ranked.first else { return .noCandidate }
        let tied = ranked.filter { $0.value > top.value - tolerance }
        if tied.count > 1 { return .tie(indices: tied.map(\.index), accuracy: top.value) }
        guard ranked.count > 1 else { return .best(index: top.index, lead: nil) }
        let runnerUp = ranked[1]
        let leader = runs[top.index].validationAccuracy?.values ?? [], second = runs[runnerUp.index].validationAccuracy?.values ?? []
        if leader.count == 1 {
            let count = runs[top.index].results[0].validation.map { $0.confusion.joined().reduce(0, +) } ?? 0
            return .best(index: top.index, lead: Lead(
                runnerUp: runnerUp.index, difference: top.value - runnerUp.value,
                margin: twoProportionMargin(top.value, runnerUp.value, count: count), rule: .validationExamples(count)))
        }
        let differences = zip(leader, second).map { $0 - $1 }
        return .best(index: top.index, lead: Lead(
            runnerUp: runnerUp.index, difference: top.value - runnerUp.value,
            margin: pairedMargin(differences), rule: .seeds(differences.count)))
    }

    /// The 95 % margin of the two-proportion z-test: 1.96·√(p₁(1 − p₁)/n + p₂(1 − p₂)/n);
    /// infinite for n = 0 (no evidence at all).
    public static func twoProportionMargin(_ first: Double, _ second: Double, count: Int) -> Double {
        guard count > 0 else { return .infinity }
        let n = Double(count)
        return normalQuantile * (first * (1 - first) / n + second * (1 - second) / n).squareRoot()
    }

    /// The 95 % margin of the paired t-test on `differences` (N ≥ 2): t₀.₉₇₅(N − 1)·s_d/√N.
    public static func pairedMargin(_ differences: [Double]) -> Double {
        precondition(differences.count > 1, "a paired t-test needs two differences")
        let spread = Spread(differences)
        return studentQuantile(degreesOfFreedom: differences.count - 1) * spread.standardDeviation / Double(differences.count).squareRoot()
    }

    /// t₀.₉₇₅(ν), the two-sided 95 % quantile of Student's t distribution with ν degrees of freedom:
    /// tabulated to 3 decimals for ν ≤ 30, then 2.000 (ν ≤ 60), 1.980 (ν ≤ 120) and the normal 1.96,
    /// each rounded up so that the margin is never too small.
    public static func studentQuantile(degreesOfFreedom: Int) -> Double {
        let table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                     2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        precondition(degreesOfFreedom >= 1, "t needs at least one degree of freedom")
        if degreesOfFreedom <= table.count { return table[degreesOfFreedom - 1] }
        return degreesOfFreedom <= 60 ? 2.000 : (degreesOfFreedom <= 120 ? 1.980 : normalQuantile)
    }

    /// `indices` with their values, highest first (ties in index order).
    static func rank(_ indices: [Int], by value: (Int) -> Double) -> [(index: Int, value: Double)] {
        indices.map { ($0, value($0)) }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
    }
}

/// What the best mark says (`BestRun.choose`): which row, or why none.
public enum BestRunChoice: Equatable, Sendable {
    /// One run: nothing to choose, no note.
    case single
    /// No validation split: nothing to choose by.
    case noValidation
    /// Every run diverged or was interrupted.
    case noCandidate
    /// These runs share the best validation accuracy: no mark.
    case tie(indices: [Int], accuracy: Double)
    /// Mark `index`; `lead` compares it with the runner-up, nil when the other runs diverged or
    /// were interrupted.
    case best(index: Int, lead: Lead?)

    /// The row to mark, if any.
    public var markedIndex: Int? {
        if case .best(let index, _) = self { index } else { nil }
    }
}

/// How far the best run leads the runner-up, beside the noise it has to beat.
public struct Lead: Equatable, Sendable {
    /// Where the noise margin comes from.
    public enum Rule: Equatable, Sendable {
        /// A two-proportion z-test on this many validation examples.
        case validationExamples(Int)
        /// A paired t-test over this many seeds.
        case seeds(Int)
    }

    /// The runner-up's row.
    public var runnerUp: Int
    /// The lead in validation accuracy (a fraction; the mean of the seeds' leads under repeats).
    public var difference: Double
    /// The 95 % noise margin the lead is compared with.
    public var margin: Double
    public var rule: Rule

    /// Whether another split or seed could plausibly reorder the two runs.
    public var isWithinNoise: Bool { difference < margin }
}
