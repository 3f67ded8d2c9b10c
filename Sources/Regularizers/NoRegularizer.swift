import LinearAlgebra

/// No regularization: training on the data loss alone.
///
///     R(W) = 0        ∂R/∂W = 0
///
/// Among weights that fit the data equally well it has no preference, so, e.g., any multiple
/// cW (c > 1) of a zero-loss W for the SVM is as good as W.
public struct NoRegularizer: Regularizer, Equatable {
    /// The regularizer that adds nothing.
    public init() {}

    /// R(W) = 0.
    public func penalty(of weights: Matrix) -> Double { 0 }

    /// R(W) = 0, by the definition too.
    public func naivePenalty(of weights: Matrix) -> Double { 0 }

    /// Leaves `gradient` unchanged: ∂R/∂W = 0.
    public func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {}

    /// Leaves `gradient` unchanged, by the definition too.
    public func naiveAddGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix) {}
}
