import Testing
import LinearAlgebra
import LinearModel
import Losses
import Datasets
import TestSupport
@testable import Training

/// A config of blobs with a triplet run, decoded and loaded.
func tripletExperiment(_ extra: String = "", samples: Int = 120, epochs: Int = 5) throws -> Experiment {
    let text = """
        {"seed": 3, "data": {"train": {"generate": {"kind": "blobs", "samples": \(samples), "classes": 3, "features": 4}}},
         "model": {"init_scale": 0.1},
         "loss": {"type": "triplet", "embedding_dimension": 2 \(extra)},
         "optimizer": {"learning_rate": 0.05, "batch_size": 16, "epochs": \(epochs), "momentum": 0.9}}
        """
    return try Experiment(configuration: ConfigLoader.decode(text: text, file: "triplet.json"))
}

@Suite("Triplet runs — the embedding V, then nearest centroids as [W b]")
struct TripletTrainingTests {
    @Test("W_k = 2c_kᵀV, b_k = −‖c_k‖² predicts exactly the nearest centroid in the embedding, seeds 0..<20")
    func centroidClassifierEqualsNearestCentroid() {
        for seed in UInt64(0)..<20 {
            let (dimension, features, classes) = (1 + Int(seed) % 3, 2 + Int(seed) % 5, 2 + Int(seed) % 4)
            let embedding = randomMatrix(rows: dimension, columns: features, seed: seed)
            let centroids = randomMatrix(rows: classes, columns: dimension, seed: seed + 100)
            let points = randomMatrix(rows: 50, columns: features, seed: seed + 200, scale: 2)
            let nearest = NearestCentroidClassifier(embedding: embedding, centroids: centroids)
            let direct = nearest.predictions(for: points)
            let linear = nearest.linearClassifier.predictions(for: points)
            #expect(linear == direct, "seed \(seed): [W b] predictions differ from the nearest centroid's")
            #expect(Set(direct).count > 1, "seed \(seed): every point went to one class, the check is too weak")
        }
    }

    @Test("centroids are the class means of V·x: V = [1 0; 0 2], class 0 at x = (0,0), (2,0) → c₀ = (1, 0)")
    func centroidsAreClassMeans() {
        let training = Dataset(features: Matrix([[0, 0], [2, 0], [1, 1], [1, 3]]), labels: [0, 0, 1, 1],
                               classNames: ["a", "b"], featureNames: ["x1", "x2"])
        let classifier = NearestCentroidClassifier(embedding: Matrix([[1, 0], [0, 2]]), training: training, classCount: 2)
        // class 1: V·(1,1) = (1, 2), V·(1,3) = (1, 6) → (1, 4)
        #expect(classifier.centroids == Matrix([[1, 0], [1, 4]]))
        // W₀ = 2·(1, 0)·V = (2, 0), b₀ = −1;  W₁ = 2·(1, 4)·V = (2, 16), b₁ = −17
        let linear = classifier.linearClassifier
        #expect(linear.weights == Matrix([[2, 0], [2, 16]]))
        #expect(linear.bias == Matrix([[-1], [-17]]))
    }

    @Test("a triplet run learns: accuracy above chance, the loss falls from ≈ α, and the model carries V and the centroids")
    func tripletRunLearns() throws {
        let experiment = try tripletExperiment()
        let run = try #require(experiment.configuration.runs.first)
        let result = RunTrainer(run: run, data: experiment.data, seed: experiment.configuration.seed)
            .train(from: experiment.initialClassifier(for: run))
        let embedding = try #require(result.embedding), centroids = try #require(result.centroids)
        #expect(embedding.rows == 2 && embedding.columns == 4)
        #expect(centroids.rows == 3 && centroids.columns == 2)
        #expect(result.expectedInitialLoss == 1)
        #expect(result.history.count == 6)
        let first = try #require(result.history.first), last = try #require(result.history.last)
        #expect(last.dataLoss < first.dataLoss, "loss \(first.dataLoss) → \(last.dataLoss)")
        #expect(result.train.accuracy > 0.8, "train accuracy \(result.train.accuracy)")
        let rebuilt = NearestCentroidClassifier(embedding: embedding, centroids: centroids).linearClassifier
        #expect(rebuilt.weights == result.classifier.weights && rebuilt.bias == result.classifier.bias)
        let file = experiment.modelFile(for: result).json
        #expect(file["embedding"] != nil && file["centroids"] != nil)
    }

    @Test("a triplet run is reproducible, with every mining mode", arguments: TripletMining.allCases)
    func reproducible(mining: TripletMining) throws {
        let experiment = try tripletExperiment(", \"mining\": \"\(mining.rawValue)\"", epochs: 2)
        let run = try #require(experiment.configuration.runs.first)
        let trainer = TripletTrainer(run: run, data: experiment.data, seed: 3)
        let (a, b) = (trainer.train(), trainer.train())
        #expect(a.embedding == b.embedding && a.history == b.history, "\(mining)")
        #expect(a.embedding != TripletTrainer.initialEmbedding(run: run, featureCount: 4, seed: 3), "\(mining): V did not move")
    }

