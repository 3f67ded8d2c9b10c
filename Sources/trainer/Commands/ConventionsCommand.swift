import Foundation
import Training
import Reports

/// `trainer conventions CONFIG`: each run's λ and lr in the parameters of cs231n, PyTorch,
/// scikit-learn and the seed lectures.
struct ConventionsCommand: Command {
    static let name = "conventions"
    static let abstract = "Translate each run's λ and lr into the parameters of cs231n, PyTorch and scikit-learn."
    static let usage = "trainer conventions <config.json> [--set PATH=VALUE]..."
    static let discussion = """
        This tool minimises (1/N)·Σ Lᵢ + λ·ΣW² (N: the training split) by W ← W − lr·∇L. cs231n,
        PyTorch, scikit-learn and the seed lectures write the data term, the penalty or the step
        another way; for every run this prints the value of each tool's parameter that gives the
        same objective (or the same SGD path), with the formula that derives it, the K = 2 SVM as the
        slide's binary SVM with (λ/2)‖w‖², and what still differs (the bias, convergence, one-vs-rest).
        It reads the data to count N; it trains nothing.
        """
    static let options: [(flag: String, help: String)] = [
        ("--set PATH=VALUE", "override one config value, as for train; repeatable"),
    ]
    static let examples: [(command: String, comment: String)] = [
        ("trainer conventions configs/svm-vs-softmax.json", "λ and lr of the main job in other tools' terms"),
        ("trainer conventions configs/conventions.json", "a K = 2 SVM and the binary SVM of the slides"),
    ]

    let configPath: String
    var overrides: [String] = []

    init(parsing cursor: inout ArgumentCursor) throws {
        var overrides: [String] = []
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--set": overrides.append(try cursor.value(for: option))
            default: return false
            }
            return true
        }
        let config = try Self.configFile(among: positionals)
        configPath = config
        self.overrides = overrides
    }

    func run(_ console: Console) throws -> Int32 {
        let configuration = try ConfigLoader.load(file: configPath, overrides: overrides)
        let experiment = try Experiment(configuration: configuration)
        let conventions = configuration.runs.map {
            Conventions(run: $0, examples: experiment.data.train.exampleCount, classes: experiment.data.classCount)
        }
        console.output.write(ConventionsTable.render(conventions, width: console.output.width))
        return 0
    }
}
