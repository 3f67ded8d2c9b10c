import LinearAlgebra

/// The triplet loss of a linear embedding f(x) = V·x, averaged over the mined triplets of a batch
/// (SPEC §3.1):
///
///     d(u, v) = ‖f(u) − f(v)‖²        ℓ(a, p, n) = max(0, d(a, p) − d(a, n) + α)
///     L = (1/T) Σ_{(a,p,n) mined} ℓ(a, p, n)                   T = number of mined triplets
///     ∂ℓ/∂eₐ = 2(eₙ − eₚ),  ∂ℓ/∂eₚ = 2(eₚ − eₐ),  ∂ℓ/∂eₙ = 2(eₐ − eₙ)   when ℓ > 0, else 0
///
/// The "scores" this loss sees are the embeddings E = X·Vᵀ of the batch (B×M, one row per example),
/// not class scores; the labels only say which rows share a class. A batch without a valid triplet
/// (one class only, or singletons) has loss 0 and a zero gradient, never NaN. With every embedding
/// equal (V = 0) each triplet costs α, so the expected initial loss is α. Worked example: 1-D
/// embeddings a = 0, p = 1 (same class), n = 3 and α = 1 give max(0, 1 − 9 + 1) = 0; n = 1.2 gives
/// max(0, 1 − 1.44 + 1) = 0.56.
/// - Complexity: O(B²·M) for the distances plus O(B² log B) for mining (any mode).
public struct TripletLoss: Loss, Equatable {
    /// α, the margin by which a negative should be farther than a positive (`margin`, default 1).
    public let margin: Double
    /// Which triplets of the batch enter the mean.
    public let mining: TripletMining
    /// The seed of `random` mining's draws.
    public let seed: UInt64
    /// Which batch this is: `random` mining draws from stream `batchNumber` of `seed`, so every batch
    /// has its own draws and the same batch number gives the same draws (the gradient check relies
    /// on it). The training loop advances it once per minibatch.
    public var batchNumber: UInt64

    /// The triplet loss with margin α, mining `mining`, and `random` mining's seed.
    /// - Precondition: α ≥ 0 and finite (the config validation rejects anything else).
    public init(margin: Double = 1, mining: TripletMining = .all, seed: UInt64 = 0, batchNumber: UInt64 = 0) {
        precondition(margin >= 0 && margin.isFinite, "α is a non-negative margin")
        self.margin = margin
        self.mining = mining
        self.seed = seed
        self.batchNumber = batchNumber
    }

    /// α: with V = 0 every distance is 0 and every triplet costs max(0, 0 − 0 + α). Independent of K.
    public func expectedInitialLoss(classCount: Int) -> Double {
        margin
    }

