import LinearAlgebra
import Regularizers
import Optimizers

/// One matrix that SGD moves — the bias trick's [W b], W or b apart, or a triplet run's V — with
/// its gradient buffer, its optimizer (its own velocity), and the part of it that λ·R applies to.
///
/// After the data gradient has been written into `gradient`, `update` finishes the step:
///
///     gradient ← gradient + λ·∂R/∂θ        on the penalized entries
///     θ ← optimizer step(θ, gradient)       plain SGD, momentum or Nesterov
///     θ ← prox(θ)                           L1's soft-thresholding, on the penalized entries
struct TrainedMatrix {
    /// Which entries λ·R(·) sees.
    enum Penalized {
        /// Every entry: W, V, or [W b] and b with `include_bias`.
        case all
        /// Every entry but the last column: [W b] without `include_bias` (R(W) does not depend on b).
        case allButLastColumn
        /// None: b apart without `include_bias`.
        case none
    }

    var values: Matrix
    var gradient: Matrix
    var optimizer: any Optimizer
    let penalized: Penalized

    init(_ values: Matrix, optimizer: any Optimizer, penalized: Penalized) {
        self.values = values
        self.gradient = Matrix(rows: values.rows, columns: values.columns)
        self.optimizer = optimizer
        self.penalized = penalized
    }

    /// Adds λ·∂R/∂θ to the gradient, takes the optimizer's step and the regularizer's proximal step,
    /// through the readable twins (`naiveAddGradient`, `naiveStep`, `naiveProximalStep`) when
    /// `implementation` is `.naive`. The regularizer sees the whole matrix; for `.allButLastColumn`
    /// the last column (b of [W b]) is put back as it was after each of its actions.
    mutating func update(regularizer: any Regularizer, strength: Double, learningRate: Double, implementation: Implementation) {
        if penalized != .none {
            let bias = keptLastColumn(of: gradient)
            switch implementation {
            case .fast: regularizer.addGradient(of: values, strength: strength, into: &gradient)
            case .naive: regularizer.naiveAddGradient(of: values, strength: strength, into: &gradient)
            }
            Self.restore(bias, into: &gradient)
        }
        switch implementation {
        case .fast: optimizer.step(&values, gradient: gradient, learningRate: learningRate)
        case .naive: optimizer.naiveStep(&values, gradient: gradient, learningRate: learningRate)
        }
        if penalized != .none {
            let bias = keptLastColumn(of: values)
            switch implementation {
            case .fast: regularizer.proximalStep(&values, threshold: learningRate * strength)
            case .naive: regularizer.naiveProximalStep(&values, threshold: learningRate * strength)
            }
            Self.restore(bias, into: &values)
        }
    }

    /// The last column's entries when R leaves it out (`.allButLastColumn`), else nil.
    private func keptLastColumn(of matrix: Matrix) -> [Double]? {
        guard penalized == .allButLastColumn else { return nil }
        return (0..<matrix.rows).map { matrix[$0, matrix.columns - 1] }
    }

    /// Writes `column`, when there is one, back into the last column of `matrix`. Static: a method
    /// of `self` called with `&gradient` made the call copy `self`, and so the whole matrix on the
    /// first write (perf: a memmove of [W b] twice a step, cifar-like).
    private static func restore(_ column: [Double]?, into matrix: inout Matrix) {
        guard let column else { return }
        for (k, value) in column.enumerated() { matrix[k, matrix.columns - 1] = value }
    }
}
