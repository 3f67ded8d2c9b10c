import Foundation

/// The text of the files a run writes (`history.csv`, `summary.json`) and of `comparison.csv`.
/// Numbers are written in the shortest form that reads back exactly, so the same training gives
/// the same bytes.
public enum ResultFiles {
    /// The header of `history.csv`.
    public static let historyHeader =
        "epoch,learning_rate,loss,data_loss,reg_loss,train_accuracy,validation_loss,validation_accuracy,"
        + "margin_p10,margin_p50,margin_p90,satisfied_fraction,mean_correct_probability"

    /// `history.csv`: one row per evaluated epoch, epoch 0 before training; the validation columns
    /// are empty without a validation split; the last five are the training split's
    /// `MarginStatistics` (empty for a record without them).
    public static func historyCSV(_ history: [EpochRecord]) -> String {
        var text = historyHeader + "\n"
        for record in history {
            let fields = [
                String(record.epoch), number(record.learningRate), number(record.loss), number(record.dataLoss),
                number(record.regularizationLoss), number(record.trainAccuracy),
                record.validationLoss.map(number) ?? "", record.validationAccuracy.map(number) ?? "",
            ] + (record.margins.map { [$0.p10, $0.p50, $0.p90, $0.satisfiedFraction, $0.meanCorrectProbability].map(number) }
                 ?? Array(repeating: "", count: 5))
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// A number as the result files write it (shortest round-trip; integral values without ".0").
    public static func number(_ value: Double) -> String {
        value.isFinite ? JSONWriter.number(value) : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    /// `summary.json`: the run's final metrics, the sanity check and how it stopped.
    public static func summary(_ result: RunResult) -> JSONValue {
        var stop: [(key: String, value: JSONValue)] = [("reason", .string(result.stopReason.name))]
        switch result.stopReason {
        case .completed: break
        case .earlyStopping(let best): stop.append(("best_epoch", .number(Double(best))))
        case .diverged(let epoch):
            stop.append(("epoch", .number(Double(epoch))))
            stop.append(("hint", "the loss became NaN or ∞; try a smaller learning_rate"))
        }
        var final: [(key: String, value: JSONValue)] = []
        if let record = result.final {
            final = [("loss", .number(record.loss)), ("data_loss", .number(record.dataLoss)), ("reg_loss", .number(record.regularizationLoss))]
        }
        final.append(("train_loss", .number(result.train.dataLoss)))
        final.append(("train_accuracy", .number(result.train.accuracy)))
        if let validation = result.validation {
            final.append(("validation_loss", .number(validation.dataLoss)))
            final.append(("validation_accuracy", .number(validation.accuracy)))
        }
        if let test = result.test {
            final.append(("test_loss", .number(test.dataLoss)))
            final.append(("test_accuracy", .number(test.accuracy)))
        }
        return [
            "name": .string(result.run.name),
            "loss": result.run.loss.resolved,
            "initial_loss": .number(result.initialLoss),
            "expected_initial_loss": .number(result.expectedInitialLoss),
            "epochs_run": .number(Double(result.epochsRun)),
            "stopped": .object(stop),
            "final": .object(final),
            "zero_weights": .number(Double(result.zeroWeights)),
            "training_seconds": .number((result.trainingSeconds * 1000).rounded() / 1000),
        ]
    }

    /// The columns of the comparison table and `comparison.csv`.
    public static let comparisonColumns = [
        "run", "loss", "regularizer", "learning_rate", "epochs", "stopped", "train_accuracy", "validation_accuracy",
        "test_accuracy", "final_loss", "zero_weights", "seconds",
    ]

    /// One row of the comparison per run, as text fields in `comparisonColumns` order.
    public static func comparisonRow(_ result: RunResult, decimals: Int = 4) -> [String] {
        func fixed(_ value: Double?) -> String {
            guard let value else { return "" }
            guard value.isFinite else { return number(value) }
            return abs(value) < 1e5 ? String(format: "%.\(decimals)f", value) : String(format: "%.\(decimals - 1)e", value)
        }
        let run = result.run
        var lossName = run.loss.type.rawValue
        if run.loss.type == .svm {
            lossName += " " + run.loss.settings.variant.rawValue + (run.loss.settings.squared ? " squared" : "") + " Δ=\(JSONWriter.number(run.loss.settings.margin))"
        }
        let regularizer = run.regularizer.type == .none ? "none" : "\(run.regularizer.type.rawValue) λ=\(JSONWriter.number(run.regularizer.strength))"
        return [
            run.name, lossName, regularizer, JSONWriter.number(run.optimizer.learningRate), String(result.epochsRun),
            result.stopReason.name, fixed(result.train.accuracy), fixed(result.validation?.accuracy), fixed(result.test?.accuracy),
            fixed(result.final?.loss), String(result.zeroWeights), String(format: "%.3f", result.trainingSeconds),
        ]
    }

    /// `comparison.csv`: the comparison table with full-precision numbers.
    public static func comparisonCSV(_ results: [RunResult]) -> String {
        var text = comparisonColumns.joined(separator: ",") + "\n"
        for result in results {
            text += comparisonRow(result, decimals: 6).map(csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// For a sweep: each run's best grid point by validation accuracy (ties to the first), as
    /// (run name without the point, the best result).
    public static func bestSweepPoints(_ results: [RunResult]) -> [(run: String, best: RunResult)] {
        var order: [String] = []
        var best: [String: RunResult] = [:]
        for result in results where !result.run.sweepPoint.isEmpty {
            let name = result.run.baseName
            if best[name] == nil { order.append(name) }
            if (result.validation?.accuracy ?? -1) > (best[name]?.validation?.accuracy ?? -1) || best[name] == nil {
                best[name] = result
            }
        }
        return order.compactMap { name in best[name].map { (name, $0) } }
    }

    /// The index of the run with the best validation accuracy (ties to the first), or nil without
    /// validation data.
    public static func bestRunIndex(_ results: [RunResult]) -> Int? {
        var best: (index: Int, accuracy: Double)?
        for (index, result) in results.enumerated() {
            guard let accuracy = result.validation?.accuracy else { continue }
            if accuracy > best?.accuracy ?? -1 { best = (index, accuracy) }
        }
        return best?.index
    }
}
