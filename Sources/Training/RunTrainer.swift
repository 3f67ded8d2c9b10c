import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Optimizers
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

    /// Trains from `initial` and returns the result; `progress` hears of every epoch.
    public func train(from initial: LinearClassifier, progress: (ProgressEvent) -> Void = { _ in }) -> RunResult {
        let start = Date()
        var state = TrainingState(run: run, loss: loss, data: data, classifier: initial)
        var history = [evaluate(state.classifier, epoch: 0)]
        let initialLoss = history[0].dataLoss
        progress(ProgressEvent(runName: run.name, epoch: 0, epochs: run.optimizer.epochs, record: history[0], elapsedSeconds: 0))
        var order = Array(0..<data.train.exampleCount)
        var shuffler = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.minibatchOrder.rawValue)
        var stopReason = StopReason.completed
        var best = (loss: history[0].validationLoss ?? .infinity, epoch: 0, classifier: state.classifier)
        var epochsRun = 0
        for epoch in 1...max(run.optimizer.epochs, 1) where run.optimizer.epochs > 0 {
            let learningRate = run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: epoch - 1)
            if run.optimizer.shuffle { shuffler.shuffle(&order) }
            let lastFinite = state.classifier
            state.runEpoch(order: order, learningRate: learningRate)
            epochsRun = epoch
            let evaluated = epoch % run.evaluateEvery == 0 || epoch == run.optimizer.epochs
            var record: EpochRecord?
            if !state.classifier.weights.isFinite || !state.classifier.bias.isFinite {
                state.classifier = lastFinite
                stopReason = .diverged(epoch: epoch)
            } else if evaluated {
                let evaluation = evaluate(state.classifier, epoch: epoch, learningRate: learningRate)
                if evaluation.loss.isFinite {
                    history.append(evaluation)
                    record = evaluation
                } else {
                    state.classifier = lastFinite
                    stopReason = .diverged(epoch: epoch)
                }
            }
            progress(ProgressEvent(runName: run.name, epoch: epoch, epochs: run.optimizer.epochs, record: record,
                                   elapsedSeconds: Date().timeIntervalSince(start)))
            if case .diverged = stopReason { break }
            if let earlyStopping = run.earlyStopping, let validationLoss = record?.validationLoss {
                if validationLoss < best.loss {
                    best = (validationLoss, epoch, state.classifier)
                } else if epoch - best.epoch >= earlyStopping.patience * run.evaluateEvery {
                    if earlyStopping.restoreBest { state.classifier = best.classifier }
                    stopReason = .earlyStopping(bestEpoch: best.epoch)
                    break
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        return RunResult(
            run: run, classifier: state.classifier, history: history, stopReason: stopReason,
            initialLoss: initialLoss, expectedInitialLoss: loss.expectedInitialLoss(classCount: data.classCount),
            epochsRun: epochsRun, trainingSeconds: seconds,
            train: Evaluation.metrics(of: state.classifier, loss: loss, on: data.train),
            validation: data.validation.map { Evaluation.metrics(of: state.classifier, loss: loss, on: $0) },
            test: data.test.map { Evaluation.metrics(of: state.classifier, loss: loss, on: $0) })
    }

    /// The history record of `classifier` after `epoch`.
    func evaluate(_ classifier: LinearClassifier, epoch: Int, learningRate: Double? = nil) -> EpochRecord {
        let train = Evaluation.lossAndAccuracy(of: classifier, loss: loss, on: data.train)
        let validation = data.validation.map { Evaluation.lossAndAccuracy(of: classifier, loss: loss, on: $0) }
        let regularization = Evaluation.regularizationLoss(of: classifier, run.regularizer)
        return EpochRecord(
            epoch: epoch,
            learningRate: learningRate ?? run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: 0),
            loss: train.dataLoss + regularization, dataLoss: train.dataLoss, regularizationLoss: regularization,
            trainAccuracy: train.accuracy, validationLoss: validation?.dataLoss, validationAccuracy: validation?.accuracy)
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
}