    @Test("a diverging triplet run stops, keeps finite weights and says so")
    func divergence() throws {
        let experiment = try tripletExperiment()
        var run = try #require(experiment.configuration.runs.first)
        // L2's step alone multiplies V by 1 − 2λ·lr = −1999 per minibatch: ∞ within 20 epochs.
        run.optimizer.learningRate = 1e6
        run.optimizer.epochs = 20
        let result = TripletTrainer(run: run, data: experiment.data, seed: 3).train()
        guard case .diverged = result.stopReason else {
            Issue.record("expected divergence, got \(result.stopReason)")
            return
        }
        #expect(result.embedding?.isFinite == true && result.classifier.weights.isFinite)
    }

    @Test("early stopping works on a triplet run as on any (one shared loop): it stops and restores the best epoch's V")
    func earlyStopping() throws {
        let experiment = try tripletExperiment(samples: 150, epochs: 60)
        var run = try #require(experiment.configuration.runs.first)
        run.optimizer.learningRate = 0.5
        run.earlyStopping = EarlyStoppingConfiguration(patience: 2, restoreBest: true)
        var data = experiment.data
        data.validation = try data.train.holdOut(validationFraction: 0.3, testFraction: 0, seed: 1).validation
        let result = TripletTrainer(run: run, data: data, seed: 3).train()
        guard case .earlyStopping(let bestEpoch) = result.stopReason else {
            Issue.record("expected early stopping within 60 epochs at lr 0.5, got \(result.stopReason)")
            return
        }
        let best = try #require(result.history.first { $0.epoch == bestEpoch })
        #expect(result.epochsRun == bestEpoch + 2 && result.epochsRun < 60)
        // The restored V gives back exactly the best record's validation loss and training loss.
        #expect(result.validation?.dataLoss == best.validationLoss, "restored \(String(describing: result.validation?.dataLoss)), best \(best)")
        #expect(result.train.dataLoss == best.dataLoss)
    }

    @Test("a class with one training example gets a warning, not a crash")
    func singletonClassWarning() throws {
        let experiment = try tripletExperiment()
        var data = experiment.data
        let keep = data.train.labels.indices.filter { data.train.labels[$0] != 2 } + [data.train.labels.firstIndex(of: 2) ?? 0]
        data.train = Dataset(features: data.train.features.gatheringRows(keep), labels: keep.map { data.train.labels[$0] },
                             classNames: data.train.classNames, featureNames: data.train.featureNames)
        let run = try #require(experiment.configuration.runs.first)
        let warnings = TripletTrainer.warnings(for: run, data: data)
        #expect(warnings.count == 1 && warnings.first?.contains("class '2' has 1 training example") == true, "\(warnings)")
        let result = TripletTrainer(run: run, data: data, seed: 3).train()
        #expect(result.train.dataLoss.isFinite && result.classifier.weights.isFinite)
    }

    @Test("the split loss is the mean over every valid triplet: equal to the triple loop on small splits, seeds 0..<20")
    func exactSplitLoss() {
        for seed in UInt64(0)..<20 {
            let rows = 3 + Int(seed) % 10
            let embeddings = randomMatrix(rows: rows, columns: 2, seed: seed)
            let labels = randomLabels(count: rows, classCount: 3, seed: seed)
            let expected = TripletLoss(margin: 1, mining: .all).naiveDataLossAndGradient(scores: embeddings, labels: labels).loss
            expectClose(TripletSplitLoss.meanLoss(embeddings: embeddings, labels: labels, margin: 1, seed: 0), expected,
                        tolerance: 1e-12, "seed \(seed)")
        }
    }

    @Test("the seeded sample of a large split estimates the exact mean within 3%")
    func sampledSplitLoss() {
        let embeddings = randomMatrix(rows: 300, columns: 2, seed: 5)
        let labels = randomLabels(count: 300, classCount: 3, seed: 5)
        let exact = TripletSplitLoss.meanLoss(embeddings: embeddings, labels: labels, margin: 1, seed: 0)
        let sampled = TripletSplitLoss.meanLoss(embeddings: embeddings, labels: labels, margin: 1, seed: 9,
                                                exactRowLimit: 0, sampleSize: 20_000)
        #expect(abs(sampled - exact) < 0.03 * exact, "exact \(exact), sampled \(sampled)")
        #expect(sampled != exact, "the sample path was not taken")
    }

    @Test("gradcheck on a triplet run checks V's entries only and passes away from kinks", arguments: TripletMining.allCases)
    func gradientCheck(mining: TripletMining) throws {
        let experiment = try tripletExperiment(", \"mining\": \"\(mining.rawValue)\"")
        let run = try #require(experiment.configuration.runs.first)
        let rows = Array(0..<12)
        let check = GradientCheck(run: run, strength: 0.01, features: experiment.data.train.features.gatheringRows(rows),
                                  labels: rows.map { experiment.data.train.labels[$0] })
        let point = LinearClassifier(weights: randomMatrix(rows: 2, columns: 4, seed: 1, scale: 0.5), bias: Matrix(rows: 2, columns: 1))
        var generator = Xoshiro256StarStar(seed: 2)
        let results = check.check(point, count: 30, generator: &generator)
        #expect(results.allSatisfy { $0.parameter.hasPrefix("W[") })
        let smooth = results.filter { !$0.crossesKink }
        #expect(smooth.count >= 10, "\(mining): only \(smooth.count) coordinates away from kinks")
        for result in smooth {
            #expect(result.relativeError < 1e-6, "\(mining) \(result.parameter): analytic \(result.analytic), numerical \(result.numerical)")
        }
    }
}
