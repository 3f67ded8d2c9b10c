import LinearAlgebra

/// One anchor's view of a batch: its positives and negatives in index order, with their squared
/// distances, and the negatives sorted by (distance, index) once, which every mining mode reuses.
struct AnchorNeighbours {
    let anchor: Int
    let positives: [Int]
    let negatives: [Int]
    let positiveDistances: [Double]
    /// The negatives in ascending (distance, index) order and their distances.
    let sortedNegatives: [Int]
    let sortedNegativeDistances: [Double]

    /// Row `anchor` of `distances`, split by `labels`.
    /// - Complexity: O(B log B).
    init(anchor: Int, labels: [Int], distances: Matrix) {
        self.anchor = anchor
        let count = labels.count
        var positives: [Int] = [], negatives: [Int] = []
        for j in 0..<count where j != anchor {
            if labels[j] == labels[anchor] { positives.append(j) } else { negatives.append(j) }
        }
        self.positives = positives
        self.negatives = negatives
        let row = distances.elements[(anchor * count)..<(anchor * count + count)]
        positiveDistances = positives.map { row[row.startIndex + $0] }
        sortedNegatives = negatives.sorted { (row[row.startIndex + $0], $0) < (row[row.startIndex + $1], $1) }
        sortedNegativeDistances = sortedNegatives.map { row[row.startIndex + $0] }
    }

    /// Every triplet with this anchor at once: the sum of their hinges, and for each positive (in
    /// index order) the number of negatives it is active against, and for each negative (in
    /// `sortedNegatives` order) the number of positives. See `TripletLoss.hingeSumOfAllTriplets`.
    func allTriplets(margin: Double) -> (hingeSum: Double, activeNegatives: [Int], activePositives: [Int]) {
        let prefix = TripletLoss.prefixSums(sortedNegativeDistances)
        var hingeSum = 0.0
        var activeNegatives: [Int] = []
        activeNegatives.reserveCapacity(positives.count)
        for distance in positiveDistances {
            let threshold = distance + margin
            let active = TripletLoss.countBelow(threshold, in: sortedNegativeDistances)
            hingeSum += Double(active) * threshold - prefix[active]
            activeNegatives.append(active)
        }
        let sortedThresholds = positiveDistances.map { $0 + margin }.sorted()
        let activePositives = sortedNegativeDistances.map { positives.count - TripletLoss.countAtOrBelow($0, in: sortedThresholds) }
        return (hingeSum, activeNegatives, activePositives)
    }

    /// The triplets that `hard`, `semi_hard` or `random` mining pick for this anchor, with the tie
    /// rules of `TripletLoss.naiveMinedTriplets` (`random` draws one index per positive from
    /// `generator`, in positive index order, as the naive loop does).
    func minedTriplets(_ mining: TripletMining, generator: inout Xoshiro256StarStar) -> [Triplet] {
        switch mining {
        case .all:
            return positives.flatMap { p in negatives.map { Triplet(anchor: anchor, positive: p, negative: $0) } }
        case .hard:
            var farthest = 0
            for index in positiveDistances.indices where positiveDistances[index] > positiveDistances[farthest] { farthest = index }
            // The nearest negative with the lowest index comes first in (distance, index) order.
            return [Triplet(anchor: anchor, positive: positives[farthest], negative: sortedNegatives[0])]
        case .semiHard:
            return zip(positives, positiveDistances).map { p, distance in
                let farther = TripletLoss.countAtOrBelow(distance, in: sortedNegativeDistances)
                let negative = farther < sortedNegatives.count ? sortedNegatives[farther] : sortedNegatives[sortedNegatives.count - 1]
                return Triplet(anchor: anchor, positive: p, negative: negative)
            }
        case .random:
            return positives.map { p in
                Triplet(anchor: anchor, positive: p, negative: negatives[generator.uniformInteger(below: negatives.count)])
            }
        }
    }
}

extension TripletLoss {
    /// Σ_{p} Σ_{n} max(0, d(a, p) − d(a, n) + α) over every positive and negative of one anchor, by
    /// sorting instead of the double loop: with the negatives' distances sorted and their prefix
    /// sums P, a positive with threshold t = d(a, p) + α is active against the k negatives below t,
    /// which contribute k·t − P[k].
    /// - Complexity: O((|P| + |N|)·log |N|).
    public static func hingeSumOfAllTriplets(positiveDistances: [Double], negativeDistances: [Double], margin: Double) -> Double {
        let sorted = negativeDistances.sorted()
        let prefix = prefixSums(sorted)
        return positiveDistances.reduce(0) { sum, distance in
            let threshold = distance + margin
            let active = countBelow(threshold, in: sorted)
            return sum + Double(active) * threshold - prefix[active]
        }
    }

    /// [0, x₀, x₀ + x₁, …]: count + 1 partial sums, added left to right.
    static func prefixSums(_ values: [Double]) -> [Double] {
        var sums = [0.0]
        sums.reserveCapacity(values.count + 1)
        for value in values { sums.append(sums[sums.count - 1] + value) }
        return sums
    }

    /// The number of entries of the ascending `sorted` that are < `value` (a lower bound).
    static func countBelow(_ value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of entries of the ascending `sorted` that are ≤ `value` (an upper bound).
    static func countAtOrBelow(_ value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
