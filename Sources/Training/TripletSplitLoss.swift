import LinearAlgebra
import Losses

/// The triplet loss of a whole split, as `history.csv` records it (SPEC §3.1): the mean of
/// max(0, d(a, p) − d(a, n) + α) over every valid triplet of the split (mining `all`), or over a
/// seeded sample of `sampleSize` of them when there are more.
///
///     exact:   L = Σ_a Σ_{p,n} ℓ(a, p, n) / Σ_a |Pₐ|·|Nₐ|,   |Pₐ| = n_{yₐ} − 1,  |Nₐ| = N − n_{yₐ}
///     sample:  class c with probability ∝ n_c·(n_c − 1)·(N − n_c), then a, p, n uniform: a uniform
///              draw from the valid triplets
///
/// The exact sum costs O(N²·(M + log N)); it is used whenever N ≤ `exactRowLimit` (then it costs no
/// more than the sample) or the split has at most `sampleSize` valid triplets. Deviation from the
/// SPEC's wording ("over a sample when there are more than 10⁶"): small splits with more than 10⁶
/// triplets get the exact value too, because it is cheaper than the sample. The same seed draws the
/// same sample at every epoch, so the curve moves only when V does.
public enum TripletSplitLoss {
    /// The number of sampled triplets of a large split (10⁶).
    public static let sampleSize = 1_000_000
    /// The largest split whose loss is always exact.
    public static let exactRowLimit = 1_000

    /// The mean triplet loss of the embedded split `embeddings` (N×M) with `labels`; 0 without a
    /// valid triplet.
    /// `exactRowLimit` and `sampleSize` are parameters for the tests only.
    public static func meanLoss(
        embeddings: Matrix, labels: [Int], margin: Double, seed: UInt64,
        exactRowLimit: Int = exactRowLimit, sampleSize: Int = sampleSize
    ) -> Double {
        precondition(labels.count == embeddings.rows, "one label per row of embeddings")
        let classCount = (labels.max() ?? -1) + 1
        var counts = Array(repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        let total = labels.count
        let valid = labels.reduce(0.0) { $0 + Double(counts[$1] - 1) * Double(total - counts[$1]) }
        guard valid > 0 else { return 0 }
        if total <= exactRowLimit || valid <= Double(sampleSize) {
            return exactHingeSum(embeddings: embeddings, labels: labels, margin: margin) / valid
        }
        return sampledMean(embeddings: embeddings, labels: labels, counts: counts, margin: margin, seed: seed, sampleSize: sampleSize)
    }

    /// Σ over every valid triplet of the split, anchor by anchor with
    /// `TripletLoss.hingeSumOfAllTriplets`: one row of distances at a time, O(N) memory.
    static func exactHingeSum(embeddings: Matrix, labels: [Int], margin: Double) -> Double {
        var sum = 0.0
        var positives: [Double] = [], negatives: [Double] = []
        for a in labels.indices {
            positives.removeAll(keepingCapacity: true)
            negatives.removeAll(keepingCapacity: true)
            for j in labels.indices where j != a {
                let distance = squaredDistance(embeddings, a, j)
                if labels[j] == labels[a] { positives.append(distance) } else { negatives.append(distance) }
            }
            sum += TripletLoss.hingeSumOfAllTriplets(positiveDistances: positives, negativeDistances: negatives, margin: margin)
        }
        return sum
    }

    /// The mean hinge of `sampleSize` triplets drawn uniformly from the valid ones.
    static func sampledMean(embeddings: Matrix, labels: [Int], counts: [Int], margin: Double, seed: UInt64, sampleSize: Int) -> Double {
        let total = labels.count
        var members = Array(repeating: [Int](), count: counts.count)
        for (row, label) in labels.enumerated() { members[label].append(row) }
        var cumulative: [Double] = []
        var running = 0.0
        for count in counts {
            running += Double(count) * Double(max(count - 1, 0)) * Double(total - count)
            cumulative.append(running)
        }
        var generator = Xoshiro256StarStar(seed: seed)
        var sum = 0.0
        for _ in 0..<sampleSize {
            let target = generator.uniform() * running
            let c = min(cumulative.firstIndex { $0 > target } ?? counts.count - 1, counts.count - 1)
            let classRows = members[c]
            let anchorIndex = generator.uniformInteger(below: classRows.count)
            var positiveIndex = generator.uniformInteger(below: classRows.count - 1)
            if positiveIndex >= anchorIndex { positiveIndex += 1 }
            let negative = otherRow(generator.uniformInteger(below: total - classRows.count), excluding: c, members: members)
            let a = classRows[anchorIndex], p = classRows[positiveIndex]
            sum += max(0, squaredDistance(embeddings, a, p) - squaredDistance(embeddings, a, negative) + margin)
        }
        return sum / Double(sampleSize)
    }

    /// The `index`-th row outside class `excluded`, counting the other classes' members in class order.
    static func otherRow(_ index: Int, excluding excluded: Int, members: [[Int]]) -> Int {
        var remaining = index
        for (k, rows) in members.enumerated() where k != excluded {
            if remaining < rows.count { return rows[remaining] }
            remaining -= rows.count
        }
        preconditionFailure("index \(index) is beyond the rows outside class \(excluded)")
    }

    static func squaredDistance(_ embeddings: Matrix, _ i: Int, _ j: Int) -> Double {
        let dimension = embeddings.columns
        var sum = 0.0
        for m in 0..<dimension {
            let difference = embeddings.elements[i * dimension + m] - embeddings.elements[j * dimension + m]
            sum += difference * difference
        }
        return sum
    }
}
