import LinearAlgebra

/// The working memory of the fast triplet loss for one anchor at a time, reused from anchor to
/// anchor and from batch to batch: once its arrays have grown to the batch size, a training step
/// allocates nothing. Pass the same scratch to every call of
/// `TripletLoss.dataLossAndGradient(scores:labels:scoresGradient:scratch:)`; its contents between
/// calls mean nothing.
public struct TripletScratch: Sendable {
    /// d(a, j) for every row j of the batch: row a of the distance matrix.
    var distances: [Double] = []
    /// The rows j ≠ a with yⱼ = yₐ, and the rows with yⱼ ≠ yₐ, both in index order: the first
    /// `positiveCount` and `negativeCount` entries of buffers of B rows.
    var positiveRows: [Int] = []
    var negativeRows: [Int] = []
    var positiveCount = 0
    var negativeCount = 0
    /// The positives in ascending (value, row) order, where value is d(a, p) + α for mining `all`
    /// and d(a, p) for `semi_hard`.
    var rankedPositives: [RankedRow] = []
    var rankedValues: [Double] = []
    /// Running sums over `rankedPositives`' values, and per rank a count or a best negative.
    var suffixSums: [Double] = []
    var rankCounts: [Int] = []
    var bestNegatives: [RankedRow] = []
    /// The scans' positive values (`mineAllTripletsByScan`'s thresholds, `mineSemiHardTripletsByScan`'s
    /// distances), eight to a chunk, and per positive lane its number of active negatives (`all`).
    var thresholdChunks: [SIMD8<Double>] = []
    var activeCounts: [SIMD8<Int64>] = []
    /// `mineSemiHardTripletsByScan`'s per positive lane distance and row of its best negative so far
    /// (row −1 for none).
    var nearestDistances: [SIMD8<Double>] = []
    var nearestRows: [SIMD8<Double>] = []
    /// c_{aj}: how often d(a, j) enters the sum of active hinges of this anchor, + for a positive
    /// and − for a negative.
    var coefficients: [Double] = []
    /// A slot's share of the batch (`mine(anchors:loss:embeddings:labels:)`): its anchors' gradient
    /// (before the factor 2/T), hinge sum and number of triplets.
    var gradient = Matrix(rows: 0, columns: 0)
    /// The slot's embeddings and gradient column by column: Eᵀ and its gradient (M×B), so that the
    /// loops over the rows of the batch run along contiguous rows (`Matrix.squaredDistances(fromColumn:into:)`).
    var embeddingColumns = Matrix(rows: 0, columns: 0)
    var gradientColumns = Matrix(rows: 0, columns: 0)
    var hingeSum = 0.0
    var tripletCount = 0
    /// One scratch per slot of anchors, kept by the scratch the caller passes.
    var slots: [TripletScratch] = []

    public init() {}

    var positives: ArraySlice<Int> { positiveRows[..<positiveCount] }
    var negatives: ArraySlice<Int> { negativeRows[..<negativeCount] }

    /// Fills `distances`, `positives`, `negatives` for anchor `a` and zeroes `coefficients`, the
    /// distances from Eᵀ (`embeddingColumns`).
    /// - Complexity: O(B·M).
    mutating func load(anchor a: Int, labels: [Int]) {
        let count = labels.count
        if distances.count != count {
            distances = Array(repeating: 0, count: count)
            coefficients = distances
            positiveRows = Array(repeating: 0, count: count + 1)
            negativeRows = positiveRows
        }
        embeddingColumns.squaredDistances(fromColumn: a, into: &distances)
        var zeros = coefficients.mutableSpan
        for j in zeros.indices { zeros[j] = 0 }
        (positiveCount, negativeCount) = Self.splitRows(anchor: a, labels: labels, positives: &positiveRows, negatives: &negativeRows)
    }

    /// The rows j ≠ a with yⱼ = yₐ and the rows with yⱼ ≠ yₐ, in index order, into the first entries
    /// of `positives` and `negatives`; returns their counts. Without a branch (a row's class is as
    /// unpredictable as a die): every row is written to both lists, and only the right one's count
    /// advances (neither for a); hence B + 1 entries per list.
    static func splitRows(anchor a: Int, labels: [Int], positives: inout [Int], negatives: inout [Int]) -> (Int, Int) {
        let label = labels[a]
        precondition(positives.count == labels.count + 1 && negatives.count == labels.count + 1, "B + 1 entries per list")
        var positiveCount = 0, negativeCount = 0
        for j in labels.indices {
            let positive = labels[j] == label && j != a ? 1 : 0, negative = labels[j] != label ? 1 : 0
            positives[positiveCount] = j
            negatives[negativeCount] = j
            positiveCount &+= positive
            negativeCount &+= negative
        }
        return (positiveCount, negativeCount)
    }

    /// Fills `rankedPositives` with (d(a, p) + `offset`, p), sorted ascending, and `rankedValues`
    /// with their values alone (contiguous, for the binary searches).
    mutating func rankPositives(offset: Double) {
        rankedPositives.removeAll(keepingCapacity: true)
        for p in positives { rankedPositives.append(RankedRow(value: distances[p] + offset, row: p)) }
        RankedRow.sort(&rankedPositives)
        rankedValues.removeAll(keepingCapacity: true)
        for ranked in rankedPositives { rankedValues.append(ranked.value) }
    }

