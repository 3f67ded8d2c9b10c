import LinearAlgebra

/// The mining of one anchor a for the fast triplet loss, on the scratch that `load(anchor:…)` filled:
/// each mode adds its active hinges' coefficients c_{aj} (+1 per active triplet on d(a, p), −1 on
/// d(a, n)) and returns the sum of its hinges, with the tie rules of
/// `TripletLoss.naiveMinedTriplets`.
extension TripletScratch {
    /// Every triplet (a, p, n) at once, by sorting the positives' thresholds tₚ = d(a, p) + α (the
    /// smaller side when K > 2; the SPEC's "sort the negatives" is the mirror image and gives the
    /// same sums). A negative n is active against the positives with tₚ > d(a, n): with r of the
    /// thresholds at or below d(a, n), those are the ranks r…|P|−1, whose hinges sum to
    /// (suffix sum of the thresholds from rank r) − (|P| − r)·d(a, n); and the positive of rank q
    /// is active against every negative with r ≤ q, a running count.
    /// - Complexity: O(|P| log |P| + |N| log |P|), no allocation once the buffers have grown.
    mutating func mineAllTriplets(margin: Double) -> Double {
        guard positiveCount > Self.linearSearchLimit else { return mineAllTripletsByScan(margin: margin) }
        rankPositives(offset: margin)
        let count = rankedPositives.count
        suffixSums.removeAll(keepingCapacity: true)
        suffixSums.append(contentsOf: repeatElement(0, count: count + 1))
        for rank in stride(from: count - 1, through: 0, by: -1) {
            suffixSums[rank] = suffixSums[rank + 1] + rankedPositives[rank].value
        }
        rankCounts.removeAll(keepingCapacity: true)
        rankCounts.append(contentsOf: repeatElement(0, count: count + 1))
        // Locals, so that the loop reads them without going through self.
        let (distances, negatives, suffixSums) = (self.distances, self.negatives, self.suffixSums)
        let (rankedValues, rankedPositives) = (self.rankedValues, self.rankedPositives)
        var hingeSum = 0.0
        for n in negatives {
            let distance = distances[n]
            let inactive = Self.count(below: distance, orEqual: true, in: rankedValues)
            let active = count - inactive
            hingeSum += suffixSums[inactive] - Double(active) * distance
            coefficients[n] -= Double(active)
            rankCounts[inactive] += 1
        }
        var activeNegatives = 0
        for rank in 0..<count {
            activeNegatives += rankCounts[rank]
            coefficients[rankedPositives[rank].row] += Double(activeNegatives)
        }
        return hingeSum
    }

    /// `mineAllTriplets` for anchors with at most `linearSearchLimit` positives (the usual count with
    /// K ≥ 4), without sorting: the thresholds tₚ = d(a, p) + α sit in chunks of eight (padded with
    /// −∞, never active), and each negative n is compared with all of them at once. The active lanes
    /// (tₚ > d(a, n)) add tₚ − d(a, n) to the hinge sum, one to n's count and one to p's count, all
    /// without a branch: comparisons of distances are as unpredictable as coin flips.
    /// - Complexity: O(|P|·|N|/8), no allocation once the buffers have grown.
    mutating func mineAllTripletsByScan(margin: Double) -> Double {
        let chunkCount = (positiveCount + 7) / 8
        thresholdChunks.removeAll(keepingCapacity: true)
        thresholdChunks.append(contentsOf: repeatElement(SIMD8(repeating: -.infinity), count: chunkCount))
        activeCounts.removeAll(keepingCapacity: true)
        activeCounts.append(contentsOf: repeatElement(SIMD8(), count: chunkCount))
        for (index, p) in positives.enumerated() { thresholdChunks[index / 8][index % 8] = distances[p] + margin }
        let hinges = Self.scanAllTriplets(negatives: negatives, distances: distances, thresholds: thresholdChunks,
                                          coefficients: &coefficients, positiveCounts: &activeCounts)
        for (index, p) in positives.enumerated() { coefficients[p] += Double(activeCounts[index / 8][index % 8]) }
        return hinges.sum()
    }

    /// The loop of `mineAllTripletsByScan`, on its arrays (passed apart so that the loop touches no
    /// other state): per negative n, the active lanes of every chunk of thresholds; returns the
    /// hinges' lane sums.
    static func scanAllTriplets(
        negatives: ArraySlice<Int>, distances: [Double], thresholds: [SIMD8<Double>],
        coefficients: inout [Double], positiveCounts: inout [SIMD8<Int64>]
    ) -> SIMD8<Double> {
        let chunkCount = thresholds.count
        precondition(positiveCounts.count == chunkCount, "one count per lane of thresholds")
        var hinges = SIMD8<Double>()
        for n in negatives {
            let distance = SIMD8(repeating: distances[n])
            var negativeCounts = SIMD8<Int64>()
            for chunk in 0..<chunkCount {
                let threshold = thresholds[chunk]
                let active = threshold .> distance
                hinges += (threshold - distance).replacing(with: 0, where: .!active)
                let ones = SIMD8<Int64>().replacing(with: 1, where: active)
                negativeCounts &+= ones
                positiveCounts[chunk] &+= ones
            }
            coefficients[n] -= Double(negativeCounts.wrappedSum())
        }
        return hinges
    }

    /// The farthest positive (the lowest row among equals) against the nearest negative (likewise).
    /// - Complexity: O(|P| + |N|).
    mutating func mineHardTriplet(margin: Double) -> Double {
        var farthest = positives[0], nearest = negatives[0]
        for p in positives where distances[p] > distances[farthest] { farthest = p }
        for n in negatives where distances[n] < distances[nearest] { nearest = n }
        return addTriplet(positive: farthest, negative: nearest, margin: margin)
    }

