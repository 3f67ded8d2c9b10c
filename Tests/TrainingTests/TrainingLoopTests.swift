import Testing
import Training
import LinearAlgebra
import LinearModel
import Datasets

@Suite("Training loop — seeded, paired, diverging, early stopping, SGD and GD")
struct TrainingLoopTests {
    /// The results of every run of `text` and the experiment that made them.
    static func train(_ text: String) throws -> (Experiment, [RunResult]) {
        let experiment = try Experiment(configuration: try TrainingFixtures.configuration(text))
        return (experiment, experiment.trainAll())
    }

    /// The bytes of a run's `history.csv` and `model.json`.
    static func files(_ experiment: Experiment, _ result: RunResult) -> (history: String, model: String) {
        (ResultFiles.historyCSV(result.history), JSONWriter.string(experiment.modelFile(for: result).json))
    }

    static let twoRuns = TrainingFixtures.linearConfig(#"""
        , "optimizer": {"epochs": 4, "batch_size": 16, "momentum": 0.9},
        "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]
        """#)

    @Test("same config and seed → byte-identical history.csv and model.json")
    func determinism() throws {
        let (firstExperiment, first) = try Self.train(Self.twoRuns)
        let (secondExperiment, second) = try Self.train(Self.twoRuns)
        for (a, b) in zip(first, second) {
            let (filesA, filesB) = (Self.files(firstExperiment, a), Self.files(secondExperiment, b))
            #expect(filesA.history == filesB.history, "run \(a.run.name)")
            #expect(filesA.model == filesB.model, "run \(a.run.name)")
        }
        #expect(first[0].history.count == 5, "epoch 0 and four epochs")
    }

    @Test("bias_trick true and false give identical bytes ([W b][x; 1] = Wx + b)")
    func biasTrick() throws {
        let (experiment, results) = try Self.train(TrainingFixtures.linearConfig(#"""
            , "optimizer": {"epochs": 3, "batch_size": 10},
            "runs": [{"name": "with", "model": {"bias_trick": true}}, {"name": "without", "model": {"bias_trick": false}}]
            """#))
        let (with, without) = (Self.files(experiment, results[0]), Self.files(experiment, results[1]))
        #expect(with.history == without.history)
        #expect(with.model == without.model)
    }

    @Test("paired runs start from the same W, drawn before the loss is known")
    func pairedInitialWeights() throws {
        let experiment = try Experiment(configuration: try TrainingFixtures.configuration(Self.twoRuns))
        let (svm, softmax) = (experiment.initialClassifier(for: experiment.configuration.runs[0]),
                              experiment.initialClassifier(for: experiment.configuration.runs[1]))
        #expect(svm.weights == softmax.weights)
        #expect(svm.weights.zeroCount == 0, "a gaussian draw, not zeros")
    }

    @Test("a diverging run (huge learning rate) is marked diverged, keeps finite weights; its neighbour trains")
    func divergence() throws {
        let (_, results) = try Self.train(TrainingFixtures.linearConfig(#"""
            , "loss": {"type": "softmax"}, "optimizer": {"epochs": 30},
            "runs": [{"name": "healthy"}, {"name": "diverging", "optimizer": {"learning_rate": 1e6}, "regularizer": {"strength": 1}}]
            """#))
        let (healthy, diverging) = (results[0], results[1])
        #expect(healthy.stopReason == .completed && healthy.epochsRun == 30)
        guard case .diverged(let epoch) = diverging.stopReason else {
            Issue.record("expected diverged, got \(diverging.stopReason)")
            return
        }
        #expect(epoch >= 1 && epoch < 30 && diverging.epochsRun == epoch)
        #expect(diverging.classifier.weights.isFinite && diverging.classifier.bias.isFinite)
        #expect(diverging.history.allSatisfy { $0.loss.isFinite })
        #expect(diverging.stopReason.explanation.contains("try a smaller learning_rate"))
    }

    @Test("early stopping stops after `patience` epochs without a better validation loss and restores the best weights")
    func earlyStoppingRestoresBest() throws {
        // 30 noisy examples in 20 dimensions: an unregularized softmax overfits.
        let (experiment, results) = try Self.train(#"""
            {"seed": 5, "data": {"train": {"generate": {"kind": "blobs", "samples": 40, "classes": 2, "features": 20, "noise": 10}},
                                 "validation_fraction": 0.25},
             "loss": {"type": "softmax"}, "regularizer": {"type": "none", "strength": 0},
             "optimizer": {"learning_rate": 1, "batch_size": 4, "epochs": 200},
             "early_stopping": {"patience": 3, "restore_best": true}}
            """#)
        let result = results[0]
        guard case .earlyStopping(let bestEpoch) = result.stopReason else {
            Issue.record("expected early stopping, got \(result.stopReason) after \(result.epochsRun) epochs")
            return
        }
        let validationLosses = result.history.compactMap(\.validationLoss)
        let best = try #require(result.history.first { $0.epoch == bestEpoch })
        #expect(best.validationLoss == validationLosses.min())
        #expect(result.epochsRun == bestEpoch + 3)
        let validation = try #require(experiment.data.validation)
        let restored = Evaluation.lossAndAccuracy(of: result.classifier, loss: result.run.loss.makeLoss(), on: validation)
        #expect(restored.dataLoss == best.validationLoss, "the returned weights are those of epoch \(bestEpoch)")
        #expect(restored.dataLoss < (result.history.last?.validationLoss ?? 0))
    }

    @Test("SGD reaches 100 % train accuracy on data/linear.csv (separable by construction)", arguments: ["softmax", "svm"])
    func separable(loss: String) throws {
        let (_, results) = try Self.train(TrainingFixtures.linearConfig(#"""
            , "loss": {"type": "\#(loss)"}, "regularizer": {"type": "none", "strength": 0},
            "optimizer": {"learning_rate": 0.5, "batch_size": 16, "epochs": 200}
            """#))
        #expect(results[0].train.accuracy == 1, "\(loss): \(results[0].train.accuracy)")
    }

    @Test("full-batch gradient descent (batch_size ≥ N, small lr) lowers the softmax loss every epoch")
    func fullBatchDescends() throws {
        let (_, results) = try Self.train(TrainingFixtures.linearConfig(#"""
            , "loss": {"type": "softmax"}, "optimizer": {"learning_rate": 0.05, "batch_size": 100000, "epochs": 25}
            """#))
        let losses = results[0].history.map(\.loss)
        #expect(losses.count == 26)
        for epoch in 1..<losses.count {
            #expect(losses[epoch] < losses[epoch - 1], "epoch \(epoch): \(losses[epoch - 1]) → \(losses[epoch])")
        }
    }

    @Test("proximal L1 makes the weights of irrelevant features exactly 0; the subgradient only jitters them")
    func proximalL1() throws {
        // blobs in 2 informative features, plus 6 features of pure noise
        let blobs = try SyntheticDataset.generate(kind: .blobs, samples: 120, classes: 3, features: 2, noise: 0.5, seed: 1)
        var generator = Xoshiro256StarStar(seed: 2)
        let noiseFeatures = 6, columns = 2 + noiseFeatures
        var features = Matrix(rows: blobs.exampleCount, columns: columns)
        for i in 0..<blobs.exampleCount {
            for j in 0..<columns {
                features[i, j] = j < 2 ? blobs.features[i, j] : generator.gaussian()
            }
        }
        let train = Dataset(features: features, labels: blobs.labels, classNames: blobs.classNames,
                            featureNames: (0..<columns).map { "x\($0)" })
        let data = ExperimentData(train: train, validation: nil, test: nil,
                                  preprocessing: Preprocessing(kind: .none, mean: Array(repeating: 0, count: columns),
                                                               scale: Array(repeating: 1, count: columns)))
        let configuration = try TrainingFixtures.configuration(#"""
            {"seed": 4, "data": {"train": "unused.csv", "validation_fraction": 0},
             "loss": {"type": "softmax"}, "regularizer": {"type": "l1", "strength": 0.05},
             "optimizer": {"learning_rate": 0.1, "batch_size": 20, "epochs": 30},
             "runs": [{"name": "proximal", "regularizer": {"proximal": true}}, {"name": "subgradient"}]}
            """#)
        let results = Experiment(configuration: configuration, data: data).trainAll()
        let (proximal, subgradient) = (results[0].classifier.weights, results[1].classifier.weights)
        let noiseWeights = { (weights: Matrix) in (0..<3).flatMap { k in (2..<columns).map { weights[k, $0] } } }
        let proximalZeros = noiseWeights(proximal).filter { $0 == 0 }.count
        #expect(proximalZeros >= noiseWeights(proximal).count * 3 / 4, "proximal: \(noiseWeights(proximal))")
        #expect(subgradient.zeroCount == 0, "subgradient: \(subgradient.elements)")
        #expect(results[0].train.accuracy > 0.9)
    }
}
