import Foundation
import LinearAlgebra
import LinearModel

/// What differs between the runs that `TrainingLoop` trains: the parameters (a classifier's
/// [W b], or a triplet run's embedding V), one SGD step on them, and the history record of their
/// current value.
protocol TrainedParameters {
    var run: RunConfiguration { get }
    /// A copy of the parameters, kept as the last finite or the best value and restored from.
    associatedtype Snapshot
    var snapshot: Snapshot { get set }
    /// Whether every parameter is a finite number.
    var isFinite: Bool { get }
    /// One SGD step on the minibatch of training rows `rows`.
    mutating func step(rows: ArraySlice<Int>, learningRate: Double)
    /// Loss and accuracy of the current parameters on the full splits after `epoch` (nil learning
    /// rate: the schedule's first, for epoch 0).
    func evaluate(epoch: Int, learningRate: Double?) -> EpochRecord
    /// The [W b] that scores the examples (a triplet run's nearest-centroid classifier), for the
    /// report's snapshots.
    var classifierForReport: LinearClassifier { get }
}

extension TrainedParameters {
    /// One pass over the training split in minibatches of `batch_size` rows taken in `order` (the
    /// last batch may be short). When `interruption` is requested, the pass stops at the end of the
    /// step in progress; it returns whether every minibatch of the epoch was stepped.
    mutating func runEpoch(order: [Int], learningRate: Double, interruption: Interruption?) -> Bool {
        let batchSize = max(1, min(run.optimizer.batchSize, order.count))
        var start = 0
        while start < order.count {
            step(rows: order[start..<min(start + batchSize, order.count)], learningRate: learningRate)
            start += batchSize
            // One relaxed atomic load per step (Interruption): nothing a step's time would show.
            if let interruption, interruption.isRequested { return start >= order.count }
        }
        return true
    }
}

/// The epoch loop of every run, written once (SPEC §3):
///
///     history = [record of θ₀]
///     for each epoch e = 1…E: lr = schedule(lr₀, e − 1); shuffle the training split (seeded)
///         θ ← one epoch of SGD on θ
///         θ not finite, or its evaluated loss not finite → keep the last finite θ; stop: diverged
///         every `evaluate_every` epochs and at the last: append its record to the history
///         early stopping: the validation loss has not improved for `patience` evaluations → stop,
///         with the best θ when `restore_best`
///         Ctrl-C (`interruption`): stop at the end of the step in progress, evaluate θ there and
///         append its record; stop: interrupted at epoch e
///
/// The minibatch order comes from the experiment seed's `minibatchOrder` stream, so the runs of
/// one experiment see the same minibatches in the same order.
struct TrainingLoop {
    let run: RunConfiguration
    let seed: UInt64
    let exampleCount: Int
    /// Heard between steps; nil: the loop cannot be interrupted.
    var interruption: Interruption? = nil

    /// What the loop produced besides the final parameters (left in the state).
    struct Outcome {
        var history: [EpochRecord]
        /// [W b] at the evaluated epochs of `EpochSnapshot.epochs` that were reached.
        var snapshots: [EpochSnapshot]
        var stopReason: StopReason
        /// The training data loss of θ₀.
        var initialLoss: Double
        var epochsRun: Int
        var seconds: Double
    }

    /// Trains `state` in place; `progress` hears of every epoch.
    func train<State: TrainedParameters>(_ state: inout State, progress: (ProgressEvent) -> Void) -> Outcome {
        let start = Date()
        let epochs = run.optimizer.epochs
        var history = [state.evaluate(epoch: 0, learningRate: nil)]
        let snapshotEpochs = Set(EpochSnapshot.epochs(total: epochs, evaluateEvery: run.evaluateEvery))
        var snapshots = [EpochSnapshot(epoch: 0, classifier: state.classifierForReport)]
        progress(ProgressEvent(runName: run.name, epoch: 0, epochs: epochs, record: history[0], elapsedSeconds: 0))
        var order = Array(0..<exampleCount)
        var shuffler = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.minibatchOrder.rawValue)
        var stopReason = StopReason.completed
        var best = (loss: history[0].validationLoss ?? .infinity, epoch: 0, parameters: state.snapshot)
        var epochsRun = 0
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            let learningRate = run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: epoch - 1)
            if run.optimizer.shuffle { shuffler.shuffle(&order) }
            let lastFinite = state.snapshot
            let epochComplete = state.runEpoch(order: order, learningRate: learningRate, interruption: interruption)
            epochsRun = epoch
            // An interruption in the last step of the last epoch leaves nothing undone: completed.
            let interrupted = interruption?.isRequested == true && !(epochComplete && epoch == epochs)
            var record: EpochRecord?
            if !state.isFinite {
                state.snapshot = lastFinite
                stopReason = .diverged(epoch: epoch)
            } else if interrupted || epoch % run.evaluateEvery == 0 || epoch == epochs {
                let evaluation = state.evaluate(epoch: epoch, learningRate: learningRate)
                if evaluation.loss.isFinite {
                    history.append(evaluation)
                    record = evaluation
                    if snapshotEpochs.contains(epoch) { snapshots.append(EpochSnapshot(epoch: epoch, classifier: state.classifierForReport)) }
                } else {
                    state.snapshot = lastFinite
                    stopReason = .diverged(epoch: epoch)
                }
            }
            if interrupted, stopReason == .completed { stopReason = .interrupted(epoch: epoch) }
            progress(ProgressEvent(runName: run.name, epoch: epoch, epochs: epochs, record: record,
                                   elapsedSeconds: Date().timeIntervalSince(start)))
            if stopReason != .completed { break }
            if let earlyStopping = run.earlyStopping, let validationLoss = record?.validationLoss {
                if validationLoss < best.loss {
                    best = (validationLoss, epoch, state.snapshot)
                } else if epoch - best.epoch >= earlyStopping.patience * run.evaluateEvery {
                    if earlyStopping.restoreBest { state.snapshot = best.parameters }
                    stopReason = .earlyStopping(bestEpoch: best.epoch)
                    break
                }
            }
        }
        return Outcome(history: history, snapshots: snapshots, stopReason: stopReason, initialLoss: history[0].dataLoss, epochsRun: epochsRun,
                       seconds: Date().timeIntervalSince(start))
    }
}
