import LinearAlgebra

/// An update rule: given parameters θ and the gradient g of the total loss at θ, move θ downhill.
///
/// An optimizer may keep state (SGD's velocity), so one instance serves one parameter matrix
/// (one for W, one for b). The learning rate of the step is passed in, because the schedule, not
/// the optimizer, decides it per epoch.
public protocol Optimizer: Sendable {
    /// One step: θ ← θ − (update computed from `gradient`), at the given learning rate.
    mutating func step(_ parameters: inout Matrix, gradient: Matrix, learningRate: Double)

    /// The same step by the formulas, entry by entry: the readable reference for
    /// `step(_:gradient:learningRate:)`, which `model.implementation: "naive"` trains with.
    mutating func naiveStep(_ parameters: inout Matrix, gradient: Matrix, learningRate: Double)
}

/// The optimizers by config name: the one table that decoding, validation, "did you mean" and
/// help read (`optimizer.type`).
public enum OptimizerType: String, CaseIterable, Sendable {
    /// `sgd`: minibatch SGD, θ ← θ − lr·g, with optional momentum (v ← μ·v + g, θ ← θ − lr·v)
    /// and Nesterov's form (θ ← θ − lr·(g + μ·v)).
    case sgd

    /// The keys an `optimizer` section of this type may hold, in the order the help lists them:
    /// `learning_rate` (lr₀), `batch_size` (B; ≥ N is full-batch gradient descent), `epochs`,
    /// `momentum` (μ), `nesterov`, `shuffle` (reshuffle, seeded, every epoch), `schedule`
    /// (a `LearningRateSchedule` section).
    public var keys: [String] {
        switch self {
        case .sgd: ["type", "learning_rate", "batch_size", "epochs", "momentum", "nesterov", "shuffle", "schedule"]
        }
    }

    /// One line for the help.
    public var summary: String {
        switch self {
        case .sgd: "minibatch stochastic gradient descent, with optional (Nesterov) momentum"
        }
    }

    /// A fresh optimizer of this type (zero velocity), for one parameter matrix.
    /// - Precondition: 0 ≤ momentum < 1 (the config validation checks it first).
    public func makeOptimizer(momentum: Double = 0, nesterov: Bool = false) -> any Optimizer {
        switch self {
        case .sgd: StochasticGradientDescent(momentum: momentum, nesterov: nesterov)
        }
    }
}
