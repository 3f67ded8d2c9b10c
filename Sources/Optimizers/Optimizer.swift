import LinearAlgebra

/// An update rule: given parameters θ and the gradient g of the total loss at θ, move θ downhill.
///
/// An optimizer may keep state (SGD's velocity), so one instance serves one parameter matrix
/// (one for W, one for b). The learning rate of the step is passed in, because the schedule, not
/// the optimizer, decides it per epoch.
public protocol Optimizer: Sendable {
    /// One step: θ ← θ − (update computed from `gradient`), at the given learning rate.
    mutating func step(_ parameters: inout Matrix, gradient: Matrix, learningRate: Double)
}
