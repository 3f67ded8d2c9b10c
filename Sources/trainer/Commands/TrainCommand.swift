import Foundation
import Training
import Reports

/// `trainer train CONFIG`: the main job. Trains every run of a config side by side and writes
/// the results a student can read, plot and reuse.
struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train the runs of a JSON config side by side and compare them."
    static let usage = "trainer train <config.json> [--out DIR] [--set PATH=VALUE]... [--quiet] [--force]"
    static let discussion = """
        Every run of one config is paired: the same split, the same initial weights and the same
        minibatches in the same order, so a difference between runs is their loss's (or
        regularizer's, or learning rate's) doing. Before training, each run prints its initial loss
        beside the value expected at W ≈ 0 (the lecture's sanity check); at the end a table
        compares the runs, and OUT/ holds config.resolved.json, comparison.csv, report.html and
        per run history.csv, model.json and summary.json.
        """
    static let options: [(flag: String, help: String)] = [
        ("--out DIR", "write the results into DIR (default: the config's output.dir, else runs/<name>)"),
        ("--set PATH=VALUE", "override one config value for this invocation; repeatable"),
        ("--quiet", "print only the final table and errors"),
        ("--force", "replace DIR if it holds earlier results (without it an existing --out folder is an error)"),
    ]
    static let examples: [(command: String, comment: String)] = [
        ("trainer train configs/svm-vs-softmax.json", "the main job: SVM and softmax side by side"),
        ("trainer train configs/margin.json --set optimizer.epochs=20", "a quicker run of another experiment"),
        ("trainer train configs/l1-vs-l2.json --out /tmp/l1 --force", "results into a folder of your choice"),
    ]

    let configPath: String
    var outputDirectory: String?
    var overrides: [String] = []
    var quiet = false
    var force = false

    init(parsing cursor: inout ArgumentCursor) throws {
        var out: String?, overrides: [String] = [], quiet = false, force = false
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--out": out = try cursor.value(for: option)
            case "--set": overrides.append(try cursor.value(for: option))
            case "--quiet": quiet = true
            case "--force": force = true
            default: return false
            }
            return true
        }
        guard let config = positionals.first else { throw UsageError.missingArgument("the config file (e.g. configs/svm-vs-softmax.json)", command: Self.name) }
        guard positionals.count == 1 else { throw UsageError.extraArgument(positionals[1], command: Self.name) }
        if out?.isEmpty == true { throw UsageError.invalidValue("", option: "--out", expected: "a folder name", command: Self.name) }
        configPath = config
        outputDirectory = out
        self.overrides = overrides
        self.quiet = quiet
        self.force = force
    }

    func run(_ console: Console) throws -> Int32 {
        var configuration = try ConfigLoader.load(file: configPath, overrides: overrides)
        if let outputDirectory {
            configuration.outputDirectory = outputDirectory
            configuration.outputDirectoryFromConfig = false
        }
        let destination = try OutputFolder.destination(
            for: configuration.outputDirectory, fromConfig: configuration.outputDirectoryFromConfig, force: force)
        configuration.outputDirectory = destination
        let experiment = try Experiment(configuration: configuration)
        let progress = ProgressDisplay(mode: quiet ? .quiet : (console.errorsIsTerminal ? .terminal : .plain), write: console.errors.write)
        if !quiet { console.errors.write(introduction(of: experiment)) }
        var results: [RunResult] = []
        for run in configuration.runs {
            let trainer = RunTrainer(run: run, data: experiment.data, seed: configuration.seed)
            let result = trainer.train(from: experiment.initialClassifier(for: run), progress: progress.show)
            progress.finishRun(result)
            results.append(result)
        }
        let report = ExperimentReport(experiment: experiment, results: results)
        try OutputFolder.write(OutputFolder.files(of: experiment, results: results, extra: [("report.html", report.html)]),
                               to: destination, force: force)
        console.output.write(ComparisonTable.render(results))
        for (run, best) in ResultFiles.bestSweepPoints(results) {
            let point = best.run.sweepPoint.map { "\($0.path) = \(JSONWriter.compactString($0.value))" }.joined(separator: ", ")
            let accuracy = best.validation.map { String(format: "%.4f", $0.accuracy) } ?? "n/a"
            console.output.write("Best point of the sweep for run '\(run)': \(point) (validation accuracy \(accuracy)).\n")
        }
        console.output.write("Runs of one config are paired (same split, initial weights and minibatch order): differences are the configuration's doing.\n")
        console.output.write("Results in \(destination)/ — open \(destination)/report.html in a browser.\n")
        return 0
    }

    /// The lines before training: the data's shape and each run's sanity check.
    func introduction(of experiment: Experiment) -> String {
        let data = experiment.data
        var text = "\(experiment.configuration.name): \(data.classCount) classes, \(data.featureCount) features; "
        text += "train \(data.train.exampleCount)"
        if let validation = data.validation { text += ", validation \(validation.exampleCount)" }
        if let test = data.test { text += ", test \(test.exampleCount)" }
        text += " examples\n"
        for run in experiment.configuration.runs {
            let trainer = RunTrainer(run: run, data: data, seed: experiment.configuration.seed)
            let initial = trainer.initialDataLoss(from: experiment.initialClassifier(for: run))
            text += "  \(run.name): initial loss " + String(format: "%.4f", initial) + ", "
                + run.loss.expectedInitialLossPhrase(classCount: data.classCount) + "\n"
            for warning in TripletTrainer.warnings(for: run, data: data) { text += "  \(warning)\n" }
        }
        return text
    }
}
