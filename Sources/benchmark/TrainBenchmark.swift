import Foundation
import Datasets
import LinearAlgebra
import Training

/// `benchmark train (--x X.npy --y Y.npy | --blobs N,D,K) [--loss svm|softmax]… [--epochs E]
/// [--threads T,…] [--conditions quiet,contended] [--repeats R] [--json]`: times the real training
/// loop (`RunTrainer`, what `trainer train` runs) with the settings of the NumPy reference
/// `scripts/bench/numpy_reference.py`: batch 200, learning rate 1e-7, L2 strength 2.5e4 (R(W) = Σ W²,
/// b not regularized), W₀ = 0.001·N(0, 1), b₀ = 0, no validation split, no preprocessing, plain
/// SGD, shuffled every epoch.
///
/// The data: a `.npy` pair, or `--blobs N,D,K`, the trainer's `blobs` generator in memory (seed 0;
/// `--blobs 20000,200,10` is the small-step shape: 100 steps of 0.8 M multiply–adds an epoch).
///
/// Per loss (both unless `--loss` names one or more), per thread count (1 and the default, which
/// is `TRAINER_THREADS` or the cores this process may use; `--threads` lists others) and per
/// condition: E epochs (default: 6 for cifar-like sizes, up to 40 for small data, so that the
/// timed epochs add up to a second or so). Epoch 1 (which also evaluates the initial weights) is
/// the warm-up and the last epoch (which evaluates the result) is not timed either, so epochs
/// 2…E−1 are, measured between the trainer's progress events with `evaluate_every` large.
///
/// Conditions: `quiet` as the machine is, `contended` beside one CPU-bound process that this
/// command starts (`benchmark busy`) and ends; `--repeats R` takes turns R times (quiet, then
/// contended) and reports the median of the R runs. Prints per loss and thread count the median
/// seconds per epoch in each condition and each count's ratio to 1 thread, then the GFLOP/s that
/// 4·N·D·K flops per epoch imply (quiet), the seconds of one full evaluation of the training split
/// as each history record computes it (loss, accuracy and margins; the median of 3), and the final
/// train accuracy and loss (data + regularization, on all of X), which the NumPy reference prints
/// too. `--json` prints one line per run instead.
enum TrainBenchmark: BenchmarkCommand {
    static let name = "train"
    static let summary = "time real SGD epochs (RunTrainer), quiet and beside a busy process"
    static let example = "benchmark train --blobs 20000,200,10 --threads 1,2"

    enum Condition: String, CaseIterable {
        case quiet, contended
    }

    /// The losses it times: both unless `--loss` names one or more.
    static let losses = ["svm", "softmax"]

    struct Settings {
        var features: String?
        var labels: String?
        var blobs: (samples: Int, features: Int, classes: Int)?
        /// The losses given with `--loss`; none: both (`lossesToTime`).
        var losses: [String] = []
        /// Nil: 6 for cifar-like sizes, up to 40 for small data (`run`).
        var epochs: Int?
        var threadCounts = Array(Set([1, ParallelPartition.processThreadCount])).sorted()
        var conditions: [Condition] = Condition.allCases
        var repeats = 1
        var json = false

