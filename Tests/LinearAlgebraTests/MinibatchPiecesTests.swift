import Testing
import LinearAlgebra

@Suite("Pieces of a minibatch — fixed by the batch size, never by the threads")
struct MinibatchPiecesTests {
    /// The pieces of a batch, in order.
    static func pieces(batch: Int, classes: Int = 10, features: Int = 200) -> [Range<Int>] {
        let count = MinibatchPieces.count(batch: batch, classes: classes, features: features)
        return (0..<count).map { MinibatchPieces.range(of: $0, count: count, batch: batch) }
    }

    @Test("pieces of a batch, K = 3: B = 200 → seven of 24 rows and one of 32; 48 → two of 24; 47 → one; 50 → 24 and 26; 0 → one empty")
    func pieceRanges() {
        #expect(Self.pieces(batch: 200, classes: 3) == [0..<24, 24..<48, 48..<72, 72..<96, 96..<120, 120..<144, 144..<168, 168..<200])
        #expect(Self.pieces(batch: 48, classes: 3) == [0..<24, 24..<48])
        #expect(Self.pieces(batch: 47, classes: 3) == [0..<47])
        #expect(Self.pieces(batch: 50, classes: 3) == [0..<24, 24..<50])
        #expect(Self.pieces(batch: 0, classes: 3) == [0..<0])
    }

    @Test("at least 8·K rows a piece, and two pieces when the batch has rows for them: K = 10, B = 200 → 96 and 104 rows; B = 1,000 → 12 pieces; B = 48 → two of 24; K = 100 → two")
    func rowsPerClass() {
        #expect(Self.pieces(batch: 200) == [0..<96, 96..<200])
        #expect(Self.pieces(batch: 1_000).count == 12)
        #expect(Self.pieces(batch: 1_000).allSatisfy { $0.count >= 80 })
        #expect(Self.pieces(batch: 48) == [0..<24, 24..<48])
        #expect(Self.pieces(batch: 200, classes: 100) == [0..<96, 96..<200])
        #expect(Self.pieces(batch: 200, classes: 4).count == 6, "K = 4: 32 rows a piece")
    }

    @Test("every batch up to 1,000 rows: at most 16 pieces (K = 3 reaches 16), contiguous, covering it, each of whole groups of 8 but the last, each of 24 and 8·K rows or more when there are more than 2",
          arguments: [1, 23, 24, 100, 383, 384, 385, 1_000], [3, 10])
    func piecesCoverTheBatch(batch: Int, classes: Int) {
        let pieces = Self.pieces(batch: batch, classes: classes)
        #expect(pieces.count <= MinibatchPieces.maximumCount && pieces.first?.lowerBound == 0 && pieces.last?.upperBound == batch)
        for (earlier, later) in zip(pieces, pieces.dropFirst()) {
            #expect(earlier.upperBound == later.lowerBound && earlier.upperBound % 8 == 0, "B \(batch): \(pieces)")
            #expect(earlier.count >= MinibatchPieces.minimumRows, "B \(batch): \(pieces)")
            if pieces.count > 2 { #expect(earlier.count >= MinibatchPieces.minimumRowsPerClass * classes, "B \(batch), K \(classes): \(pieces)") }
        }
        if classes == 3 && batch >= 384 { #expect(pieces.count == MinibatchPieces.maximumCount, "B \(batch): \(pieces)") }
    }

    @Test("the last piece has the most groups of 8 rows (the fused step takes it first, on the calling thread)",
          arguments: [48, 100, 193, 200, 383, 1_000], [3, 10])
    func lastPieceIsTheLargest(batch: Int, classes: Int) {
        let groups = Self.pieces(batch: batch, classes: classes).map { ($0.count + 7) / 8 }
        #expect(groups.allSatisfy { $0 <= groups.last ?? 0 }, "B \(batch), K \(classes): groups \(groups)")
    }

    @Test("the pieces' partial dW stay within 512 KiB: cifar-like's W (K 10, D 3,072) makes B = 200 two pieces, K 3 and D 5,000 four, a huge W two; K 3 and D 784 is bounded by its rows instead (eight)")
    func partialsWithinCache() {
        #expect(Self.pieces(batch: 200, features: 3_072) == [0..<96, 96..<200])
        #expect(Self.pieces(batch: 200, classes: 3, features: 784).count == 8)
        #expect(Self.pieces(batch: 200, classes: 3, features: 5_000).count == 4)
        #expect(Self.pieces(batch: 200, features: 100_000) == [0..<96, 96..<200])
        #expect(Self.pieces(batch: 40, features: 100_000) == [0..<40], "a batch too small for two pieces stays one")
    }
}
