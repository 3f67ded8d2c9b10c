import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Optimizers
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
/// M = K start from the same numbers. Early stopping and divergence work as in `RunTrainer`.
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
        loss = TripletLoss(margin: run.loss.margin, mining: run.loss.tripletMining, seed: seeds.next())
        evaluationSeed = seeds.next()
    }

    /// V₀ (M×D): `init_scale`·N(0, 1) entries from the experiment's initial-weights stream, row after
    /// row, as `LinearClassifier(classCount:featureCount:initialization:generator:)` draws W.
    public static func initialEmbedding(run: RunConfiguration, featureCount: Int, seed: UInt64) -> Matrix {
        var generator = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.initialWeights.rawValue)
        return LinearClassifier(classCount: run.loss.embeddingDimension, featureCount: featureCount,
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
        splitLoss(Self.initialEmbedding(run: run, featureCount: data.featureCount, seed: seed), data.train)
    }

    /// Trains from V₀ and returns the result with the nearest-centroid [W b] as its classifier;
    /// `progress` hears of every epoch.
    public func train(progress: (ProgressEvent) -> Void = { _ in }) -> RunResult {
        let start = Date()
        var state = EmbeddingState(run: run, loss: loss, data: data,
                                   embedding: Self.initialEmbedding(run: run, featureCount: data.featureCount, seed: seed))
        var history = [evaluate(state.embedding, epoch: 0)]
        let initialLoss = history[0].dataLoss
        progress(ProgressEvent(runName: run.name, epoch: 0, epochs: run.optimizer.epochs, record: history[0], elapsedSeconds: 0))
        var order = Array(0..<data.train.exampleCount)
        var shuffler = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.minibatchOrder.rawValue)
        var stopReason = StopReason.completed
        var best = (loss: history[0].validationLoss ?? .infinity, epoch: 0, embedding: state.embedding)
        var epochsRun = 0
        for epoch in 1...max(run.optimizer.epochs, 1) where run.optimizer.epochs > 0 {
            let learningRate = run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: epoch - 1)
            if run.optimizer.shuffle { shuffler.shuffle(&order) }
            let lastFinite = state.embedding
            state.runEpoch(order: order, learningRate: learningRate)
            epochsRun = epoch
            var record: EpochRecord?
            if !state.embedding.isFinite {
                state.embedding = lastFinite
                stopReason = .diverged(epoch: epoch)
            } else if epoch % run.evaluateEvery == 0 || epoch == run.optimizer.epochs {
                let evaluation = evaluate(state.embedding, epoch: epoch, learningRate: learningRate)
                if evaluation.loss.isFinite {
                    history.append(evaluation)
                    record = evaluation
                } else {
                    state.embedding = lastFinite
                    stopReason = .diverged(epoch: epoch)
                }
            }
            progress(ProgressEvent(runName: run.name, epoch: epoch, epochs: run.optimizer.epochs, record: record,
                                   elapsedSeconds: Date().timeIntervalSince(start)))
            if case .diverged = stopReason { break }
            if let earlyStopping = run.earlyStopping, let validationLoss = record?.validationLoss {
                if validationLoss < best.loss {
                    best = (validationLoss, epoch, state.embedding)
                } else if epoch - best.epoch >= earlyStopping.patience * run.evaluateEvery {
                    if earlyStopping.restoreBest { state.embedding = best.embedding }
                    stopReason = .earlyStopping(bestEpoch: best.epoch)
                    break
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let centroid = centroidClassifier(state.embedding)
        let classifier = centroid.linearClassifier
        return RunResult(
            run: run, classifier: classifier, history: history, stopReason: stopReason,
            initialLoss: initialLoss, expectedInitialLoss: loss.expectedInitialLoss(classCount: data.classCount),
            epochsRun: epochsRun, trainingSeconds: seconds,
            train: metrics(classifier, state.embedding, data.train),
            validation: data.validation.map { metrics(classifier, state.embedding, $0) },
            test: data.test.map { metrics(classifier, state.embedding, $0) },
            embedding: state.embedding, centroids: centroid.centroids)
    }

    /// The centroids of the embedded training split under V.
    func centroidClassifier(_ embedding: Matrix) -> NearestCentroidClassifier {
        NearestCentroidClassifier(embedding: embedding, training: data.train, classCount: data.classCount)
    }

    /// The mean triplet loss (mining `all`) of `dataset` embedded by V.
    func splitLoss(_ embedding: Matrix, _ dataset: Dataset) -> Double {
        TripletSplitLoss.meanLoss(embeddings: dataset.features.multiplyingTransposed(embedding), labels: dataset.labels,
                                  margin: loss.margin, seed: evaluationSeed)
    }

    /// Accuracy and confusion of the nearest-centroid [W b] on `dataset`, with the triplet loss of the
    /// split as its data loss.
    func metrics(_ classifier: LinearClassifier, _ embedding: Matrix, _ dataset: Dataset) -> SplitMetrics {
        // The accuracy pass needs some loss; MSE costs O(N·K) and its value is replaced below.
        var metrics = Evaluation.metrics(of: classifier, loss: MeanSquaredErrorLoss(), on: dataset)
        metrics.dataLoss = splitLoss(embedding, dataset)
        return metrics
    }

    /// The history record of V after `epoch`.
    func evaluate(_ embedding: Matrix, epoch: Int, learningRate: Double? = nil) -> EpochRecord {
        let classifier = centroidClassifier(embedding).linearClassifier
        let train = metrics(classifier, embedding, data.train)
        let validation = data.validation.map { metrics(classifier, embedding, $0) }
        let regularization = run.regularizer.strength * run.regularizer.makeRegularizer().penalty(of: embedding)
        return EpochRecord(
            epoch: epoch,
            learningRate: learningRate ?? run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: 0),
            loss: train.dataLoss + regularization, dataLoss: train.dataLoss, regularizationLoss: regularization,
            trainAccuracy: train.accuracy, validationLoss: validation?.dataLoss, validationAccuracy: validation?.accuracy)
    }
}

