import Training
import Reports

/// `trainer evaluate MODEL DATA`: the model's data loss, accuracy and confusion matrix on data.
struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let abstract = "Measure a trained model on labelled data: loss, accuracy, confusion matrix."
    static let usage = "trainer evaluate <model.json> <DATA> [--json] [--label-column NAME] [--labels FILE] [--no-header]"
    static let discussion = """
        The loss is the model's own (the loss section of model.json), averaged over the rows, without
        the regularization term; for a triplet model, the mean triplet loss of the embedded rows over
        every valid triplet (a seeded sample of 10⁶ when there are more). Rows of the confusion matrix are true classes, columns predictions.
        """ + "\n\n" + DataArgument.discussion
    static let options: [(flag: String, help: String)] = [
        ("--json", "print {\"loss\", \"accuracy\", \"confusion\", \"classes\"} as JSON"),
    ] + DataArgument.Options.help(labelled: true)
    static let examples: [(command: String, comment: String)] = [
        ("trainer evaluate runs/svm-vs-softmax/softmax/model.json data/spiral.csv", "accuracy and confusion matrix"),
        ("trainer evaluate runs/svm-vs-softmax/softmax/model.json data/spiral.csv --json", "the same numbers for a script"),
    ]

    let modelPath: String
    let dataPath: String
    var json = false
    var dataOptions = DataArgument.Options()

    init(parsing cursor: inout ArgumentCursor) throws {
        var json = false, dataOptions = DataArgument.Options()
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--json": json = true
            default: return try dataOptions.parse(option, &cursor, labelled: true)
            }
            return true
        }
        (modelPath, dataPath) = try Self.modelAndData(positionals, command: Self.name)
        self.json = json
        self.dataOptions = dataOptions
    }

    /// The two positionals MODEL DATA of evaluate, predict and explain.
    static func modelAndData(_ positionals: [String], command: String) throws -> (String, String) {
        guard positionals.count >= 1 else { throw UsageError.missingArgument("the model file (OUT/<run>/model.json)", command: command) }
        guard positionals.count >= 2 else { throw UsageError.missingArgument("the data file (CSV, .npy, IDX images or a CIFAR-10 batch)", command: command) }
        guard positionals.count == 2 else { throw UsageError.extraArgument(positionals[2], command: command) }
        return (positionals[0], positionals[1])
    }

    func run(_ console: Console) throws -> Int32 {
        let model = try ModelFile.read(path: modelPath)
        let data = try DataArgument.labelled(dataPath, model: model, options: dataOptions)
        let metrics = model.metrics(on: data)
        if json {
            let value: JSONValue = [
                "loss": .number(metrics.dataLoss), "accuracy": .number(metrics.accuracy),
                "confusion": .array(metrics.confusion.map { .array($0.map { .number(Double($0)) }) }),
                "classes": model.classesJSON,
            ]
            console.output.write(JSONWriter.compactString(value) + "\n")
        } else {
            console.output.write("\(dataPath): \(data.exampleCount) examples\n")
            let mean = model.loss.type == .triplet ? "mean over the triplets of the embedded rows" : "mean over the rows"
            console.output.write("loss      \(ResultFiles.number(metrics.dataLoss)) (\(model.loss.type.rawValue), \(mean))\n")
            console.output.write("accuracy  \(ResultFiles.number(metrics.accuracy)) (\(metrics.confusion.indices.map { metrics.confusion[$0][$0] }.reduce(0, +)) of \(data.exampleCount))\n\n")
            console.output.write("confusion matrix (rows: true class, columns: predicted class)\n")
            console.output.write(ComparisonTable.confusion(metrics.confusion, classNames: model.classNames))
        }
        return 0
    }
}
