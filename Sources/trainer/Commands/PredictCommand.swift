import Foundation
import LinearAlgebra
import Training
import Datasets
import LinearModel
import Losses

/// `trainer predict MODEL DATA`: the predicted class of every row, as CSV.
struct PredictCommand: Command {
    static let name = "predict"
    static let abstract = "Predict the class of every row of a data file with a trained model."
    static let usage = "trainer predict <model.json> <DATA> [--out FILE] [--probabilities] [--no-header]"
    static let discussion = """
        Writes one CSV row per input row: the predicted class (the highest score; ties go to the
        lowest class) and, with --probabilities, each class's probability for softmax and sigmoid
        models. SVM scores are not probabilities, so --probabilities needs one of those two losses.
        A label column in the data, if any, is ignored.
        """ + "\n\n" + DataArgument.discussion
    static let options: [(flag: String, help: String)] = [
        ("--out FILE", "write the predictions to FILE instead of standard output"),
        ("--probabilities", "add a p_<class> column per class (softmax and sigmoid models)"),
    ] + DataArgument.Options.help(labelled: false)
    static let examples: [(command: String, comment: String)] = [
        ("trainer predict runs/svm-vs-softmax/softmax/model.json data/spiral.csv --probabilities", "classes and probabilities"),
        ("trainer predict runs/svm-vs-softmax/svm/model.json data/spiral.csv --out predictions.csv", "into a file"),
    ]

    let modelPath: String
    let dataPath: String
    var outputPath: String?
    var probabilities = false
    var dataOptions = DataArgument.Options()

    init(parsing cursor: inout ArgumentCursor) throws {
        var out: String?, probabilities = false, dataOptions = DataArgument.Options()
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--out": out = try cursor.value(for: option)
            case "--probabilities": probabilities = true
            default: return try dataOptions.parse(option, &cursor, labelled: false)
            }
            return true
        }
        (modelPath, dataPath) = try EvaluateCommand.modelAndData(positionals, command: Self.name)
        outputPath = out
        self.probabilities = probabilities
        self.dataOptions = dataOptions
    }

    func run(_ console: Console) throws -> Int32 {
        let model = try ModelFile.read(path: modelPath)
        if probabilities && !model.loss.type.hasProbabilities {
            throw UsageError.invalid("--probabilities needs a softmax or sigmoid model; this one was trained with '\(model.loss.type.rawValue)', whose scores are not probabilities", command: Self.name)
        }
        let features = try DataArgument.features(dataPath, model: model, options: dataOptions)
        let scores = model.classifier.scores(for: features)
        let predictions = LinearClassifier.predictions(fromScores: scores)
        var header = ["prediction"]
        var probabilityRows: Matrix?
        if probabilities {
            header += model.classNames.map { "p_\($0)" }
            probabilityRows = model.loss.type == .softmax ? softmaxProbabilities(scores: scores) : sigmoidProbabilities(scores: scores)
        }
        var text = header.map(CSVFile.quotedIfNeeded).joined(separator: ",") + "\n"
        for (row, prediction) in predictions.enumerated() {
            var fields = [CSVFile.quotedIfNeeded(model.classNames[prediction])]
            if let probabilityRows { fields += probabilityRows.row(row).map(ResultFiles.number) }
            text += fields.joined(separator: ",") + "\n"
        }
        if let outputPath {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
            } catch {
                throw OutputError.writeFailed(path: outputPath, reason: OutputError.reason(writing: outputPath))
            }
            console.errors.write("\(predictions.count) predictions written to \(outputPath)\n")
        } else {
            console.output.writeUnwrapped(text)  // CSV for a script: never wrapped to the terminal
        }
        return 0
    }
}
