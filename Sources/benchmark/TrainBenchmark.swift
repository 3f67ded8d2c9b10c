import Foundation
import Datasets
import LinearAlgebra
import Training

/// `benchmark train --x X.npy --y Y.npy [--loss svm|softmax]… [--epochs E] [--threads T] [--json]`:
/// times the real training loop (`RunTrainer`, what `trainer train` runs) on a `.npy` pair with
/// the settings of the NumPy reference `numpy_ref.py`: batch 200, learning rate 1e-7, L2 strength
/// 2.5e4 (R(W) = Σ W², b not regularized), W₀ = 0.001·N(0, 1), b₀ = 0, no validation split, no
/// preprocessing, plain SGD, shuffled every epoch.
///
/// Per loss (both unless `--loss` names one or more): E epochs (default 6). Epoch 1 (which also
/// evaluates the initial weights) is the warm-up and the last epoch (which evaluates the result) is
/// not timed either, so epochs 2…E−1 are, measured between the trainer's progress events with
/// `evaluate_every` large, so no evaluation falls inside them. Prints the median and min–max
/// seconds per epoch, the threads, the GFLOP/s that 4·N·D·K flops per epoch imply and the GB/s of
/// two passes over X (16·N·D bytes), the seconds of one full evaluation of the training split
/// (loss and accuracy: a forward pass), and the final train accuracy and loss (data +
/// regularization, on all of X), which `numpy_ref.py` prints too. `--threads` sets
/// `TRAINER_THREADS` for the kernels (default: every core).
enum TrainBenchmark {
    static let summary = "time the real SGD epoch (RunTrainer) on a .npy pair with numpy_ref.py's settings"

    struct Options {
        var features = ""
        var labels = ""
        var losses: [String] = []
        var epochs = 6
        var threads: Int?
        var json = false
    }

    /// What one loss's run measured.
    struct Measurement {
        let loss: String
        let threads: Int
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
        let options = try parse(arguments)
        if let threads = options.threads { setenv("TRAINER_THREADS", String(threads), 1) }
        var data: ExperimentData?
        let loading = try Benchmark.seconds {
            let configuration = try self.configuration(options, loss: "svm")
            data = try DataLoader.load(configuration.data, seed: configuration.seed, file: configuration.file)
        }
        guard let data else { return }
        if !options.json {
            print("\(options.features): N \(data.train.exampleCount)  D \(data.featureCount)  K \(data.classCount)  "
                  + "loaded in \(String(format: "%.2f", loading)) s; epochs 2…\(options.epochs - 1) of \(options.epochs) timed")
            print("loss     threads  median s/epoch  min–max          GFLOP/s   GB/s   eval s   train acc  final loss")
        }
        for loss in options.losses {
            let measurement = try measure(options, loss: loss, data: data)
            print(options.json ? json(measurement) : row(measurement))
        }
    }

    /// Trains one run and collects the seconds of each epoch from the progress events.
    static func measure(_ options: Options, loss: String, data: ExperimentData) throws -> Measurement {
        let experiment = Experiment(configuration: try configuration(options, loss: loss), data: data)
        guard let run = experiment.configuration.runs.first else { throw BenchmarkUsageError(description: "the config has no run") }
        var elapsed: [Double] = []
        let trainer = RunTrainer(run: run, data: data, seed: experiment.configuration.seed)
        let result = trainer.train(from: experiment.initialClassifier(for: run)) { elapsed.append($0.elapsedSeconds) }
        let epochSeconds = zip(elapsed.dropFirst(), elapsed).map { $0 - $1 }
        let evaluationSeconds = Benchmark.seconds {
            _ = Evaluation.lossAndAccuracy(of: result.classifier, loss: trainer.loss, on: data.train)
        }
        return Measurement(
            loss: loss, threads: ParallelPartition.defaultThreadCount, rows: data.train.exampleCount,
            columns: data.featureCount, classes: data.classCount, epochs: options.epochs, epochSeconds: epochSeconds,
            timed: Array(epochSeconds.dropFirst().dropLast()), evaluationSeconds: evaluationSeconds,
            trainAccuracy: result.train.accuracy, finalLoss: result.final?.loss ?? .nan)
    }

    /// The config of `numpy_ref.py`'s run, as a student would write it.
    static func configuration(_ options: Options, loss: String) throws -> ExperimentConfiguration {
        let source = try JSONSerialization.data(withJSONObject: ["features": options.features, "labels": options.labels])
        let text = """
            {
              "name": "benchmark-\(loss)", "seed": 0, "evaluate_every": 1000000,
              "data": { "train": \(String(decoding: source, as: UTF8.self)), "validation_fraction": 0, "preprocess": "none" },
              "model": { "init": "gaussian", "init_scale": 0.001 },
              "loss": { "type": "\(loss)" },
              "regularizer": { "type": "l2", "strength": 2.5e4, "include_bias": false },
              "optimizer": { "type": "sgd", "learning_rate": 1e-7, "batch_size": 200, "epochs": \(options.epochs), "shuffle": true }
            }
            """
        return try ConfigLoader.decode(text: text, file: "benchmark train")
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            if option == "--json" {
                options.json = true
                continue
            }
            guard let value = remaining.popFirst() else { throw BenchmarkUsageError(description: "\(option) needs a value") }
            switch option {
            case "--x": options.features = value
            case "--y": options.labels = value
            case "--loss" where ["svm", "softmax"].contains(value): options.losses.append(value)
            case "--epochs" where (Int(value) ?? 0) >= 3: options.epochs = Int(value) ?? 6
            case "--threads" where (Int(value) ?? 0) >= 1: options.threads = Int(value)
            default:
                throw BenchmarkUsageError(description: "unknown option or bad value: \(option) \(value); expected --x FILE, --y FILE, "
                                          + "--loss svm|softmax, --epochs (at least 3), --threads (positive) or --json")
            }
        }
        guard !options.features.isEmpty, !options.labels.isEmpty else {
            throw BenchmarkUsageError(description: "--x X.npy and --y Y.npy are required")
        }
        if options.losses.isEmpty { options.losses = ["svm", "softmax"] }
        return options
    }

    static func row(_ m: Measurement) -> String {
        String(format: "%@  %7d  %.4f          %.4f–%.4f    %7.1f  %5.1f   %.4f   %.4f     %.4f",
               m.loss.padding(toLength: 7, withPad: " ", startingAt: 0), m.threads, m.median, m.timed.min() ?? 0,
               m.timed.max() ?? 0, m.gigaflops, m.gigabytes, m.evaluationSeconds, m.trainAccuracy, m.finalLoss)
    }

    /// One JSON object with `numpy_ref.py`'s keys (and the Swift-only ones), on one line.
    static func json(_ m: Measurement) -> String {
        let object: [String: Any] = [
            "impl": "swift", "loss": m.loss, "n": m.rows, "d": m.columns, "k": m.classes, "epochs": m.epochs,
            "batch": 200, "lr": 1e-7, "reg": 2.5e4, "threads": m.threads,
            "epoch_seconds": m.epochSeconds.map { Double(String(format: "%.4g", $0)) ?? $0 },
            "median_s": m.median, "min_s": m.timed.min() ?? 0, "max_s": m.timed.max() ?? 0,
            "gflops": m.gigaflops, "gbps": m.gigabytes, "evaluation_s": m.evaluationSeconds,
            "train_accuracy": m.trainAccuracy, "final_loss": m.finalLoss,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
