import LinearAlgebra

/// Stochastic gradient descent (SGD), optionally with momentum or Nesterov momentum.
///
/// With θ the parameters (W, or b), g the gradient of the total loss on the current minibatch,
/// lr the learning rate of the epoch and μ the momentum (SPEC §3):
///
///     plain (μ = 0)    θ ← θ − lr·g
///     momentum         v ← μ·v + g        θ ← θ − lr·v
///     Nesterov         v ← μ·v + g        θ ← θ − lr·(g + μ·v)      (v already updated)
///
/// The velocity v starts at zero and is sized to the parameter at the first step. It is a
/// running, geometrically decaying sum of past gradients: along a direction where the gradients
/// agree it grows to about g/(1 − μ), so the effective rate is lr/(1 − μ); where they flip
/// sign (across a narrow valley) they cancel. Nesterov's form looks one step ahead along v,
/// which damps the overshoot of plain momentum. With μ = 0, v = g and both forms are plain SGD,
/// exactly (the same bits).
///
/// One instance holds the velocity of one parameter matrix: use one for W and one for b.
public struct StochasticGradientDescent: Optimizer, Equatable {
    /// μ ∈ [0, 1): how much of the previous velocity each step keeps.
    public let momentum: Double
    /// Whether the step uses Nesterov's look-ahead g + μ·v instead of v.
    public let nesterov: Bool
    /// v, the velocity: nil before the first step, then the shape of the parameters.
    public private(set) var velocity: Matrix?

    /// SGD with momentum μ (0: plain SGD) and, if `nesterov`, Nesterov's form of it.
    /// - Precondition: 0 ≤ momentum < 1 (the config validation checks it first).
    public init(momentum: Double = 0, nesterov: Bool = false) {
        precondition(momentum >= 0 && momentum < 1, "momentum μ is in [0, 1)")
        self.momentum = momentum
        self.nesterov = nesterov
    }

    /// One step by the formulas, entry by entry: first v ← μ·v + g everywhere, then θ.
    /// The readable reference for `step(_:gradient:learningRate:)`.
    /// - Precondition: `gradient` has the shape of `parameters`, and so has v after a first step.
    public mutating func naiveStep(_ parameters: inout Matrix, gradient: Matrix, learningRate: Double) {
        var v = startedVelocity(for: parameters, gradient: gradient)
        for k in 0..<v.rows {
            for d in 0..<v.columns {
                v[k, d] = momentum * v[k, d] + gradient[k, d]
            }
        }
        for k in 0..<v.rows {
            for d in 0..<v.columns {
                let update = nesterov ? gradient[k, d] + momentum * v[k, d] : v[k, d]
                parameters[k, d] -= learningRate * update
            }
        }
        velocity = v
    }

    /// One step: v ← μ·v + g, then θ ← θ − lr·v (or θ − lr·(g + μ·v) with Nesterov), in one
    /// pass over the entries, split over threads for large matrices (`Matrix.updateEntries`). Same
    /// inputs and outputs as `naiveStep(_:gradient:learningRate:)`, to the bit (the same operations
    /// per entry, in the same order).
    /// - Precondition: `gradient` has the shape of `parameters`, and so has v after a first step.
    /// - Complexity: O(rows · columns), no allocation after the first step.
    public mutating func step(_ parameters: inout Matrix, gradient: Matrix, learningRate: Double) {
        var v = startedVelocity(for: parameters, gradient: gradient)
        velocity = nil  // keeps v's storage uniquely referenced, so the update below does not copy it
        let mu = momentum, lookAhead = nesterov
        parameters.updateEntries(and: &v, reading: gradient) { theta, v, g in
            for index in theta.indices {
                v[index] = mu * v[index] + g[index]
                let update = lookAhead ? g[index] + mu * v[index] : v[index]
                theta[index] -= learningRate * update
            }
        }
        velocity = v
    }

    /// The current velocity, or zeros of the parameters' shape before the first step.
    private func startedVelocity(for parameters: Matrix, gradient: Matrix) -> Matrix {
        precondition(gradient.rows == parameters.rows && gradient.columns == parameters.columns,
                     "the gradient has the shape of the parameters")
        guard let velocity else { return Matrix(rows: parameters.rows, columns: parameters.columns) }
        precondition(velocity.rows == parameters.rows && velocity.columns == parameters.columns,
                     "one optimizer instance serves one parameter matrix (its velocity has that shape)")
        return velocity
    }
}
