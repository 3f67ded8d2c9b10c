import Testing
import LinearAlgebra
import LinearModel
@testable import Training

@Suite("Gaussian NLL is least squares — the same SGD path at rescaled learning rate and strength")
struct GaussianNLLEquivalenceTests {
    /// K = 3 blobs, SGD with momentum 0.9 and L2; the `gaussian_nll` run at lr·2σ²/K and λ·K/(2σ²).
    static func experiment(sigma: Double) throws -> Experiment {
        let classes = 3.0, scale = 2 * sigma * sigma / classes
        let text = """
            {"seed": 5, "data": {"train": {"generate": {"kind": "blobs", "samples": 90, "classes": 3, "features": 3}}},
             "model": {"init_scale": 0.01},
             "regularizer": {"type": "l2", "strength": 0.01},
             "optimizer": {"learning_rate": 0.1, "batch_size": 8, "momentum": 0.9, "epochs": 1},
             "runs": [{"name": "mse", "loss": {"type": "mse"}},
                      {"name": "nll", "loss": {"type": "gaussian_nll", "sigma": \(sigma)},
                       "optimizer": {"learning_rate": \(0.1 * scale)}, "regularizer": {"strength": \(0.01 / scale)}}]}
            """
        return try Experiment(configuration: ConfigLoader.decode(text: text, file: "equivalence.json"))
    }

    /// max |a − b| / max(|a|, |b|) over the entries of [W b], entries of both below 1e-12 skipped.
    static func largestRelativeDifference(_ a: LinearClassifier, _ b: LinearClassifier) -> Double {
        zip(a.augmentedWeights.elements, b.augmentedWeights.elements).reduce(0) { largest, pair in
            let scale = max(abs(pair.0), abs(pair.1))
            return scale < 1e-12 ? largest : max(largest, abs(pair.0 - pair.1) / scale)
        }
    }

    @Test("after every epoch 1…6, gaussian_nll at lr·2σ²/K, λ·K/(2σ²) has mse's weights to 1e-12 relative",
          arguments: [1.0, 0.3, 2.5])
    func samePath(sigma: Double) throws {
        let experiment = try Self.experiment(sigma: sigma)
        var largest = 0.0
        for epochs in 1...6 {
            let trained = experiment.configuration.runs.map { original in
                var run = original
                run.optimizer.epochs = epochs
                return RunTrainer(run: run, data: experiment.data, seed: experiment.configuration.seed)
                    .train(from: experiment.initialClassifier(for: run)).classifier
            }
            let difference = Self.largestRelativeDifference(trained[0], trained[1])
            largest = max(largest, difference)
            #expect(difference < 1e-12, "σ = \(sigma), epoch \(epochs): largest relative difference \(difference)")
            #expect(trained[0].weights != experiment.initialClassifier(for: experiment.configuration.runs[0]).weights)
        }
        print("σ = \(sigma): largest relative weight difference over epochs 1…6: \(largest)")
    }
}
