import LinearAlgebra

/// A penalty R(W) on the weights, added to the data loss with strength λ:
///
///     total loss = data loss + λ·R(W)        gradient += λ·∂R/∂W
///
/// It expresses a preference among weights that fit the data equally well (L2: diffuse weights;
/// L1: sparse weights). The training loop applies it to W, and to b only when `include_bias`.
public protocol Regularizer: Sendable {
    /// R(W), without the strength λ.
    func penalty(of weights: Matrix) -> Double

    /// gradient ← gradient + λ·∂R/∂W (a subgradient at kinks: sign(0) = 0).
    func addGradient(of weights: Matrix, strength: Double, into gradient: inout Matrix)

    /// The proximal step that follows an SGD step, with threshold t = learning rate · λ; a no-op
    /// unless the regularizer asks for one (L1 with `proximal: true`: soft-thresholding).
    func proximalStep(_ weights: inout Matrix, threshold: Double)
}

extension Regularizer {
    /// By default there is no proximal step: the penalty acts through the gradient only.
    public func proximalStep(_ weights: inout Matrix, threshold: Double) {}
}
