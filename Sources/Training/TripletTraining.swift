import LinearAlgebra
import LinearModel
import Losses
import Datasets

/// Minibatch SGD on a triplet run: the lecture's loop with the embedding V (M×D, no bias) in place
/// of [W b], and the nearest-centroid classifier read off after every evaluated epoch:
///
///     for each epoch e: lr = schedule(lr₀, e); shuffle the training split (seeded)
///         for each minibatch B:  E = X_B·Vᵀ;  L, dE = triplet loss(E, y_B)   (mined in the batch)
///                                dV = dEᵀ·X_B + λ·∂R/∂V;  V ← optimizer step;  V ← prox(V)
///         c_k = class centroids of V·X_train;  W_k = 2c_kᵀV, b_k = −‖c_k‖²  (NearestCentroidClassifier)
///         history: triplet loss of each split (TripletSplitLoss) + λR(V), accuracies of [W b]
///
/// Paired with the other runs of its experiment: the same minibatch order (the shuffler's stream),
/// and V drawn from the initial-weights stream as W is, so a triplet run and a softmax run with
/// M = K start from the same numbers. The epoch loop, with early stopping and divergence, is
/// `TrainingLoop`'s, as for every run; `EmbeddingState` is what it trains.
public struct TripletTrainer {
    public let run: RunConfiguration
    public let data: ExperimentData
    public let seed: UInt64
    /// The minibatch loss (batch number 0); the loop advances its batch number.
    public let loss: TripletLoss
    /// The seed of the split losses' triplet sample.
    let evaluationSeed: UInt64

    public init(run: RunConfiguration, data: ExperimentData, seed: UInt64) {
        precondition(run.loss.type == .triplet, "a triplet trainer trains triplet runs")
        self.run = run
        self.data = data
        self.seed = seed
        var seeds = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.tripletMining.rawValue)
        loss = TripletLoss(margin: run.loss.settings.margin, mining: run.loss.settings.mining, seed: seeds.next())
        evaluationSeed = seeds.next()
    }

    /// V₀ (M×D): `init_scale`·N(0, 1) entries from the experiment's initial-weights stream, row after
    /// row, as `LinearClassifier(classCount:featureCount:initialization:generator:)` draws W.
    public static func initialEmbedding(run: RunConfiguration, featureCount: Int, seed: UInt64) -> Matrix {
        var generator = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.initialWeights.rawValue)
        return LinearClassifier(classCount: run.loss.settings.embeddingDimension, featureCount: featureCount,
                                initialization: run.initialization, generator: &generator).weights
    }

    /// The sentences a student should read before a triplet run: classes with fewer than two training
    /// examples have no positive pair, so nothing pulls them together.
    public static func warnings(for run: RunConfiguration, data: ExperimentData) -> [String] {
        guard run.loss.type == .triplet else { return [] }
        return NearestCentroidClassifier.classesWithFewExamples(in: data.train).map { name, count in
            "warning: run '\(run.name)': class '\(name)' has \(count) training example\(count == 1 ? "" : "s"): "
                + "the triplet loss has no positive for it, so its centroid is "
                + (count == 0 ? "the origin" : "that one point") + " and its accuracy means little"
        }
    }

    /// The training split's triplet loss at V₀: the initial-loss line's value (≈ α when V₀ ≈ 0).
    public func initialDataLoss() -> Double {
        let embedding = Self.initialEmbedding(run: run, featureCount: data.featureCount, seed: seed)
        return TripletSplitLoss.meanLoss(embeddings: data.train.features.multiplyingTransposed(embedding), labels: data.train.labels,
                                         margin: loss.margin, seed: evaluationSeed)
    }

    /// Trains from V₀ in `TrainingLoop` and returns the result with the nearest-centroid [W b] as
    /// its classifier; `progress` hears of every epoch, `interruption` stops it after a step.
    public func train(progress: (ProgressEvent) -> Void = { _ in }, interruption: Interruption? = nil) -> RunResult {
        var state = EmbeddingState(run: run, loss: loss, data: data, evaluationSeed: evaluationSeed,
                                   embedding: Self.initialEmbedding(run: run, featureCount: data.featureCount, seed: seed))
        let loop = TrainingLoop(run: run, seed: seed, exampleCount: data.train.exampleCount, interruption: interruption)
        let outcome = loop.train(&state, progress: progress)
        let centroid = state.centroidClassifier()
        let classifier = centroid.linearClassifier
        return RunResult(
            run: run, classifier: classifier, history: outcome.history, stopReason: outcome.stopReason,
            initialLoss: outcome.initialLoss, expectedInitialLoss: loss.expectedInitialLoss(classCount: data.classCount),
            epochsRun: outcome.epochsRun, trainingSeconds: outcome.seconds,
            train: state.metrics(classifier, data.train),
            validation: data.validation.map { state.metrics(classifier, $0) },
            test: data.test.map { state.metrics(classifier, $0) },
            embedding: state.embedding, centroids: centroid.centroids, snapshots: outcome.snapshots)
    }
}