/// The mutable state of a triplet run's SGD: V, its optimizer's velocity, the minibatch loss (whose
/// batch number advances once per step, so `random` mining draws afresh) and the buffers a step
/// writes into, allocated once.
struct EmbeddingState {
    let run: RunConfiguration
    let regularizer: any Regularizer
    let data: ExperimentData
    var loss: TripletLoss
    var embedding: Matrix
    var optimizer: StochasticGradientDescent
    private var embeddings: Matrix
    private var embeddingsGradient: Matrix
    private var gradient: Matrix
    private var batchLabels: [Int] = []
    private var scratch = TripletScratch()

    init(run: RunConfiguration, loss: TripletLoss, data: ExperimentData, embedding: Matrix) {
        self.run = run
        self.regularizer = run.regularizer.makeRegularizer()
        self.data = data
        self.loss = loss
        self.embedding = embedding
        optimizer = StochasticGradientDescent(momentum: run.optimizer.momentum, nesterov: run.optimizer.nesterov)
        embeddings = Matrix(rows: 0, columns: embedding.rows)
        embeddingsGradient = embeddings
        gradient = Matrix(rows: embedding.rows, columns: embedding.columns)
    }

    /// One pass over the training split in minibatches of `batch_size` rows taken in `order`.
    mutating func runEpoch(order: [Int], learningRate: Double) {
        let batchSize = max(1, min(run.optimizer.batchSize, order.count))
        var start = 0
        while start < order.count {
            step(rows: order[start..<min(start + batchSize, order.count)], learningRate: learningRate)
            start += batchSize
        }
    }

    /// One SGD step on the minibatch `rows`: E = X_B·Vᵀ, dV = dEᵀ·X_B + λ∂R/∂V.
    mutating func step(rows: ArraySlice<Int>, learningRate: Double) {
        let features = data.train.features
        if embeddings.rows != rows.count {
            embeddings = Matrix(rows: rows.count, columns: embedding.rows)
            embeddingsGradient = embeddings
        }
        batchLabels.removeAll(keepingCapacity: true)
        for row in rows { batchLabels.append(data.train.labels[row]) }
        Matrix.multiplyTransposed(rowsOf: features, at: rows, by: embedding, into: &embeddings)
        _ = loss.dataLossAndGradient(scores: embeddings, labels: batchLabels, scoresGradient: &embeddingsGradient, scratch: &scratch)
        loss.batchNumber &+= 1
        Matrix.transposedMultiply(embeddingsGradient, byRowsOf: features, at: rows, into: &gradient)
        let strength = run.regularizer.strength
        regularizer.addGradient(of: embedding, strength: strength, into: &gradient)
        optimizer.step(&embedding, gradient: gradient, learningRate: learningRate)
        regularizer.proximalStep(&embedding, threshold: learningRate * strength)
    }
}
