import Training
import Datasets
import Reports

/// `trainer evaluate MODEL DATA` or `trainer evaluate RUN_DIR --split S`: the model's data loss,
/// accuracy and confusion matrix on labelled data, or on one split of the run's own experiment.
struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let abstract = "Measure a trained model on labelled data or on a split of its run: loss, accuracy, confusion matrix."
    static let usage = """
        trainer evaluate <model.json> <DATA> [--json] [--label-column NAME] [--labels FILE] [--no-header]
               trainer evaluate <OUT/run> --split train|validation|test [--json]
        """
    static let discussion = """
        The loss is the model's own (the loss section of model.json), averaged over the rows, without
        the regularization term; for a triplet model, the mean triplet loss of the embedded rows over
        every valid triplet (a seeded sample of 10⁶ when there are more). Rows of the confusion matrix are true classes, columns predictions.

        With a run's folder (OUT/<run>, as named by the last line of train) and --split, the split is
        rebuilt from OUT/config.resolved.json with the same seed, so --split validation measures the
        examples the run held out, not the whole data file (most of which it trained on):

          trainer evaluate runs/svm-vs-softmax/softmax --split validation
        """ + "\n\n" + DataArgument.discussion
    static let options: [(flag: String, help: String)] = [
        ("--split NAME", "with a run's folder: evaluate on its train, validation or test split"),
        ("--json", "print {\"loss\", \"accuracy\", \"confusion\", \"classes\"} as JSON"),
    ] + DataArgument.Options.help(labelled: true)
    static let examples: [(command: String, comment: String)] = [
        ("trainer evaluate runs/svm-vs-softmax/softmax --split validation",
         "the 60 examples the run held out (after a rerun, the folder train's last line names)"),
        ("trainer evaluate runs/svm-vs-softmax/softmax/model.json data/spiral.csv",
         "accuracy and confusion matrix on a whole file (mostly examples it trained on)"),
        ("trainer evaluate runs/svm-vs-softmax/softmax/model.json data/spiral.csv --json", "the same numbers for a script"),
        ("trainer evaluate runs/mnist/softmax --split test", "the 1,000 test digits, after trainer train configs/mnist.json"),
    ]

    /// What to evaluate on.
    enum Target {
        /// A model file and a data file, read as `options` say.
        case file(model: String, data: String, options: DataArgument.Options)
        /// A run's folder and one of its experiment's splits.
        case split(runFolder: String, split: SplitName)
    }

    let target: Target
    var json = false

    init(parsing cursor: inout ArgumentCursor) throws {
        var json = false, split: String?, dataOptions = DataArgument.Options()
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--json": json = true
            case "--split": split = try cursor.value(for: option)
            default: return try dataOptions.parse(option, &cursor, labelled: true)
            }
            return true
        }
        self.json = json
        if let split {
            guard let name = SplitName(rawValue: split) else {
                throw UsageError.invalidValue(split, option: "--split", expected: "train, validation or test", command: Self.name)
            }
            guard let folder = positionals.first else { throw UsageError.missingArgument("the run's folder (OUT/<run>)", command: Self.name) }
            guard positionals.count == 1 else {
                throw UsageError.invalid("--split takes a run's folder only (OUT/<run>), not a data file: '\(positionals[1])'", command: Self.name)
            }
            let defaults = DataArgument.Options()
            for (isSet, problem) in [
                (dataOptions.labelColumn != defaults.labelColumn, "--label-column does not apply to --split: the run's config names the label column"),
                (dataOptions.labels != nil, "--labels does not apply to --split: the run's config names its data files"),
                (!dataOptions.header, "--no-header does not apply to --split: the run's config says whether its CSV files have a header row"),
            ] where isSet {
                throw UsageError.invalid(problem, command: Self.name)
            }
            target = .split(runFolder: folder, split: name)
        } else {
            if positionals.count == 1, !positionals[0].hasSuffix(".json") {
                throw UsageError.invalid("'\(positionals[0])' looks like a run's folder: add --split validation (or train, test), or give MODEL DATA", command: Self.name)
            }
            let (model, data) = try Self.modelAndData(positionals, command: Self.name)
            target = .file(model: model, data: data, options: dataOptions)
        }
    }

    /// The two positionals MODEL DATA of evaluate, predict and explain.
    static func modelAndData(_ positionals: [String], command: String) throws -> (String, String) {
        guard positionals.count >= 1 else { throw UsageError.missingArgument("the model file (OUT/<run>/model.json)", command: command) }
        guard positionals.count >= 2 else { throw UsageError.missingArgument("the data file (CSV, .npy, IDX images or a CIFAR-10 batch)", command: command) }
        guard positionals.count == 2 else { throw UsageError.extraArgument(positionals[2], command: command) }
        return (positionals[0], positionals[1])
    }

    func run(_ console: Console) throws -> Int32 {
        let model: ModelFile, data: Dataset, title: String
        switch target {
        case .file(let modelPath, let dataPath, let options):
            model = try ModelFile.read(path: modelPath)
            data = try DataArgument.labelled(dataPath, model: model, options: options)
            title = dataPath
        case .split(let folderPath, let split):
            let folder = try RunFolder(path: folderPath)
            model = folder.model
            data = try folder.split(split)
            title = "\(folderPath), \(split.rawValue) split"
        }
        let metrics = model.metrics(on: data)
        if json {
            let value: JSONValue = [
                "loss": .number(metrics.dataLoss), "accuracy": .number(metrics.accuracy),
                "confusion": .array(metrics.confusion.map { .array($0.map { .number(Double($0)) }) }),
                "classes": model.classesJSON,
            ]
            console.output.writeUnwrapped(JSONWriter.compactString(value) + "\n")  // for a script: one line, never wrapped
        } else {
            let correct = metrics.confusion.indices.map { metrics.confusion[$0][$0] }.reduce(0, +)
            console.output.write("\(title): \(data.exampleCount) examples\n")
            let mean = model.loss.type == .triplet ? "mean over the triplets of the embedded rows" : "mean over the rows"
            console.output.write("loss      \(formatLoss(metrics.dataLoss)) (\(model.loss.type.rawValue), \(mean))\n")
            console.output.write("accuracy  \(formatAccuracy(metrics.accuracy)) (\(correct) of \(data.exampleCount))\n\n")
            console.output.write("confusion matrix (rows: true class, columns: predicted class)\n")
            console.output.write(ComparisonTable.confusion(metrics.confusion, classNames: model.classNames, width: console.environment.outputWidth))
        }
        return 0
    }
}
