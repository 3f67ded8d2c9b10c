/// The fixed partition of a minibatch into pieces for the fused SGD step: each piece sums its rows'
/// dW and db on its own, and the pieces' sums are added in piece order. It depends on the batch size
/// and the shape of W alone, never on the thread count, so neither do the bits.
///
/// The rows go in groups of 8 (the scores kernel's group), and piece p of P holds groups
/// ⌊G·p/P⌋ ..< ⌊G·(p+1)/P⌋ of the G = ⌈B/8⌉ groups. A piece's partial dW (K·D doubles) is
/// written on one core and read on another when the pieces are added up, so a piece has at least
/// 8·K rows (its rows of X, 8·K·D doubles, are then four times what its partial moves) and at
/// least 24. With K = 10, B = 200 is 2 pieces of 96 and 104 rows (small-step's D = 200, MNIST's
/// 784 and cifar-like's 3,072 alike) and B = 1,000 with D = 200 is 12; with K = 3, B = 200 is 7
/// pieces of 24 rows and a last of 32; B under 48 is one piece. More threads than pieces share the
/// pieces' work in two phases (`MinibatchGradientKernel.runInTwoPhases`), so a few pieces do not
/// cap the cores a step uses.
public enum MinibatchPieces {
    /// Rows per group: a piece boundary never splits one.
    public static let rowsPerGroup = 8
    /// A piece has at least this many rows: a batch under 48 rows stays one piece (one chain per sum),
    /// and each piece's multiply–adds outweigh its share of the final sum of the pieces (K·D adds).
    public static let minimumRows = 24
    /// A piece has at least this many rows per class (but there are 2 pieces when the batch has
    /// rows for them). Its partial dW, K·D doubles, is written by the thread that computed the
    /// piece and read by the one that adds the pieces up, often on another core; its rows of X are
    /// D doubles each, so with 8·K rows they are four times the K·D written and K·D read. Measured
    /// with K = 10 only (K ≤ 3 keeps 24 rows): `benchmark train`, 2 quiet threads, 2 pieces of a
    /// batch of 200 against 8 of 24 rows, with `WorkerPool`'s helper leaving the caller's core in
    /// both, medians of the per-round ratios to the two fixed halves of the base binary:
    /// small-step (D = 200) 1.06× against 1.15× (30 rounds), mid (D = 100) 1.09× against 1.12×
    /// (16), an MNIST-like D = 784 0.98× against 1.08× (10); on 1 thread small-step 0.95× against
    /// 0.96× and mid 0.98× against 1.00× (12 and 10 rounds); beside a busy process small-step's
    /// 2 threads ÷ 1 thread 0.99× against 1.02× (12 rounds). (Before that helper's move, 2 pieces
    /// against 8 came out even.)
    public static let minimumRowsPerClass = 8
    /// At most this many pieces: enough for 16 threads.
    public static let maximumCount = 16
    /// The pieces' partial dW (K·D doubles each) together stay within this many bytes, a quarter
    /// of the L2 cache of one core, so that they stay there beside W, Wᵀ and the chunks of X (but
    /// there are at least 2 pieces when the batch has rows for them). `benchmark train`,
    /// cifar-like (K·D = 30,720: 245 KB a partial), svm on 2 threads, quiet, binaries taking turns,
    /// median of the per-run ratios to the two fixed halves before this partition: 4 pieces
    /// (1 MiB) 1.08× and 1.11× in two sittings, 2 pieces 1.05× and 1.06×; 8 pieces were slower still.
    public static let partialGradientBytes = 1 << 19

    /// The number of pieces P of a batch of B rows for W of K×D: min(16, ⌊B/24⌋,
    /// max(2, min(⌊2¹⁹ / (8·K·D)⌋, ⌊B / (8·K)⌋))), at least 1.
    public static func count(batch: Int, classes: Int, features: Int) -> Int {
        let withinCache = partialGradientBytes / max(1, MemoryLayout<Double>.stride * classes * features)
        let worthTheirPartials = batch / max(1, minimumRowsPerClass * classes)
        return max(1, min(maximumCount, batch / minimumRows, max(2, min(withinCache, worthTheirPartials))))
    }

    /// The batch rows of piece p of P: 8·⌊G·p/P⌋ ..< 8·⌊G·(p+1)/P⌋ with G = ⌈B/8⌉, the last
    /// ending at B.
    public static func range(of piece: Int, count: Int, batch: Int) -> Range<Int> {
        let groups = (batch + rowsPerGroup - 1) / rowsPerGroup
        return min(batch, rowsPerGroup * (groups * piece / count)) ..< min(batch, rowsPerGroup * (groups * (piece + 1) / count))
    }
}
