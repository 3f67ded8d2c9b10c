import Foundation

/// The mean and the sample standard deviation of one number over the seeds of `--repeats`:
///
///     x̄ = (1/n)·Σᵢ xᵢ        s = √( Σᵢ (xᵢ − x̄)² / (n − 1) )   (s = 0 for n = 1)
///
/// n − 1 (Bessel's correction) because x̄ is estimated from the same n values.
public struct Spread: Equatable, Sendable {
    public var values: [Double]
    public var mean: Double
    public var standardDeviation: Double

    /// The spread of `values` (at least one).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a spread of no values")
        self.values = values
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.mean = mean
        standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
    }
}

/// One run (one config entry, one sweep point) over the seeds of `--repeats`.
public struct RunSpread: Sendable {
    /// The run's name, the same in every seed.
    public var name: String
    /// Its result in each seed of the summary, in seed order.
    public var results: [RunResult]
    public var trainAccuracy: Spread
    /// Nil without a validation split.
    public var validationAccuracy: Spread?
    /// Nil without a test split.
    public var testAccuracy: Spread?
    /// The final total loss (of the weights kept), nil when a seed has no finite record.
    public var finalLoss: Spread?
    /// Seeds in which this run alone had the best validation accuracy (`BestRun.winner`).
    public var wins: Int
    /// Seeds in which this run diverged.
    public var divergedSeeds: Int

    /// The run's configuration (that of its first seed).
    public var run: RunConfiguration { results[0].run }
}

/// Each run's spread over the seeds that trained every run to its end, and how often each run
/// won: the table of `train --repeats N` and the report's spread come from it. A seed cut short
/// by Ctrl-C is left out of the means (`leftOut`), so that every mean is over the same seeds.
public struct RepeatSummary: Sendable {
    /// The seeds in the means, in order.
    public var seeds: [UInt64]
    /// Seeds that trained some runs but not all (Ctrl-C), left out of the means.
    public var leftOut: [UInt64]
    /// One entry per run, in config order.
    public var runs: [RunSpread]
    /// Seeds in which two or more runs shared the best validation accuracy (no winner).
    public var tiedSeeds: Int

    /// The summary of `seeds` (the seeds of one config: the same runs in the same order).
    public init(_ seeds: [SeedResults]) {
        let complete = seeds.filter(\.isComplete)
        self.seeds = complete.map(\.seed)
        leftOut = seeds.filter { !$0.isComplete }.map(\.seed)
        let winners = complete.map { BestRun.winner(among: $0.results) }
        tiedSeeds = complete.filter { BestRun.isTie($0.results) }.count
        guard let first = complete.first else {
            runs = []
            return
        }
        runs = first.results.indices.map { index in
            let results = complete.map { $0.results[index] }
            func spread(_ values: [Double?]) -> Spread? {
                let present = values.compactMap { $0 }
                return present.count == values.count ? Spread(present) : nil
            }
            return RunSpread(
                name: results[0].run.name, results: results,
                trainAccuracy: Spread(results.map(\.train.accuracy)),
                validationAccuracy: spread(results.map { $0.validation?.accuracy }),
                testAccuracy: spread(results.map { $0.test?.accuracy }),
                finalLoss: spread(results.map { $0.final?.loss }),
                wins: winners.filter { $0 == index }.count,
                divergedSeeds: results.filter { if case .diverged = $0.stopReason { true } else { false } }.count)
        }
    }
}
