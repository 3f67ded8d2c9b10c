import Foundation
import Optimizers
import Datasets

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

    /// `summary.json`: the run's final metrics, the sanity check and how it stopped: `stopped` is
    /// one of `completed`, `early_stopping` (with `best_epoch`), `diverged` and `interrupted` (with
    /// `stopped_at_epoch` and a `hint`).
    public static func summary(_ result: RunResult) -> JSONValue {
        var stop: [(key: String, value: JSONValue)] = [("stopped", .string(result.stopReason.name))]
        switch result.stopReason {
        case .completed: break
        case .earlyStopping(let best): stop.append(("best_epoch", .number(Double(best))))
        case .diverged(let epoch):
            stop.append(("stopped_at_epoch", .number(Double(epoch))))
            stop.append(("hint", "the loss became NaN or ∞; try a smaller learning_rate"))
        case .interrupted(let epoch):
            stop.append(("stopped_at_epoch", .number(Double(epoch))))
            stop.append(("hint", "Ctrl-C or SIGTERM stopped the run during this epoch; the weights of its last step are kept"))
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
        let members: [(key: String, value: JSONValue)] = [
            ("name", .string(result.run.name)),
            ("loss", result.run.loss.resolved),
            ("initial_loss", .number(result.initialLoss)),
            ("expected_initial_loss", .number(result.expectedInitialLoss)),
            ("epochs_run", .number(Double(result.epochsRun))),
        ] + stop + [
            ("final", .object(final)),
            ("zero_weights", .number(Double(result.zeroWeights))),
            ("training_seconds", .number((result.trainingSeconds * 1000).rounded() / 1000)),
        ]
        return .object(members)
    }

    /// The columns of `comparison.csv` before the sweep's paths: what the run is.
    public static let comparisonSettingColumns = [
        "run", "seed", "loss", "regularizer", "strength", "margin", "learning_rate", "batch_size", "momentum", "schedule",
    ]

    /// The columns of `comparison.csv` after the sweep's paths: what the run did.
    public static let comparisonOutcomeColumns = [
        "epochs", "epochs_run", "stopped", "train_accuracy", "validation_accuracy", "test_accuracy", "final_loss",
        "zero_weights", "seconds",
    ]

    /// `comparison.csv` of one seed's runs.
    public static func comparisonCSV(_ results: [RunResult], seed: UInt64) -> String {
        comparisonCSV([SeedResults(seed: seed, results: results, runCount: results.count)])
    }

    /// `comparison.csv`: one row per run and seed, with numeric columns a script can filter on
    /// (`strength`, `margin`, `learning_rate`, `batch_size`, `momentum`, `seed`, one column per
    /// sweep path) and every number at full precision (shortest round trip). A cell is empty where
    /// it does not apply: `margin` for a loss without one, accuracies of a missing split.
    public static func comparisonCSV(_ seeds: [SeedResults]) -> String {
        var sweepPaths: [String] = []
        for seed in seeds {
            for result in seed.results {
                for (path, _) in result.run.sweepPoint where !sweepPaths.contains(path) { sweepPaths.append(path) }
            }
        }
        var text = (comparisonSettingColumns + sweepPaths + comparisonOutcomeColumns).map(CSVFile.quotedIfNeeded).joined(separator: ",") + "\n"
        for seed in seeds {
            for result in seed.results {
                let run = result.run
                let point = sweepPaths.map { path in
                    run.sweepPoint.first { $0.path == path }.map { $0.value.stringValue ?? JSONWriter.compactString($0.value) } ?? ""
                }
                let settings = [
                    run.name, String(seed.seed), lossDescription(run.loss), run.regularizer.type.rawValue,
                    number(run.regularizer.type == .none ? 0 : run.regularizer.strength),
                    usesMargin(run.loss) ? number(run.loss.settings.margin) : "", number(run.optimizer.learningRate),
                    String(run.optimizer.batchSize), number(run.optimizer.momentum), scheduleDescription(run.optimizer.schedule, number: number),
                ]
                let outcome = [
                    String(run.optimizer.epochs), String(result.epochsRun), result.stopReason.name, number(result.train.accuracy),
                    result.validation.map { number($0.accuracy) } ?? "", result.test.map { number($0.accuracy) } ?? "",
                    result.final.map { number($0.loss) } ?? "", String(result.zeroWeights), number((result.trainingSeconds * 1000).rounded() / 1000),
                ]
                text += (settings + point + outcome).map(CSVFile.quotedIfNeeded).joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// The loss as the tables name it: its type, the SVM's variant, and the options that change it
    /// (`svm weston_watkins`, `svm crammer_singer squared`, `softmax`, `sigmoid positive_term_only`).
    public static func lossDescription(_ loss: LossConfiguration) -> String {
        let settings = loss.settings
        switch loss.type {
        case .svm:
            return "svm " + settings.variant.rawValue + (settings.squared ? " squared" : "")
                + (settings.includeCorrectClass ? " include_correct_class" : "")
        case .sigmoid:
            return "sigmoid" + (settings.positiveTermOnly ? " positive_term_only" : "")
        case .softmax, .mse, .gaussianNLL, .triplet:
            return loss.type.rawValue
        }
    }

    /// Whether `loss` has a margin (Δ of the SVM, α of the triplet loss).
    public static func usesMargin(_ loss: LossConfiguration) -> Bool {
        loss.type.keys.contains("margin")
    }

    /// The schedule with its parameters written by `number`: `constant`, `step every 40 γ=0.5`,
    /// `exponential γ=0.9`, `inverse_time decay=0.1`.
    public static func scheduleDescription(_ schedule: LearningRateSchedule, number: (Double) -> String) -> String {
        switch schedule {
        case .constant: "constant"
        case .step(let every, let gamma): "step every \(every) γ=\(number(gamma))"
        case .exponential(let gamma): "exponential γ=\(number(gamma))"
        case .inverseTime(let decay): "inverse_time decay=\(number(decay))"
        }
    }

    /// For a sweep: each run's best grid point by validation accuracy (ties to the first point of
    /// the grid), as (run name without the point, the best result). A point that diverged or was
    /// interrupted is never the best; a run whose every point did is left out.
    public static func bestSweepPoints(_ results: [RunResult]) -> [(run: String, best: RunResult)] {
        var order: [String] = []
        var best: [String: RunResult] = [:]
        for result in results where !result.run.sweepPoint.isEmpty {
            let name = result.run.baseName
            if !order.contains(name) { order.append(name) }
            switch result.stopReason {
            case .diverged, .interrupted: continue
            case .completed, .earlyStopping: break
            }
            if best[name] == nil || (result.validation?.accuracy ?? -1) > (best[name]?.validation?.accuracy ?? -1) {
                best[name] = result
            }
        }
        return order.compactMap { name in best[name].map { (name, $0) } }
    }
}