    /// Per positive, the nearest negative farther than it (the lowest row among equals), else the
    /// farthest negative (the highest row among equals). With the positives ranked by d(a, p), a
    /// negative is farther than the positives of rank < r (r of them nearer than it): keep the best
    /// (nearest) negative per r, and the answer for rank q is the best over every r > q, a running
    /// minimum from the top rank down.
    /// - Complexity: O(|P| log |P| + |N| log |P|).
    mutating func mineSemiHardTriplets(margin: Double) -> Double {
        guard positiveCount > Self.linearSearchLimit else { return mineSemiHardTripletsByScan(margin: margin) }
        rankPositives(offset: 0)
        let count = rankedPositives.count
        let none = RankedRow(value: .infinity, row: Int.max)
        bestNegatives.removeAll(keepingCapacity: true)
        bestNegatives.append(contentsOf: repeatElement(none, count: count + 1))
        var farthest = RankedRow(value: -.infinity, row: -1)
        for n in negatives {
            let candidate = RankedRow(value: distances[n], row: n)
            let nearer = Self.count(below: candidate.value, orEqual: false, in: rankedValues)
            if candidate < bestNegatives[nearer] { bestNegatives[nearer] = candidate }
            if farthest < candidate { farthest = candidate }
        }
        var hingeSum = 0.0
        var best = none
        for rank in stride(from: count - 1, through: 0, by: -1) {
            best = min(best, bestNegatives[rank + 1])
            hingeSum += addTriplet(positive: rankedPositives[rank].row, negative: best == none ? farthest.row : best.row, margin: margin)
        }
        return hingeSum
    }

    /// `mineSemiHardTriplets` for anchors with at most `linearSearchLimit` positives, without sorting:
    /// the positives' distances sit in chunks of eight (padded with +∞, never exceeded), and each
    /// negative, in index order, replaces the best of the lanes it is farther than and strictly nearer
    /// than their best so far (so the lowest row wins among equals), by SIMD selects, not branches.
    /// The best rows are kept as Doubles (exact below 2⁵³) so that one mask selects both vectors.
    /// - Complexity: O(|P|·|N|/8), no allocation once the buffers have grown.
    mutating func mineSemiHardTripletsByScan(margin: Double) -> Double {
        let chunkCount = (positiveCount + 7) / 8
        thresholdChunks.removeAll(keepingCapacity: true)
        thresholdChunks.append(contentsOf: repeatElement(SIMD8(repeating: .infinity), count: chunkCount))
        nearestDistances.removeAll(keepingCapacity: true)
        nearestDistances.append(contentsOf: repeatElement(SIMD8(repeating: .infinity), count: chunkCount))
        nearestRows.removeAll(keepingCapacity: true)
        nearestRows.append(contentsOf: repeatElement(SIMD8(repeating: -1), count: chunkCount))
        for (index, p) in positives.enumerated() { thresholdChunks[index / 8][index % 8] = distances[p] }
        var farthest = negatives[negatives.startIndex], farthestDistance = -Double.infinity
        let (distances, negatives, positiveDistances) = (self.distances, self.negatives, self.thresholdChunks)
        // Chunk by chunk, so that its best distances and rows stay in registers over the negatives
        // (each lane still sees them in index order).
        let infinity = SIMD8<Double>(repeating: .infinity)
        for chunk in 0..<chunkCount {
            let positiveChunk = positiveDistances[chunk]
            var nearest = nearestDistances[chunk], rows = nearestRows[chunk]
            for n in negatives {
                let broadcast = SIMD8(repeating: distances[n])
                // +∞ where n is not farther than p, so that one comparison decides (no mask `.&`).
                let candidate = infinity.replacing(with: broadcast, where: broadcast .> positiveChunk)
                let better = candidate .< nearest
                nearest = nearest.replacing(with: candidate, where: better)
                rows = rows.replacing(with: SIMD8(repeating: Double(n)), where: better)
            }
            nearestDistances[chunk] = nearest
            nearestRows[chunk] = rows
        }
        for n in negatives {
            let distance = distances[n], isFarthest = distance >= farthestDistance
            farthest = isFarthest ? n : farthest
            farthestDistance = isFarthest ? distance : farthestDistance
        }
        var hingeSum = 0.0
        for (index, p) in positives.enumerated() {
            let nearest = Int(nearestRows[index / 8][index % 8])
            hingeSum += addTriplet(positive: p, negative: nearest < 0 ? farthest : nearest, margin: margin)
        }
        return hingeSum
    }

    /// Per positive in index order, one negative drawn uniformly from `generator` (in index order of
    /// the negatives, as the naive loop draws).
    /// - Complexity: O(|P|).
    mutating func mineRandomTriplets(margin: Double, generator: inout Xoshiro256StarStar) -> Double {
        var hingeSum = 0.0
        for p in positives {
            hingeSum += addTriplet(positive: p, negative: negatives[generator.uniformInteger(below: negatives.count)], margin: margin)
        }
        return hingeSum
    }

    /// max(0, d(a, p) − d(a, n) + α), counting an active hinge in the coefficients.
    mutating func addTriplet(positive p: Int, negative n: Int, margin: Double) -> Double {
        let hinge = distances[p] - distances[n] + margin
        guard hinge > 0 else { return 0 }
        coefficients[p] += 1
        coefficients[n] -= 1
        return hinge
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
            let active = TripletScratch.count(below: threshold, orEqual: false, in: sorted)
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
}
