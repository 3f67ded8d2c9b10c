/// `trainer train CONFIG --repeats N` (SPEC §4): the experiment trained once per seed s, s + 1, …,
/// s + N − 1, where s is the config's `seed`. Each seed is the config as `--set seed=…` would make
/// it, so everything the seed decides follows it: the split, the initial weights, the minibatch
/// order, and generated data whose generator names no seed of its own. Within one seed the runs
/// stay paired (same split, W₀ and minibatches), so each seed is one paired comparison and the
/// seeds are independent repetitions of it. With N = 1 this is the single training of
/// `train CONFIG`, with the files of SPEC §6 unchanged.
public struct RepeatedExperiment: Sendable {
    /// One configuration per seed, in seed order; they differ only in `seed`.
    public var configurations: [ExperimentConfiguration]

    public init(configurations: [ExperimentConfiguration]) {
        precondition(!configurations.isEmpty, "at least one seed")
        self.configurations = configurations
    }

    /// The config in `file` with `overrides`, once per seed of `repeats` (≥ 1) seeds.
    public static func load(file: String, overrides: [String] = [], repeats: Int) throws(ConfigError) -> RepeatedExperiment {
        let first = try ConfigLoader.load(file: file, overrides: overrides)
        var configurations = [first]
        for offset in 1..<max(repeats, 1) {
            configurations.append(try ConfigLoader.load(file: file, overrides: overrides + ["seed=\(first.seed + UInt64(offset))"]))
        }
        return RepeatedExperiment(configurations: configurations)
    }

    /// Whether there is more than one seed (the `seed-S/` folder layout).
    public var isRepeated: Bool { configurations.count > 1 }

    /// Trains seed after seed: loads the seed's data (`seedLoaded` hears of it), trains its runs
    /// with `hooks`, and keeps its result files. After Ctrl-C (`hooks.interruption`) the run in
    /// progress ends interrupted and the runs and seeds not yet started are skipped; what was done
    /// is returned. Each seed's data is released once its files are made, except the first
    /// seed's, which the report draws.
    public func train(hooks: TrainingHooks, seedLoaded: (Experiment) -> Void = { _ in }) throws -> TrainingOutcome {
        var first: Experiment?
        var seeds: [SeedResults] = []
        var files: [(path: String, text: String)] = []
        for configuration in configurations {
            if hooks.interruption?.isRequested == true { break }
            let experiment = try Experiment(configuration: configuration)
            if first == nil { first = experiment }
            seedLoaded(experiment)
            let results = experiment.trainAll(hooks: hooks)
            guard !results.isEmpty else { break }
            let seedFiles = OutputFolder.files(of: experiment, results: results)
            files += isRepeated ? seedFiles.map { ("seed-\(configuration.seed)/\($0.path)", $0.text) } : seedFiles
            seeds.append(SeedResults(seed: configuration.seed, results: results, runCount: configuration.runs.count))
        }
        if isRepeated, let first, !seeds.isEmpty {
            let resolved = first.resolvedConfiguration.setting("repeats", to: .number(Double(configurations.count)))
            files.insert(("config.resolved.json", JSONWriter.string(resolved)), at: 0)
            files.append(("comparison.csv", ResultFiles.comparisonCSV(seeds)))
        }
        return TrainingOutcome(experiment: first, seeds: seeds, files: files, wasInterrupted: hooks.interruption?.isRequested == true)
    }
}

/// The runs of one seed, in config order: all of them, or those trained before Ctrl-C.
public struct SeedResults: Sendable {
    public var seed: UInt64
    public var results: [RunResult]
    /// The runs the config has (more than `results` when Ctrl-C skipped some).
    public var runCount: Int

    public init(seed: UInt64, results: [RunResult], runCount: Int) {
        self.seed = seed
        self.results = results
        self.runCount = runCount
    }

    /// Every run of the config trained to its end (none skipped or interrupted).
    public var isComplete: Bool {
        results.count == runCount && !results.contains { if case .interrupted = $0.stopReason { true } else { false } }
    }
}

/// What `train` produced: each seed's runs and every result file but the report.
public struct TrainingOutcome: Sendable {
    /// The first seed's experiment: its data and config draw the report. Nil only when Ctrl-C came
    /// before its data was loaded.
    public var experiment: Experiment?
    /// The seeds that trained at least one run, in order.
    public var seeds: [SeedResults]
    /// The result files (relative path, text): without repeats the layout of SPEC §6; with
    /// repeats a `seed-S/` folder per seed holding that layout, plus `config.resolved.json`
    /// (with `"repeats": N`) and `comparison.csv` (one row per run and seed) at the top.
    public var files: [(path: String, text: String)]
    /// Whether Ctrl-C or SIGTERM stopped training early.
    public var wasInterrupted: Bool

    /// The first seed's results (all results without repeats).
    public var results: [RunResult] { seeds.first?.results ?? [] }

    /// The spread of each run over the seeds that finished every run.
    public var summary: RepeatSummary { RepeatSummary(seeds) }
}
