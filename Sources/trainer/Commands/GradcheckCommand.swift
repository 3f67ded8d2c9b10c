import Foundation
import Training

/// `trainer gradcheck CONFIG`: the analytic gradient of each run's loss against central differences.
struct GradcheckCommand: Command {
    static let name = "gradcheck"
    static let abstract = "Check each run's analytic gradient against central differences."
    static let usage = "trainer gradcheck <config.json> [--checks N] [--set PATH=VALUE]..."
    static let discussion = """
        For every run, at a random point W, b and on a random minibatch of the training split, compares
        ∂L/∂θ with (L(θ + h) − L(θ − h)) / 2h (h = 1e-5) for N random coordinates of [W b], once with
        λ = 0 and once with the configured regularizer. A relative error below 1e-6 passes. A
        coordinate whose ±h step crosses a kink of the loss (a hinge max() changes its winner, or a
        weight under L1 passes through 0) is listed as a kink crossing, not a failure: there the loss
        has no derivative, and the two numbers may rightly disagree — the lesson of the lecture notes.
        Each run first prints the loss it should start from (ln K for softmax, α for triplet, …).
        """
    static let options: [(flag: String, help: String)] = [
        ("--checks N", "coordinates to check per run and setting (default 20)"),
        ("--set PATH=VALUE", "override one config value, as for train; repeatable"),
    ]
    static let examples: [(command: String, comment: String)] = [
        ("trainer gradcheck configs/loss-zoo.json", "every loss of the lecture"),
        ("trainer gradcheck configs/svm-vs-softmax.json --checks 100", "more coordinates"),
    ]

    let configPath: String
    var checks = 20
    var overrides: [String] = []

    init(parsing cursor: inout ArgumentCursor) throws {
        var checks = 20, overrides: [String] = []
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--checks": checks = try cursor.integer(for: option, in: 1...100_000)
            case "--set": overrides.append(try cursor.value(for: option))
            default: return false
            }
            return true
        }
        let config = try Self.configFile(among: positionals)
        configPath = config
        self.checks = checks
        self.overrides = overrides
    }

    func run(_ console: Console) throws -> Int32 {
        let configuration = try ConfigLoader.load(file: configPath, overrides: overrides)
        let experiment = try Experiment(configuration: configuration)
        var failures = 0
        console.output.write("relative error |analytic − numerical| / max(|analytic|, |numerical|), pass < \(RunGradientCheck.tolerance)\n")
        for run in configuration.runs {
            console.output.write("\(run.name): initial loss \(run.loss.expectedInitialLossPhrase(classCount: experiment.data.classCount))\n")
            let check = RunGradientCheck(run: run, data: experiment.data, seed: configuration.seed, count: checks)
            for setting in check.settings {
                let passed = setting.largestError < RunGradientCheck.tolerance
                if !passed { failures += 1 }
                let lambda = setting.strength == 0 ? "λ = 0" : "\(run.regularizer.type.rawValue) λ = \(JSONWriter.number(setting.strength))"
                var line = "\(run.name) (\(lambda)): largest relative error \(String(format: "%.2e", setting.largestError))"
                    + " over \(setting.smooth.count) coordinates"
                if setting.kinkCrossings > 0 {
                    line += ", \(setting.kinkCrossings) kink crossing\(setting.kinkCrossings == 1 ? "" : "s") (not derivable there)"
                }
                console.output.write(line + (passed ? "  ok\n" : "  FAILED\n"))
                for failure in setting.smooth where failure.relativeError >= RunGradientCheck.tolerance {
                    console.output.write("    \(failure.parameter): analytic \(failure.analytic), numerical \(failure.numerical)\n")
                }
            }
        }
        return failures == 0 ? 0 : 1
    }
}
