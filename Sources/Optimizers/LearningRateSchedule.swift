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
    public func learningRate(initial: Double, epoch: Int) -> Double {
        switch self {
        case .constant:
            initial
        case .step(let every, let gamma):
            initial * pow(gamma, Double(epoch / every))
        case .exponential(let gamma):
            initial * pow(gamma, Double(epoch))
        case .inverseTime(let decay):
            initial / (1 + decay * Double(epoch))
        }
    }
}