        var lossesToTime: [String] { losses.isEmpty ? TrainBenchmark.losses : losses }
        var dataName: String { blobs.map { "blobs \($0.samples)×\($0.features), K \($0.classes)" } ?? features ?? "" }
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .path("--x", "FILE", "features, .npy (with --y; or --blobs)", \.features),
            .path("--y", "FILE", "labels, .npy", \.labels),
            .optionalValue("--blobs", "N,D,K", "the blobs generator: N points, D features, K classes",
                           requirement: "3 positive integers separated by commas", \.blobs,
                           parse: { text in
                               BenchmarkOption<Settings>.positiveIntegers(text).flatMap { $0.count == 3 ? ($0[0], $0[1], $0[2]) : nil }
                           },
                           show: { _ in nil }),
            BenchmarkOption(name: "--loss", placeholder: "svm|softmax", meaning: "a loss to time, repeatable",
                            requirement: "svm or softmax",
                            set: { settings, text in
                                guard TrainBenchmark.losses.contains(text) else { return false }
                                settings.losses.append(text)
                                return true
                            },
                            shownDefault: { _ in "both" }),
            .optionalValue("--epochs", "E", "epochs per run, at least 3", requirement: "an integer of at least 3", \.epochs,
                           parse: { Int($0).flatMap { $0 >= 3 ? $0 : nil } },
                           show: { _ in "6 to 40 by size" }),
            .integers("--threads", "T[,T…]", "thread counts to time", \.threadCounts),
            .value("--conditions", "C[,C…]", "quiet and/or contended: busy machine",
                   requirement: "quiet, contended or both, separated by a comma", \.conditions, parse: conditions,
                   show: { $0 == Condition.allCases ? "both" : $0.map(\.rawValue).joined(separator: ",") }),
            .integer("--repeats", "R", "runs of each, taking turns; shows the median", \.repeats),
            .flag("--json", "one JSON line per run instead of the table", \.json),
        ], missing: { settings in
            settings.blobs != nil || (settings.features != nil && settings.labels != nil)
                ? nil : "--x FILE and --y FILE, or --blobs N,D,K, are required"
        })
    }

    /// The conditions of a list like "quiet,contended"; nil unless each item is one.
    static func conditions(_ text: String) -> [Condition]? {
        BenchmarkOption<Settings>.commaList(text) { Condition(rawValue: String($0)) }
    }

    /// What one run measured.
    struct Measurement {
        let loss: String
        let threads: Int
        let condition: Condition
        let rows, columns, classes, epochs: Int
        let epochSeconds: [Double]
        let timed: [Double]
        let evaluationSeconds: Double
        let trainAccuracy: Double
        let finalLoss: Double

        var median: Double { Benchmark.median(timed) }
        var gigaflops: Double { 4 * Double(rows) * Double(columns) * Double(classes) / median / 1e9 }
        var gigabytes: Double { 16 * Double(rows) * Double(columns) / median / 1e9 }
    }

    static func run(_ arguments: [String]) throws {
        var settings = try parser.parse(arguments)
        var data: ExperimentData?
        let loading = try Benchmark.seconds {
            let configuration = try self.configuration(settings, loss: "svm", epochs: 3)
            data = try DataLoader.load(configuration.data, seed: configuration.seed, file: configuration.file)
        }
        guard let data else { return }
        let work = Double(data.train.exampleCount) * Double(data.featureCount) * Double(data.classCount)
        let epochs = settings.epochs ?? max(6, min(40, Int(2e9 / max(work, 1))))
        settings.epochs = epochs
        if !settings.json {
            print("\(settings.dataName): N \(data.train.exampleCount)  D \(data.featureCount)  K \(data.classCount)  "
                  + "loaded in \(String(format: "%.2f", loading)) s; epochs 2…\(epochs - 1) of \(epochs) timed; "
                  + "default threads \(ParallelPartition.processThreadCount)")
        }
        var measurements: [Measurement] = []
        for _ in 0..<settings.repeats {
            for condition in settings.conditions {
                let load = condition == .contended ? try BusyProcess.start() : nil
                defer { load?.stop() }
                for loss in settings.lossesToTime {
                    for threads in settings.threadCounts {
                        let measurement = try ParallelPartition.withThreadCount(threads) {
                            try measure(settings, loss: loss, data: data, threads: threads, condition: condition)
                        }
                        if settings.json { print(json(measurement)) }
                        measurements.append(measurement)
                    }
                }
            }
        }
        if !settings.json { printTable(measurements, settings: settings) }
    }

    /// Trains one run and collects the seconds of each epoch from the progress events.
    static func measure(_ settings: Settings, loss: String, data: ExperimentData, threads: Int, condition: Condition) throws -> Measurement {
        let epochs = settings.epochs ?? 6
        let experiment = Experiment(configuration: try configuration(settings, loss: loss, epochs: epochs), data: data)
        guard let run = experiment.configuration.runs.first else { throw BenchmarkUsageError(description: "the config has no run") }
        var elapsed: [Double] = []
        let trainer = RunTrainer(run: run, data: data, seed: experiment.configuration.seed)
        ParallelPartition.startHelperPayoffAfresh()  // timed as a new `trainer` process would run
        let result = trainer.train(from: experiment.initialClassifier(for: run)) { elapsed.append($0.elapsedSeconds) }
        let epochSeconds = zip(elapsed.dropFirst(), elapsed).map { $0 - $1 }
        // What each history record computes of the training split: loss, accuracy and margins. The
        // median of 3: one evaluation may be the payoff's probe of working alone.
        let evaluationSeconds = Benchmark.median((0..<3).map { _ in
            Benchmark.seconds {
                _ = Evaluation.metricsAndMargins(of: result.classifier, loss: trainer.loss, on: data.train,
                                                 satisfiedAt: MarginStatistics.satisfactionMargin(of: run.loss))
            }
        })
        return Measurement(
            loss: loss, threads: threads, condition: condition, rows: data.train.exampleCount,
            columns: data.featureCount, classes: data.classCount, epochs: epochs, epochSeconds: epochSeconds,
            timed: Array(epochSeconds.dropFirst().dropLast()), evaluationSeconds: evaluationSeconds,
            trainAccuracy: result.train.accuracy, finalLoss: result.final?.loss ?? .nan)
    }

    /// The config of the NumPy reference's run, as a student would write it.
    static func configuration(_ settings: Settings, loss: String, epochs: Int) throws -> ExperimentConfiguration {
        let train: String
        if let blobs = settings.blobs {
            train = #"{"generate": {"kind": "blobs", "samples": \#(blobs.samples), "classes": \#(blobs.classes), "features": \#(blobs.features)}}"#
        } else {
            let source = try JSONSerialization.data(withJSONObject: ["features": settings.features ?? "", "labels": settings.labels ?? ""])
            train = String(decoding: source, as: UTF8.self)
        }
        let text = """
            {
              "name": "benchmark-\(loss)", "seed": 0, "evaluate_every": 1000000,
              "data": { "train": \(train), "validation_fraction": 0, "preprocess": "none" },
              "model": { "init": "gaussian", "init_scale": 0.001 },
              "loss": { "type": "\(loss)" },
              "regularizer": { "type": "l2", "strength": 2.5e4, "include_bias": false },
              "optimizer": { "type": "sgd", "learning_rate": 1e-7, "batch_size": 200, "epochs": \(epochs), "shuffle": true }
            }
            """
        return try ConfigLoader.decode(text: text, file: "benchmark train")
    }

    /// One row per loss and thread count: the median over the repeats of each condition, then a
    /// row of ratios to 1 thread for each other count.
    static func printTable(_ measurements: [Measurement], settings: Settings) {
        func median(_ loss: String, _ threads: Int, _ condition: Condition) -> Measurement? {
            let runs = measurements.filter { $0.loss == loss && $0.threads == threads && $0.condition == condition }
            return runs.sorted { $0.median < $1.median }.dropFirst((runs.count - 1) / 2).first
        }
        func seconds(_ m: Measurement?) -> String { m.map { String(format: "%.4f", $0.median) } ?? "     —" }
        let (conditions, threadCounts) = (settings.conditions, settings.threadCounts)
        print("loss     threads  " + conditions.map { "\($0.rawValue) s/epoch".padding(toLength: 20, withPad: " ", startingAt: 0) }.joined()
              + "GFLOP/s   eval s   train acc  final loss")
        for loss in settings.lossesToTime {
            for threads in threadCounts {
                let first = conditions.first.flatMap { median(loss, threads, $0) }
                let cells = conditions.map { seconds(median(loss, threads, $0)).padding(toLength: 20, withPad: " ", startingAt: 0) }
                print(loss.padding(toLength: 7, withPad: " ", startingAt: 0) + String(format: "  %7d  ", threads) + cells.joined()
                      + (first.map { String(format: "%7.1f   %.4f   %.4f     %.4f", $0.gigaflops, $0.evaluationSeconds,
                                            $0.trainAccuracy, $0.finalLoss) } ?? ""))
            }
            for threads in threadCounts where threads != 1 {
                let ratios = conditions.map { condition -> String in
                    guard let many = median(loss, threads, condition), let one = median(loss, 1, condition) else { return "—" }
                    return String(format: "%.2f×", many.median / one.median)
                }
                print(loss.padding(toLength: 7, withPad: " ", startingAt: 0) + "  \(threads) vs 1  "
                      + ratios.map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) }.joined())
            }
        }
        print("median s/epoch of epochs 2…\((settings.epochs ?? 6) - 1)" + (settings.repeats > 1 ? ", median of \(settings.repeats) runs each" : "")
              + (conditions.contains(.contended) ? "; contended: beside one CPU-bound child process (benchmark busy)" : ""))
    }

    /// One JSON object with the NumPy reference's keys (and the Swift-only ones), on one line.
    static func json(_ m: Measurement) -> String {
        let object: [String: Any] = [
            "impl": "swift", "loss": m.loss, "n": m.rows, "d": m.columns, "k": m.classes, "epochs": m.epochs,
            "batch": 200, "lr": 1e-7, "reg": 2.5e4, "threads": m.threads, "condition": m.condition.rawValue,
            "epoch_seconds": m.epochSeconds.map { Double(String(format: "%.4g", $0)) ?? $0 },
            "median_s": m.median, "min_s": m.timed.min() ?? 0, "max_s": m.timed.max() ?? 0,
            "gflops": m.gigaflops, "gbps": m.gigabytes, "evaluation_s": m.evaluationSeconds,
            "train_accuracy": m.trainAccuracy, "final_loss": m.finalLoss,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
