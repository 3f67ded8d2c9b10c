import Foundation
import Training
import Reports

/// `trainer train CONFIG`: the main job. Trains every run of a config side by side and writes
/// the results a student can read, plot and reuse.
struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train the runs of a JSON config side by side and compare them."
    static let usage = "trainer train <config.json> [--out DIR] [--set PATH=VALUE]... [--repeats N] [--quiet] [--force]"
    static let discussion = """
        Every run of one config is paired: the same split, the same initial weights and the same
        minibatches in the same order, so a difference between runs is their loss's (or
        regularizer's, or learning rate's) doing. Before training, each run prints its initial loss
        beside the value expected at W ≈ 0 (the lecture's sanity check); at the end a table
        compares the runs, and OUT/ holds config.resolved.json, comparison.csv, report.html and
        per run history.csv, model.json and summary.json. The last line names OUT (a rerun of a
        config writes OUT-2, OUT-3, …).

        The best run is marked ★ only when there is something to choose: never a diverged run, not
        for a single run or a tie, and with a note when its lead is within the noise of the
        validation split's size. --repeats N trains everything with the seeds seed … seed+N−1 and
        compares mean ± standard deviation and wins over the seeds; each seed's files are kept in
        OUT/seed-S/ (is the SVM really better here? the examples below ask it).

        Ctrl-C (or SIGTERM) stops the run in progress at the end of its step, skips the rest, writes
        what was done (the run marked "interrupted") and exits with 130; a second Ctrl-C stops at
        once and leaves nothing half-written.
        """
    static let options: [(flag: String, help: String)] = [
        ("--out DIR", "write the results into DIR (default: the config's output.dir, else runs/<name>)"),
        ("--set PATH=VALUE", "override one config value for this invocation; repeatable"),
        ("--repeats N", "train with N seeds (seed, seed+1, …) and compare mean ± sd over them (default 1)"),
        ("--quiet", "print only the final table and errors"),
        ("--force", "replace DIR if it holds earlier results (without it an existing --out folder is an error)"),
    ]
    static let examples: [(command: String, comment: String)] = [
        ("trainer train configs/svm-vs-softmax.json", "the main job: SVM and softmax side by side"),
        ("trainer train configs/margin.json --set optimizer.epochs=20", "a quicker run of another experiment"),
        ("trainer train configs/l1-vs-l2.json --out /tmp/l1 --force", "results into a folder of your choice"),
        ("trainer train configs/svm-vs-softmax.json --repeats 5", "is the SVM really better here? mean ± sd over 5 seeds"),
        ("trainer train configs/mnist.json", "real data: 5,000 MNIST digits, shipped in data/"),
    ]

    let configPath: String
    var outputDirectory: String?
    var overrides: [String] = []
    var repeats = 1
    var quiet = false
    var force = false

    init(parsing cursor: inout ArgumentCursor) throws {
        var out: String?, overrides: [String] = [], repeats = 1, quiet = false, force = false
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--out": out = try cursor.value(for: option)
            case "--set": overrides.append(try cursor.value(for: option))
            case "--repeats": repeats = try cursor.integer(for: option, in: 1...1000)
            case "--quiet": quiet = true
            case "--force": force = true
            default: return false
            }
            return true
        }
        let config = try Self.configFile(among: positionals)
        if out?.isEmpty == true { throw UsageError.invalidValue("", option: "--out", expected: "a folder name", command: Self.name) }
        configPath = config
        outputDirectory = out
        self.overrides = overrides
        self.repeats = repeats
        self.quiet = quiet
        self.force = force
    }

    func run(_ console: Console) throws -> Int32 {
        let experiment = try RepeatedExperiment.load(file: configPath, overrides: overrides, repeats: repeats)
        let configuration = experiment.configurations[0]
        let destination = try OutputFolder.destination(
            for: outputDirectory ?? configuration.outputDirectory, fromConfig: outputDirectory == nil && configuration.outputDirectoryFromConfig,
            force: force)
        try OutputFolder.checkUsable(destination, files: OutputFolder.plannedFiles(
            runNames: configuration.runs.map(\.name), seeds: experiment.configurations.map(\.seed)))

        let interruption = console.environment.interruption ?? Interruption()
        if console.environment.handlesSignals {
            InterruptSignals.install(interruption, errors: console.errors, errorsIsTerminal: console.errorsIsTerminal)
        }
        let progress = ProgressDisplay(mode: quiet ? .quiet : (console.errorsIsTerminal ? .terminal : .plain),
                                       width: console.environment.errorsWidth, write: console.errors.writeUnwrapped)
        let seedLabel = SeedLabel()
        let hooks = TrainingHooks(
            progress: { event in
                var event = event
                if let seed = seedLabel.seed { event.runName += " (seed \(seed))" }
                progress.show(event)
            },
            runFinished: progress.finishRun, interruption: interruption)
        let outcome = try experiment.train(hooks: hooks) { loaded in
            if experiment.isRepeated { seedLabel.seed = loaded.configuration.seed }
            guard !quiet else { return }
            if loaded.configuration.seed == configuration.seed {
                console.errors.write(introduction(of: loaded))
            } else {
                console.errors.write("Seed \(loaded.configuration.seed):\n")
            }
        }
        guard let first = outcome.experiment, !outcome.seeds.isEmpty else {
            console.errors.write("Interrupted before any run trained; nothing was written.\n")
            return InterruptSignals.exitStatus
        }
        if outcome.wasInterrupted, let skipped = Self.skipped(outcome, of: experiment) { console.errors.write(skipped + "\n") }
        let report = ExperimentReport(experiment: first, results: outcome.results)
        try OutputFolder.write(outcome.files + [("report.html", report.html)], to: destination, force: force)

        let csvPath = "\(destination)/comparison.csv"
        let width = console.environment.outputWidth
        if experiment.isRepeated && !outcome.summary.seeds.isEmpty {
            console.output.write(ComparisonTable.render(outcome.summary, width: width, csvPath: csvPath))
        } else {
            if experiment.isRepeated {
                console.output.write("No seed trained every run, so there is no mean over seeds; seed \(configuration.seed) as it stopped:\n")
            }
            console.output.write(ComparisonTable.render(outcome.results, width: width, csvPath: csvPath))
            for line in ComparisonTable.sweepLines(outcome.results) + ComparisonTable.implementationLines(outcome.results) {
                console.output.write(line + "\n")
            }
        }
        console.output.write("Runs of one config are paired (same split, initial weights and minibatch order): differences are the configuration's doing.\n")
        if outcome.wasInterrupted {
            console.output.write("Interrupted: the results of what was done are in \(destination)/ — open \(destination)/report.html in a browser.\n")
            return InterruptSignals.exitStatus
        }
        console.output.write("Results in \(destination)/ — open \(destination)/report.html in a browser.\n")
        if let run = outcome.results.first(where: { $0.validation != nil }) ?? outcome.results.first {
            let folder = experiment.isRepeated ? "\(destination)/seed-\(configuration.seed)/\(run.run.name)" : "\(destination)/\(run.run.name)"
            console.output.write("Evaluate a run on the examples it held out: trainer evaluate \(Self.shellWord(folder)) --split \(run.validation == nil ? "train" : "validation")\n")
        }
        return 0
    }

    /// `path` as one word a shell reads back unchanged: as it is when it holds only letters, digits
    /// and `/._,=+-`, else in single quotes (a run named "my run" or "it's").
    static func shellWord(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._,=+-".contains($0)) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// What Ctrl-C skipped: the runs of the last seed not started, and the seeds not started; nil
    /// when nothing was.
    static func skipped(_ outcome: TrainingOutcome, of experiment: RepeatedExperiment) -> String? {
        var parts: [String] = []
        if let last = outcome.seeds.last {
            let trained = Set(last.results.map(\.run.name))
            let configuration = experiment.configurations.first { $0.seed == last.seed }
            let runs = (configuration?.runs ?? []).map(\.name).filter { !trained.contains($0) }
            if !runs.isEmpty {
                parts.append((runs.count == 1 ? "the run " : "the runs ") + ComparisonTable.list(runs)
                    + (experiment.isRepeated ? " of seed \(last.seed)" : ""))
            }
        }
        let seeds = experiment.configurations.map(\.seed).filter { seed in !outcome.seeds.contains { $0.seed == seed } }
        if !seeds.isEmpty { parts.append((seeds.count == 1 ? "seed " : "seeds ") + ComparisonTable.list(seeds.map(String.init))) }
        return parts.isEmpty ? nil : "Skipped after Ctrl-C: " + parts.joined(separator: "; ") + "."
    }

    /// The lines before training: the data's shape, the config's notes (keys of another loss type
    /// dropped), and each run's sanity check.
    func introduction(of experiment: Experiment) -> String {
        let data = experiment.data
        var text = "\(experiment.configuration.name): \(data.classCount) classes, \(data.featureCount) features; "
        text += "train \(data.train.exampleCount)"
        if let validation = data.validation { text += ", validation \(validation.exampleCount)" }
        if let test = data.test { text += ", test \(test.exampleCount)" }
        text += " examples\n"
        if repeats > 1 {
            let seed = experiment.configuration.seed
            text += "Repeating every run with the seeds \(seed)–\(seed + UInt64(repeats - 1)).\nSeed \(seed):\n"
        }
        var notes: [String] = []
        for note in experiment.configuration.runs.flatMap(\.notes) where !notes.contains(note) { notes.append(note) }
        for note in notes { text += "note: \(note)\n" }
        for run in experiment.configuration.runs {
            let trainer = RunTrainer(run: run, data: data, seed: experiment.configuration.seed)
            let initial = trainer.initialDataLoss(from: experiment.initialClassifier(for: run))
            text += "  \(run.name): initial loss " + formatFixed(initial, decimals: 4) + ", "
                + run.loss.expectedInitialLossPhrase(classCount: data.classCount) + "\n"
            for warning in TripletTrainer.warnings(for: run, data: data) { text += "  \(warning)\n" }
        }
        return text
    }
}

/// The seed the progress lines name under `--repeats` (set as each seed's data is loaded).
private final class SeedLabel {
    var seed: UInt64?
}
