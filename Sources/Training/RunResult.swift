import LinearAlgebra
import LinearModel

/// The metrics of one epoch, as `history.csv` holds them. Losses and accuracies are over the full
/// split at the end of the epoch (not a running average of the minibatches); epoch 0 is before
/// training.
public struct EpochRecord: Equatable, Sendable {
    public var epoch: Int
    public var learningRate: Double
    /// data loss + regularization loss on the training split.
    public var loss: Double
    /// Mean data loss on the training split.
    public var dataLoss: Double
    /// λ·R(W) (plus λ·R(b) with `include_bias`).
    public var regularizationLoss: Double
    public var trainAccuracy: Double
    /// Mean data loss on the validation split (no regularization term), nil without one.
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// The margins of the training split's examples under the same scores (`MarginStatistics`);
    /// nil for a record made without them, whose history columns are then empty.
    public var margins: MarginStatistics? = nil
}

/// How a run ended.
public enum StopReason: Equatable, Sendable {
    /// Every configured epoch ran.
    case completed
    /// The validation loss had not improved for `patience` evaluations after `bestEpoch`.
    case earlyStopping(bestEpoch: Int)
    /// The loss became NaN or ∞ during `epoch`; the run keeps the last finite weights.
    case diverged(epoch: Int)
    /// Ctrl-C or SIGTERM arrived during `epoch`: the run stopped at the end of the step in
    /// progress and keeps the weights of that step.
    case interrupted(epoch: Int)

    /// The word `summary.json` and the tables use: completed, early_stopping, diverged, interrupted.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .earlyStopping: "early_stopping"
        case .diverged: "diverged"
        case .interrupted: "interrupted"
        }
    }

    /// A phrase for people, with the hint a diverged run deserves.
    public var explanation: String {
        switch self {
        case .completed: "completed"
        case .earlyStopping(let best): "early stopping (best epoch \(best))"
        case .diverged(let epoch): "diverged: the loss became NaN or ∞ at epoch \(epoch); try a smaller learning_rate"
        case .interrupted(let epoch): "interrupted during epoch \(epoch) (Ctrl-C or SIGTERM); the weights of its last step are kept"
        }
    }
}

/// Accuracy and mean data loss of a model on one split.
public struct SplitMetrics: Equatable, Sendable {
    public var dataLoss: Double
    public var accuracy: Double
    /// confusion[true class][predicted class] = count.
    public var confusion: [[Int]]
}

/// What training one run produced.
public struct RunResult: Sendable {
    public var run: RunConfiguration
    public var classifier: LinearClassifier
    public var history: [EpochRecord]
    public var stopReason: StopReason
    /// The training data loss before the first step, and its value at W = 0 (the sanity check).
    public var initialLoss: Double
    public var expectedInitialLoss: Double
    /// The epochs of SGD that ran.
    public var epochsRun: Int
    public var trainingSeconds: Double
    public var train: SplitMetrics
    public var validation: SplitMetrics?
    public var test: SplitMetrics?
    /// Extra parts of the model file (a triplet run's embedding and centroids), else nil.
    public var embedding: Matrix?
    public var centroids: Matrix?
    /// [W b] at a handful of evaluated epochs (`EpochSnapshot.epochs`), for the report's epoch
    /// slider; in memory only, never written to a file.
    public var snapshots: [EpochSnapshot] = []

    /// The record that describes the returned weights: the best epoch's after early stopping with
    /// `restore_best`, else the last one.
    public var final: EpochRecord? {
        if case .earlyStopping(let best) = stopReason, run.earlyStopping?.restoreBest == true {
            return history.first { $0.epoch == best } ?? history.last
        }
        return history.last
    }

    /// Exactly-zero entries of W (what L1's proximal step produces).
    public var zeroWeights: Int { classifier.weights.zeroCount }
}