    /// The B×B matrix of squared distances d(i, j) = Σ_m (e_{im} − e_{jm})², computed as differences
    /// (not ‖eᵢ‖² + ‖eⱼ‖² − 2eᵢ·eⱼ) so that it is exactly symmetric, ≥ 0 and 0 on the diagonal.
    /// - Complexity: O(B²·M).
    public static func squaredDistances(_ embeddings: Matrix) -> Matrix {
        let count = embeddings.rows, dimension = embeddings.columns
        var distances = Matrix(rows: count, columns: count)
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) {
                var sum = 0.0
                for m in 0..<dimension {
                    let difference = embeddings.elements[i * dimension + m] - embeddings.elements[j * dimension + m]
                    sum += difference * difference
                }
                distances.elements[i * count + j] = sum
                distances.elements[j * count + i] = sum
            }
        }
        return distances
    }

    /// The mean hinge over `exampleLosses`' anchors: per row i, the mean of ℓ over the mined triplets
    /// with anchor i (0 when it anchors none). Their mean differs from `dataLoss` when anchors mine
    /// different numbers of triplets: the batch loss weighs triplets, not anchors.
    public func exampleLosses(scores embeddings: Matrix, labels: [Int]) -> [Double] {
        let distances = Self.squaredDistances(embeddings)
        var sums = Array(repeating: 0.0, count: labels.count), counts = Array(repeating: 0, count: labels.count)
        for triplet in naiveMinedTriplets(distances: distances, labels: labels) {
            sums[triplet.anchor] += hinge(triplet, distances)
            counts[triplet.anchor] += 1
        }
        return zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) }
    }

    /// The mean triplet loss of the batch, without its gradient.
    public func dataLoss(scores embeddings: Matrix, labels: [Int]) -> Double {
        var gradient = Matrix(rows: embeddings.rows, columns: embeddings.columns)
        return dataLossAndGradient(scores: embeddings, labels: labels, scoresGradient: &gradient)
    }

    func hinge(_ triplet: Triplet, _ distances: Matrix) -> Double {
        max(0, distances[triplet.anchor, triplet.positive] - distances[triplet.anchor, triplet.negative] + margin)
    }

    /// The generator of `random` mining for this batch.
    func miningGenerator() -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: batchNumber)
    }

    // MARK: Naive: the definition, triplet by triplet

    /// The triplets that `mining` picks, by plain loops over the rows in index order: the
    /// definition of each mode. Ties go to the lower row index, except "the farthest negative" of
    /// `semi_hard`, which goes to the higher (the last in (distance, index) order).
    /// - Complexity: O(B³) for `all`, `semi_hard` and `random`; O(B²) for `hard`.
    public func naiveMinedTriplets(distances: Matrix, labels: [Int]) -> [Triplet] {
        precondition(distances.rows == labels.count && distances.columns == labels.count, "a B×B distance matrix")
        var generator = miningGenerator()
        var triplets: [Triplet] = []
        for a in labels.indices {
            let positives = labels.indices.filter { $0 != a && labels[$0] == labels[a] }
            let negatives = labels.indices.filter { labels[$0] != labels[a] }
            guard !positives.isEmpty, !negatives.isEmpty else { continue }
            func d(_ j: Int) -> Double { distances[a, j] }
            switch mining {
            case .all:
                for p in positives {
                    for n in negatives { triplets.append(Triplet(anchor: a, positive: p, negative: n)) }
                }
            case .hard:
                var farthest = positives[0], nearest = negatives[0]
                for p in positives where d(p) > d(farthest) { farthest = p }
                for n in negatives where d(n) < d(nearest) { nearest = n }
                triplets.append(Triplet(anchor: a, positive: farthest, negative: nearest))
            case .semiHard:
                for p in positives {
                    var semiHard: Int?, farthest = negatives[0]
                    for n in negatives {
                        if d(n) > d(p), semiHard.map({ d(n) < d($0) }) ?? true { semiHard = n }
                        if d(n) >= d(farthest) { farthest = n }
                    }
                    triplets.append(Triplet(anchor: a, positive: p, negative: semiHard ?? farthest))
                }
            case .random:
                for p in positives {
                    let n = negatives[generator.uniformInteger(below: negatives.count)]
                    triplets.append(Triplet(anchor: a, positive: p, negative: n))
                }
            }
        }
        return triplets
    }

    /// L and ∂L/∂E by the formula: mine the triplets, then add each one's hinge and, when it is
    /// positive, its three gradient rows. The readable reference for
    /// `dataLossAndGradient(scores:labels:scoresGradient:)`.
    public func naiveDataLossAndGradient(scores embeddings: Matrix, labels: [Int]) -> (loss: Double, scoresGradient: Matrix) {
        precondition(labels.count == embeddings.rows, "one label per row of embeddings")
        let distances = Self.squaredDistances(embeddings)
        let triplets = naiveMinedTriplets(distances: distances, labels: labels)
        var gradient = Matrix(rows: embeddings.rows, columns: embeddings.columns)
        guard !triplets.isEmpty else { return (0, gradient) }
        let scale = 1 / Double(triplets.count)
        var total = 0.0
        for triplet in triplets {
            let loss = hinge(triplet, distances)
            total += loss
            guard loss > 0 else { continue }
            let (a, p, n) = (triplet.anchor, triplet.positive, triplet.negative)
            for m in 0..<embeddings.columns {
                gradient[a, m] += 2 * (embeddings[n, m] - embeddings[p, m]) * scale
                gradient[p, m] += 2 * (embeddings[p, m] - embeddings[a, m]) * scale
                gradient[n, m] += 2 * (embeddings[a, m] - embeddings[n, m]) * scale
            }
        }
        return (total * scale, gradient)
    }

    // MARK: Fast: from the distance matrix, without materialising the triplets

    /// L and ∂L/∂E (B×M, overwritten), with fresh working memory: see
    /// `dataLossAndGradient(scores:labels:scoresGradient:scratch:)`, which the training loop calls
    /// with memory it keeps.
    public func dataLossAndGradient(scores embeddings: Matrix, labels: [Int], scoresGradient: inout Matrix) -> Double {
        var scratch = TripletScratch()
        return dataLossAndGradient(scores: embeddings, labels: labels, scoresGradient: &scoresGradient, scratch: &scratch)
    }

    /// L and ∂L/∂E (B×M, overwritten). Same inputs and outputs as
    /// `naiveDataLossAndGradient(scores:labels:)`, up to rounding.
    ///
    /// Anchor by anchor, on one row of distances at a time, every mode reduces to coefficients c_{aj}
    /// (how often d(a, j) enters the sum of active hinges, + for a positive, − for a negative), so
    /// that L = (1/T)·Σ active hinges and
    ///
    ///     ∂L/∂eₐ += (2/T)·Σⱼ c_{aj}·(eₐ − eⱼ)        ∂L/∂eⱼ += (2/T)·c_{aj}·(eⱼ − eₐ)
    ///
    /// For `all`, sorting the anchor's positive thresholds d(a, p) + α once lets a binary search and
    /// suffix sums give every negative's hinge sum and count; `semi_hard` finds each positive's
    /// negative from the same ranking (`TripletScratch.mineAllTriplets`, `mineSemiHardTriplets`).
    /// Up to 64 positives (K ≥ 4 at B = 200) both skip the sort and compare each negative with
    /// every positive eight lanes at a time, without a branch (`mineAllTripletsByScan`,
    /// `mineSemiHardTripletsByScan`): at most 8 vector steps per negative, cheaper than ranking.
    /// The anchors are split into a number of slots that depends on B alone (`slotCount(batch:)`;
    /// one for `random`, whose draws follow the anchors in order); each slot sums its own hinges and
    /// gradient, the slots run on up to `threadCount` threads, and their sums are added in slot
    /// order, so the result is bit-identical for any thread count.
    /// `scratch` is working memory kept by the caller, so that a training step allocates nothing.
    /// - Complexity: O(B²·M + B² log B) time, O(B·M) memory per slot.
    public func dataLossAndGradient(
        scores embeddings: Matrix, labels: [Int], scoresGradient: inout Matrix, scratch: inout TripletScratch,
        threadCount: Int = ParallelPartition.defaultThreadCount
    ) -> Double {
        precondition(labels.count == embeddings.rows, "one label per row of embeddings")
        precondition(scoresGradient.rows == embeddings.rows && scoresGradient.columns == embeddings.columns,
                     "the gradient has the shape of the embeddings")
        let batch = embeddings.rows
        let slots = mining == .random ? 1 : Self.slotCount(batch: batch)
        if scratch.slots.count != slots { scratch.slots = Array(repeating: TripletScratch(), count: slots) }
        let threads = batch * batch * embeddings.columns < Self.minimumWorkForThreads ? 1 : max(1, min(threadCount, slots))
        scratch.slots.withUnsafeMutableBufferPointer { buffer in
            let slotScratches = SlotScratches(base: buffer.baseAddress)
            ParallelPartition.forEachPart(units: slots, threads: threads) { part in
                for slot in part {
                    slotScratches.base?[slot].mine(anchors: batch * slot / slots ..< batch * (slot + 1) / slots, loss: self,
                                                    embeddings: embeddings, labels: labels)
                }
            }
        }
        for index in scoresGradient.elements.indices { scoresGradient.elements[index] = 0 }
        var total = 0.0, tripletCount = 0
        for slot in scratch.slots {
            scoresGradient.add(slot.gradient, scaledBy: 1)
            total += slot.hingeSum
            tripletCount += slot.tripletCount
        }
        guard tripletCount > 0 else { return 0 }
        let scale = 1 / Double(tripletCount)
        scoresGradient.scale(by: 2 * scale)
        return total * scale
    }

    /// The slots of anchors of a batch of B rows: one per 50 anchors, at most 4, so that `mid`'s
    /// batches of 200 keep two threads busy and a small batch stays whole.
    static func slotCount(batch: Int) -> Int {
        max(1, min(4, batch / 50))
    }

    /// Below B²·M = 2¹⁶ a batch stays on the calling thread: a hand-off would cost more than it saves.
    static let minimumWorkForThreads = 1 << 16
}

