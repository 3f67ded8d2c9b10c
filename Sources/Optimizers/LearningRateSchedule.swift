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

    /// The config names, in the order the help lists them.
    public static let typeNames = ["constant", "step", "exponential", "inverse_time"]

    /// The keys a `schedule` section of the type named `typeName` may hold, or nil for an unknown
    /// name: `type` plus the parameters of its formula.
    public static func keys(ofTypeNamed typeName: String) -> [String]? {
        switch typeName {
        case "constant": ["type"]
        case "step": ["type", "every", "gamma"]
        case "exponential": ["type", "gamma"]
        case "inverse_time": ["type", "decay"]
        default: nil
        }
    }

    /// The config name of this schedule.
    public var typeName: String {
        switch self {
        case .constant: "constant"
        case .step: "step"
        case .exponential: "exponential"
        case .inverseTime: "inverse_time"
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
