/// The working memory of `Matrix.minibatchGradient`: the batch's scores and ∂L/∂S (B×K), the
/// partial gradients of the pieces after the first (K×D and K each), and Wᵀ padded for the
/// class-vector scores kernel. Allocated by the first step and grown when a step needs more, so the
/// training loop allocates nothing per minibatch. A copy of a scratch gets memory of its own at its
/// first step; the contents between steps mean nothing.
public struct MinibatchGradientScratch: Sendable {
    private var memory = UnsafeScratch(runs: 5)

    /// Empty buffers, sized by the first step.
    public init() {}

    /// The buffers of one step, each a handle on its own run of `memory`.
    struct Buffers {
        /// S and ∂L/∂S of the batch: B×K.
        let scores: UnsafeMutableMatrixHandle
        let scoresGradient: UnsafeMutableMatrixHandle
        /// Piece p ≥ 1 sums its dW (K×D, stride D) at `partialWeightGradients.base + (p − 1)·K·D`
        /// and its db (K entries) at `partialBiasGradients.base + (p − 1)·K`.
        let partialWeightGradients: UnsafeMutableMatrixHandle
        let partialBiasGradients: UnsafeMutableMatrixHandle
        /// Wᵀ, D rows of `transposedWidth` entries.
        let transposedWeights: UnsafeMutableMatrixHandle
    }

    /// The buffers of a step of `batch` rows, K `classes`, D `features` and `pieces` pieces, grown
    /// to at least those sizes.
    mutating func buffers(batch: Int, classes: Int, features: Int, pieces: Int, transposedWidth: Int) -> Buffers {
        if !isKnownUniquelyReferenced(&memory) { memory = UnsafeScratch(runs: 5) }
        return Buffers(
            scores: memory.run(0, count: batch * classes, stride: classes),
            scoresGradient: memory.run(1, count: batch * classes, stride: classes),
            partialWeightGradients: memory.run(2, count: (pieces - 1) * classes * features, stride: features),
            partialBiasGradients: memory.run(3, count: (pieces - 1) * classes, stride: 1),
            transposedWeights: memory.run(4, count: features * transposedWidth, stride: transposedWidth))
    }
}
