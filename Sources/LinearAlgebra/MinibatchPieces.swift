/// The fixed partition of a minibatch into pieces for the fused SGD step: each piece sums its rows'
/// dW and db on its own, and the pieces' sums are added in piece order. It depends on the batch size
/// alone, never on the thread count, so neither do the bits.
///
/// The rows go in groups of 8 (the scores kernel's group), and piece p of P holds groups
/// ⌊G·p/P⌋ ..< ⌊G·(p+1)/P⌋ of the G = ⌈B/8⌉ groups: B = 200 is 7 pieces of 24 rows and a last
/// of 32; B = 64 two of 32; B under 48 one piece.
public enum MinibatchPieces {
    /// Rows per group: a piece boundary never splits one.
    public static let rowsPerGroup = 8
    /// A piece has at least this many rows: a batch under 48 rows stays one piece (one chain per sum),
    /// and each piece's multiply–adds outweigh its share of the final sum of the pieces (K·D adds).
    public static let minimumRows = 24
    /// At most this many pieces: enough for 16 threads, few enough that adding up the pieces' dW
    /// (K·D adds each) stays a small part of the step.
    public static let maximumCount = 16

    /// The number of pieces P of a batch of B rows: min(16, ⌊B/24⌋), at least 1.
    public static func count(batch: Int) -> Int {
        max(1, min(maximumCount, batch / minimumRows))
    }

    /// The batch rows of piece p of P: 8·⌊G·p/P⌋ ..< 8·⌊G·(p+1)/P⌋ with G = ⌈B/8⌉, the last
    /// ending at B.
    public static func range(of piece: Int, count: Int, batch: Int) -> Range<Int> {
        let groups = (batch + rowsPerGroup - 1) / rowsPerGroup
        return min(batch, rowsPerGroup * (groups * piece / count)) ..< min(batch, rowsPerGroup * (groups * (piece + 1) / count))
    }
}