/// The slots' scratches, shared by the threads; each thread writes only its own slots.
struct SlotScratches: @unchecked Sendable {
    let base: UnsafeMutablePointer<TripletScratch>?
}

extension TripletScratch {
    /// Mines the anchors `anchors` of the batch into this slot's `gradient` (B×M, before the factor
    /// 2/T), `hingeSum` and `tripletCount`.
    /// - Complexity: O(|anchors|·(B·M + B log B)).
    mutating func mine(anchors: Range<Int>, loss: TripletLoss, embeddings: Matrix, labels: [Int]) {
        if gradient.rows != embeddings.rows || gradient.columns != embeddings.columns {
            gradient = Matrix(rows: embeddings.rows, columns: embeddings.columns)
        }
        let count = embeddings.rows, dimension = embeddings.columns
        embeddingColumns.removeAll(keepingCapacity: true)
        for m in 0..<dimension {
            for j in 0..<count { embeddingColumns.append(embeddings.elements[j * dimension + m]) }
        }
        gradientColumns.removeAll(keepingCapacity: true)
        gradientColumns.append(contentsOf: repeatElement(0, count: count * dimension))
        hingeSum = 0
        tripletCount = 0
        var generator = loss.miningGenerator()
        for a in anchors {
            load(anchor: a, labels: labels)
            let positives = positiveCount, negatives = negativeCount
            guard positives > 0, negatives > 0 else { continue }
            switch loss.mining {
            case .all:
                hingeSum += mineAllTriplets(margin: loss.margin)
                tripletCount += positives * negatives
            case .hard:
                hingeSum += mineHardTriplet(margin: loss.margin)
                tripletCount += 1
            case .semiHard:
                hingeSum += mineSemiHardTriplets(margin: loss.margin)
                tripletCount += positives
            case .random:
                hingeSum += mineRandomTriplets(margin: loss.margin, generator: &generator)
                tripletCount += positives
            }
            addCoefficientGradient(anchor: a)
        }
        for j in 0..<count {
            for m in 0..<dimension { gradient.elements[j * dimension + m] = gradientColumns[m * count + j] }
        }
    }
}
