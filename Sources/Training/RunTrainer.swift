import LinearAlgebra
import LinearModel
import Losses
import Datasets

/// What the training loop reports while it runs, for progress displays.
public struct ProgressEvent: Sendable {
    public var runName: String
    public var epoch: Int
    public var epochs: Int
    /// The newest record, when this epoch was evaluated.
    public var record: EpochRecord?
    public var elapsedSeconds: Double
}

/// Minibatch SGD on one run, the lecture's loop:
///
///     for each epoch e: lr = schedule(lr₀, e); shuffle the training split (seeded)
///         for each minibatch B:  S = X_B·Wᵀ + b;  L, dS = loss(S, y_B)
///                                dW = dSᵀ·X_B + λ·∂R/∂W;  db = Σᵢ dSᵢ
///                                W, b ← optimizer step;  W ← prox(W) for proximal L1
///         evaluate loss and accuracy on the full splits; stop early or on divergence
///
/// The epoch loop is `TrainingLoop`'s, shared with triplet runs; this type sets up a classifier's
/// `TrainingState` and turns the outcome into a `RunResult`.
///
/// Runs of one experiment are *paired*: they start from the same W and see the same minibatches
/// in the same order, so that a difference between them is their configuration's doing.
public struct RunTrainer {
    public let run: RunConfiguration
    public let data: ExperimentData
    public let loss: any Loss
    /// The seed of the minibatch order (shared by the paired runs).
    public let seed: UInt64

    public init(run: RunConfiguration, data: ExperimentData, seed: UInt64) {
        self.run = run
        self.data = data
        self.loss = run.loss.makeLoss()
        self.seed = seed
    }

    /// Trains from `initial` and returns the result; `progress` hears of every epoch, and a request
    /// of `interruption` stops the run at the end of the step in progress (`StopReason.interrupted`).
    /// A triplet run trains its embedding instead, from its own V₀ (`TripletTrainer`), and ignores
    /// `initial`.
    public func train(
        from initial: LinearClassifier, progress: (ProgressEvent) -> Void = { _ in }, interruption: Interruption? = nil
    ) -> RunResult {
        guard let loss = loss as? any RowwiseLoss else {
            return TripletTrainer(run: run, data: data, seed: seed).train(progress: progress, interruption: interruption)
        }
        var state = TrainingState(run: run, loss: loss, data: data, classifier: initial)
        let loop = TrainingLoop(run: run, seed: seed, exampleCount: data.train.exampleCount, interruption: interruption)
        let outcome = loop.train(&state, progress: progress)
        return RunResult(
            run: run, classifier: state.classifier, history: outcome.history, stopReason: outcome.stopReason,
            initialLoss: outcome.initialLoss, expectedInitialLoss: loss.expectedInitialLoss(classCount: data.classCount),
            epochsRun: outcome.epochsRun, trainingSeconds: outcome.seconds,
            train: Evaluation.metrics(of: state.classifier, loss: loss, on: data.train, implementation: run.implementation),
            validation: data.validation.map {
                Evaluation.metrics(of: state.classifier, loss: loss, on: $0, implementation: run.implementation)
            },
            test: data.test.map { Evaluation.metrics(of: state.classifier, loss: loss, on: $0, implementation: run.implementation) },
            snapshots: outcome.snapshots)
    }

    /// The training split's data loss at the start, for the initial-loss line: of `initial`, or of a
    /// triplet run's V₀ (its `initial` classifier is not what it trains).
    public func initialDataLoss(from initial: LinearClassifier) -> Double {
        if run.loss.type == .triplet { return TripletTrainer(run: run, data: data, seed: seed).initialDataLoss() }
        return Evaluation.lossAndAccuracy(of: initial, loss: loss, on: data.train, implementation: run.implementation).dataLoss
    }
}

/// The purposes that draw from the experiment's seed, each from its own stream, so that adding
/// a draw for one purpose never shifts another's.
public enum StreamPurpose: UInt64 {
    case split = 1
    case initialWeights = 2
    case minibatchOrder = 3
    case gradientCheck = 4
    case tripletMining = 5
    case lossSurface = 6
}