    /// The number of entries of the ascending `rankedValues` (the ranked positives' values, or the
    /// sorted negative distances of `TripletLoss.hingeSumOfAllTriplets`) that are < `value`
    /// (`orEqual` false) or ≤ `value` (true). Comparisons of distances are as unpredictable as coin
    /// flips, and a mispredicted branch costs more than a probe, so up to `linearSearchLimit`
    /// values (the usual count of positives with K ≥ 4) this compares all of them, eight at a time
    /// without a branch, and only above it searches by bisection.
    /// - Complexity: O(log |P|) (O(|P|/8) up to `linearSearchLimit`).
    static func count(below value: Double, orEqual: Bool, in rankedValues: [Double]) -> Int {
        let values = rankedValues.span
        guard values.count > linearSearchLimit else { return countEightAtATime(value, orEqual: orEqual, in: values) }
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value || (orEqual && values[middle] == value) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The most positives that `count(below:orEqual:in:)` compares one by one rather than bisecting.
    static let linearSearchLimit = 64

    /// `count(below:orEqual:in:)` by SIMD comparisons of whole chunks of eight; the tail of a last
    /// short chunk is filled with +∞, which is never below a finite value (and never counted past
    /// `values.count`).
    static func countEightAtATime(_ value: Double, orEqual: Bool, in values: Span<Double>) -> Int {
        let target = SIMD8<Double>(repeating: value)
        var counts = SIMD8<Int64>()
        var start = 0
        while start < values.count {
            var chunk = SIMD8<Double>(repeating: .infinity)
            if start + 8 <= values.count {
                chunk = eightEntries(of: values, from: start)
            } else {
                for lane in 0..<(values.count - start) { chunk[lane] = values[start + lane] }
            }
            let below = orEqual ? chunk .<= target : chunk .< target
            counts &+= SIMD8<Int64>().replacing(with: 1, where: below)
            start += 8
        }
        return min(Int(counts.wrappedSum()), values.count)
    }

    /// gradient row a += Σⱼ c_{aj}·(eₐ − eⱼ), row j += c_{aj}·(eⱼ − eₐ): the gradient of
    /// ½·Σⱼ c_{aj}·d(a, j), before the loss's common factor 2/T, into `gradientColumns` (M×B)
    /// (`Matrix.addDistanceGradient(fromColumn:weights:into:)`).
    /// - Complexity: O(B·M).
    mutating func addCoefficientGradient(anchor a: Int) {
        embeddingColumns.addDistanceGradient(fromColumn: a, weights: coefficients, into: &gradientColumns)
    }
}

/// Entries first..<first+8 of `values` as one vector (read as one load once the bounds are checked).
@inline(__always)
func eightEntries(of values: Span<Double>, from first: Int) -> SIMD8<Double> {
    precondition(first >= 0 && first + 8 <= values.count, "eight entries inside the span")
    return SIMD8(values[first], values[first + 1], values[first + 2], values[first + 3],
                 values[first + 4], values[first + 5], values[first + 6], values[first + 7])
}

/// A row of the batch with the number it is ranked by; ties go to the lower row, so the order is
/// total and every sort gives the same result.
struct RankedRow: Comparable, Sendable {
    var value: Double
    var row: Int

    static func < (lhs: RankedRow, rhs: RankedRow) -> Bool {
        lhs.value < rhs.value || (lhs.value == rhs.value && lhs.row < rhs.row)
    }

    /// Sorts `rows` ascending in place without allocating: insertion sort up to 24 rows (the usual
    /// number of positives of an anchor), heapsort above. The order is total, so the result does not
    /// depend on the algorithm.
    /// - Complexity: O(n²) up to 24 rows, O(n log n) above.
    static func sort(_ rows: inout [RankedRow]) {
        if rows.count <= 24 { insertionSort(&rows) } else { heapSort(&rows) }
    }

    static func insertionSort(_ rows: inout [RankedRow]) {
        for i in rows.indices.dropFirst() {
            let item = rows[i]
            var j = i
            while j > 0 && item < rows[j - 1] {
                rows[j] = rows[j - 1]
                j -= 1
            }
            rows[j] = item
        }
    }

    static func heapSort(_ rows: inout [RankedRow]) {
        for start in stride(from: rows.count / 2 - 1, through: 0, by: -1) { siftDown(&rows, from: start, end: rows.count) }
        for end in stride(from: rows.count - 1, to: 0, by: -1) {
            rows.swapAt(0, end)
            siftDown(&rows, from: 0, end: end)
        }
    }

    /// Restores the max-heap property of rows[start..<end] below `start`.
    static func siftDown(_ rows: inout [RankedRow], from start: Int, end: Int) {
        var parent = start
        while 2 * parent + 1 < end {
            var child = 2 * parent + 1
            if child + 1 < end && rows[child] < rows[child + 1] { child += 1 }
            guard rows[parent] < rows[child] else { return }
            rows.swapAt(parent, child)
            parent = child
        }
    }
}
