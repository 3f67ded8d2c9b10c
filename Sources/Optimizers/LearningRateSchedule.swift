import Foundation

/// How the learning rate changes from epoch to epoch (e is the 0-based epoch, lr₀ the configured
/// rate):
///
///     constant       lr₀
///     step           lr₀ · γ^⌊e / every⌋
///     exponential    lr₀ · γ^e
///     inverse_time   lr₀ / (1 + decay · e)
///
/// An enum with its parameters, so that it round-trips through `config.resolved.json`.
public enum LearningRateSchedule: Equatable, Hashable, Sendable {
    /// The same rate every epoch.
    case constant
    /// Multiply the rate by `gamma` every `every` epochs.
    case step(every: Int, gamma: Double)
    /// Multiply the rate by `gamma` every epoch.
    case exponential(gamma: Double)
    /// Divide the initial rate by 1 + decay·e.
    case inverseTime(decay: Double)

    /// The config name of this schedule.
    public var type: ScheduleType {
        switch self {
        case .constant: .constant
        case .step: .step
        case .exponential: .exponential
        case .inverseTime: .inverseTime
        }
    }

    /// The learning rate of epoch `epoch` (0-based) for the initial rate `initial`.
    /// - Precondition: `every` ≥ 1 for `step` (the config validation checks it first).
    public func learningRate(initial: Double, epoch: Int) -> Double {
        switch self {
        case .constant:
            return initial
        case .step(let every, let gamma):
            precondition(every >= 1, "a step schedule decays every ≥ 1 epochs")
            return initial * pow(gamma, Double(epoch / every))
        case .exponential(let gamma):
            return initial * pow(gamma, Double(epoch))
        case .inverseTime(let decay):
            return initial / (1 + decay * Double(epoch))
        }
    }
}

/// The schedules by config name (`optimizer.schedule.type`): the one table that decoding,
/// validation, "did you mean" and help read.
public enum ScheduleType: String, CaseIterable, Sendable {
    /// `"constant"` (default): lr₀ every epoch.
    case constant
    /// `"step"`: lr₀·γ^⌊e/every⌋.
    case step
    /// `"exponential"`: lr₀·γ^e.
    case exponential
    /// `"inverse_time"`: lr₀/(1 + decay·e).
    case inverseTime = "inverse_time"

    /// The keys a `schedule` section of this type may hold: `type` plus the parameters of its formula.
    public var keys: [String] {
        switch self {
        case .constant: ["type"]
        case .step: ["type", "every", "gamma"]
        case .exponential: ["type", "gamma"]
        case .inverseTime: ["type", "decay"]
        }
    }

    /// One line for the help and the config reference: the formula.
    public var summary: String {
        switch self {
        case .constant: "lr₀"
        case .step: "lr₀·γ^⌊e/every⌋"
        case .exponential: "lr₀·γ^e"
        case .inverseTime: "lr₀/(1 + decay·e)"
        }
    }
}
