/// Where the fused step reads W and b and writes dW and db: row k of W at `weights.row(k)`, b_k at
/// `bias[k, 0]`, and likewise for the gradients. W and b apart are two matrices (strides D and 1);
/// the bias trick's [W b] is one, with stride D + 1 for both and b starting at column D.
struct AffineParameterLayout: Sendable {
    let weights: UnsafeMatrixHandle
    let bias: UnsafeMatrixHandle
    let weightGradient: UnsafeMutableMatrixHandle
    let biasGradient: UnsafeMutableMatrixHandle
}
