import Foundation
import Datasets
import Training

/// `benchmark triplet [--data FEATURES.npy] [--epochs E] [--batch B] [--embedding M]`: seconds per
/// SGD epoch of a softmax run and of a triplet run with each mining mode, on the same data, through
/// the real training loop (`RunTrainer`).
///
/// The data default to an in-memory `blobs` set of mid size (N 100,000, D 100, K 10); `--data` takes
/// a `.npy` features file, with its labels in `NAME-labels.npy` beside it (or `NAME-y.npy` for a
/// `NAME-X.npy`, as the course's benchmark sets are named). Each run trains E epochs
/// (default 3) with evaluation only at epoch 0 and at the end; the figure is the median time of the
/// epochs in between plus the first (SGD only, from the progress events), and the time of one full
/// evaluation (epoch 0's: the loss and accuracy of the training split; for triplet, the sampled
/// 10⁶-triplet loss and the centroids) is printed beside it.
enum TripletBenchmark: BenchmarkCommand {
    static let name = "triplet"
    static let summary = "time softmax and triplet SGD (each mining mode) on mid-sized data"
    static let example = "benchmark triplet --data bench-data/mid-X.npy --epochs 3"

    struct Settings {
        var dataPath: String?
        var epochs = 3
        var batch = 200
        var embedding = 2
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .path("--data", "FILE.npy", "features, labels beside", \.dataPath,
                  absent: "blobs 100000×100, K 10"),
            .integer("--epochs", "E", "epochs per run", \.epochs, atLeast: 2),
            .integer("--batch", "B", "rows per minibatch", \.batch),
            .integer("--embedding", "M", "the triplet runs' embedding dimension", \.embedding),
        ])
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parser.parse(arguments), epochs = settings.epochs
        let configuration = try ConfigLoader.decode(text: configText(dataPath: settings.dataPath, epochs: epochs,
                                                                     batch: settings.batch, embedding: settings.embedding),
                                                    file: "benchmark triplet")
        let data = try DataLoader.load(configuration.data, seed: configuration.seed, file: configuration.file)
        let experiment = Experiment(configuration: configuration, data: data)
        print("N \(data.train.exampleCount)  D \(data.featureCount)  K \(data.classCount)  batch \(settings.batch)  "
              + "M \(settings.embedding)  \(epochs) epochs per run, evaluated at 0 and \(epochs)")
        print("run                  s/epoch (SGD)   × softmax   evaluation s   stop")
        var softmaxSeconds: Double?
        for run in configuration.runs {
            var stamps: [Double] = []
            let trainer = RunTrainer(run: run, data: data, seed: configuration.seed)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = trainer.train(from: experiment.initialClassifier(for: run)) { _ in
                stamps.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            // stamps[e] is after epoch e; epoch 0 and the last epoch include an evaluation.
            let sgd = (1..<epochs).map { stamps[$0] - stamps[$0 - 1] }
            let perEpoch = Benchmark.median(sgd)
            let evaluation = stamps[0]
            let ratio = softmaxSeconds.map { String(format: "%8.1f×", perEpoch / $0) } ?? "        —"
            if softmaxSeconds == nil { softmaxSeconds = perEpoch }
            print(run.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                  + String(format: " %10.3f      %@   %8.3f       ", perEpoch, ratio, evaluation) + result.stopReason.explanation)
        }
    }

    /// `NAME-y.npy` beside `NAME-X.npy`, else the trainer's `NAME-labels.npy`.
    static func labelsPath(forFeaturesPath path: String) -> String {
        path.hasSuffix("-X.npy") ? String(path.dropLast(6)) + "-y.npy" : NumPyFile.labelsPath(forFeaturesPath: path)
    }

    /// One softmax run and one triplet run per mining mode, on `dataPath` or generated blobs.
    static func configText(dataPath: String?, epochs: Int, batch: Int, embedding: Int) -> String {
        let train = dataPath.map { #"{"features": "\#($0)", "labels": "\#(labelsPath(forFeaturesPath: $0))"}"# }
            ?? #"{"generate": {"kind": "blobs", "samples": 100000, "classes": 10, "features": 100}}"#
        let triplets = ["all", "hard", "semi_hard", "random"].map {
            #"{"name": "triplet-\#($0)", "loss": {"type": "triplet", "embedding_dimension": \#(embedding), "mining": "\#($0)"}}"#
        }
        return """
            {"name": "benchmark-triplet", "seed": 1, "evaluate_every": 1000000,
             "data": {"train": \(train), "validation_fraction": 0, "test_fraction": 0},
             "optimizer": {"learning_rate": 0.001, "batch_size": \(batch), "epochs": \(epochs)},
             "runs": [{"name": "softmax", "loss": {"type": "softmax"}}, \(triplets.joined(separator: ", "))]}
            """
    }
}
