import Testing
import LinearAlgebra
import Losses
import TestSupport

@Suite("Triplet loss — max(0, d(a, p) − d(a, n) + α) on a linear embedding")
struct TripletLossTests {
    // MARK: Hand-computed values

    // The 4-row, 2-D batch of the hand-computed tests, α = 1:
    //   row 0 = (0, 0) class 0, row 1 = (1, 0) class 0, row 2 = (0, 1) class 1, row 3 = (2, 0) class 1
    // Squared distances: d01 = 1, d02 = 1, d03 = 4, d12 = 2, d13 = 1, d23 = 5.
    // Every valid triplet (a, p, n) and its hinge max(0, d(a,p) − d(a,n) + 1):
    //   (0,1,2) 1−1+1 = 1   (0,1,3) 1−4+1 → 0   (1,0,2) 1−2+1 = 0   (1,0,3) 1−1+1 = 1
    //   (2,3,0) 5−1+1 = 5   (2,3,1) 5−2+1 = 4   (3,2,0) 5−4+1 = 2   (3,2,1) 5−1+1 = 5
    static let embeddings = Matrix([[0, 0], [1, 0], [0, 1], [2, 0]])
    static let labels = [0, 0, 1, 1]

    /// Columns: mining, expected mined triplets (a, p, n), expected mean loss.
    static let examples: [(TripletMining, [[Int]], Double)] = [
        // all 8 triplets: (1 + 0 + 0 + 1 + 5 + 4 + 2 + 5)/8 = 18/8
        (.all, [[0, 1, 2], [0, 1, 3], [1, 0, 2], [1, 0, 3], [2, 3, 0], [2, 3, 1], [3, 2, 0], [3, 2, 1]], 2.25),
        // per anchor the farthest positive (the only one) and the nearest negative:
        // a0 → n2 (1 < 4) = 1, a1 → n3 (1 < 2) = 1, a2 → n0 (1 < 2) = 5, a3 → n1 (1 < 4) = 5; 12/4
        (.hard, [[0, 1, 2], [1, 0, 3], [2, 3, 0], [3, 2, 1]], 3),
        // per (a, p) the nearest negative farther than p, else the farthest negative:
        // (0,1): d = 1, n3 at 4 → 0;  (1,0): d = 1, n2 at 2 → 0;
        // (2,3): d = 5, none farther → farthest n1 at 2 → 4;  (3,2): d = 5 → farthest n0 at 4 → 2;  6/4
        (.semiHard, [[0, 1, 3], [1, 0, 2], [2, 3, 1], [3, 2, 0]], 1.5),
    ]

    @Test("hand-computed on a 4-row 2-D batch: all → 2.25, hard → 3, semi_hard → 1.5", arguments: examples)
    func handComputed(mining: TripletMining, triplets: [[Int]], expected: Double) {
        let loss = TripletLoss(margin: 1, mining: mining)
        let mined = loss.naiveMinedTriplets(distances: TripletLoss.squaredDistances(Self.embeddings), labels: Self.labels)
        #expect(mined.map { [$0.anchor, $0.positive, $0.negative] } == triplets, "\(mining)")
        expectClose(loss.dataLoss(scores: Self.embeddings, labels: Self.labels), expected, tolerance: 1e-15, "\(mining) fast")
        expectClose(loss.naiveDataLossAndGradient(scores: Self.embeddings, labels: Self.labels).loss, expected,
                    tolerance: 1e-15, "\(mining) naive")
    }

    @Test("hand-computed gradient of hard mining: each active triplet adds 2(eₙ − eₚ), 2(eₚ − eₐ), 2(eₐ − eₙ), over T = 4")
    func handComputedHardGradient() {
        // (0,1,2): a += 2((0,1) − (1,0)) = (−2, 2), p1 += 2((1,0) − 0) = (2, 0), n2 += 2(0 − (0,1)) = (0, −2)
        // (1,0,3): a1 += 2((2,0) − 0) = (4, 0), p0 += 2(0 − (1,0)) = (−2, 0), n3 += 2((1,0) − (2,0)) = (−2, 0)
        // (2,3,0): a2 += 2(0 − (2,0)) = (−4, 0), p3 += 2((2,0) − (0,1)) = (4, −2), n0 += 2((0,1) − 0) = (0, 2)
        // (3,2,1): a3 += 2((1,0) − (0,1)) = (2, −2), p2 += 2((0,1) − (2,0)) = (−4, 2), n1 += 2((2,0) − (1,0)) = (2, 0)
        // rows: 0: (−2,2)+(−2,0)+(0,2) = (−4,4); 1: (2,0)+(4,0)+(2,0) = (8,0);
        //       2: (0,−2)+(−4,0)+(−4,2) = (−8,0); 3: (−2,0)+(4,−2)+(2,−2) = (4,−4); then /4
        let expected = Matrix([[-1, 1], [2, 0], [-2, 0], [1, -1]])
        let (_, gradient) = TripletLoss(mining: .hard).dataLossAndGradient(scores: Self.embeddings, labels: Self.labels)
        expectClose(gradient, expected, tolerance: 1e-15, "hard")
        let naive = TripletLoss(mining: .hard).naiveDataLossAndGradient(scores: Self.embeddings, labels: Self.labels)
        expectClose(naive.scoresGradient, expected, tolerance: 1e-15, "hard naive")
    }

    @Test("random mining with one negative per anchor has no choice: 3 rows of class 0 and one of class 1 → 3/6 = 0.5")
    func randomWithoutChoice() {
        // rows (0,0), (1,0), (0,1) class 0 and (2,0) class 1; every anchor of class 0 has the single negative 3:
        // (0,1,3) 1−4+1 → 0, (0,2,3) 1−4+1 → 0, (1,0,3) 1−1+1 = 1, (1,2,3) 2−1+1 = 2, (2,0,3) 1−5+1 → 0, (2,1,3) 2−5+1 → 0
        let labels = [0, 0, 0, 1]
        for batchNumber in UInt64(0)..<5 {
            let loss = TripletLoss(mining: .random, seed: 7, batchNumber: batchNumber)
            expectClose(loss.dataLoss(scores: Self.embeddings, labels: labels), 0.5, tolerance: 1e-15, "batch \(batchNumber)")
            expectClose(TripletLoss(mining: .all).dataLoss(scores: Self.embeddings, labels: labels), 0.5, tolerance: 1e-15, "all")
        }
    }

    @Test("random mining is seeded: the same batch number draws the same negatives, different ones differ")
    func randomIsSeeded() {
        let (embeddings, labels) = (randomMatrix(rows: 12, columns: 2, seed: 3), randomLabels(count: 12, classCount: 3, seed: 3))
        let distances = TripletLoss.squaredDistances(embeddings)
        let draws = (UInt64(0)..<8).map { TripletLoss(mining: .random, seed: 11, batchNumber: $0).naiveMinedTriplets(distances: distances, labels: labels) }
        let again = TripletLoss(mining: .random, seed: 11, batchNumber: 3).naiveMinedTriplets(distances: distances, labels: labels)
        #expect(draws[3] == again)
        #expect(Set(draws.map { $0.map(\.negative) }).count > 1, "eight batch numbers drew identical negatives")
    }

    // MARK: Edge cases and the value at V = 0

    @Test("a batch without a valid triplet (one class, or one row) has loss 0 and a zero gradient, not NaN",
          arguments: TripletMining.allCases)
    func noValidTriplet(mining: TripletMining) {
        let loss = TripletLoss(mining: mining)
        for (embeddings, labels) in [(Self.embeddings, [2, 2, 2, 2]), (Matrix([[1, 2]]), [0]), (Matrix([[1, 2], [3, 4]]), [0, 1]),
                                     (Matrix(rows: 0, columns: 2), [])] {
            let (value, gradient) = loss.dataLossAndGradient(scores: embeddings, labels: labels)
            #expect(value == 0, "\(mining), labels \(labels)")
            #expect(gradient.elements.allSatisfy { $0 == 0 }, "\(mining), labels \(labels)")
        }
    }

    @Test("with V = 0 every triplet costs α: the expected initial loss", arguments: TripletMining.allCases)
    func valueAtZero(mining: TripletMining) {
        for margin in [0.5, 1, 3] {
            let loss = TripletLoss(margin: margin, mining: mining)
            let labels = randomLabels(count: 9, classCount: 3, seed: 1)
            expectClose(loss.dataLoss(scores: Matrix(rows: 9, columns: 2), labels: labels), margin, tolerance: 1e-15, "α = \(margin)")
            #expect(loss.expectedInitialLoss(classCount: 3) == margin)
        }
    }

    // MARK: Naive matches fast

    @Test("the O(B² log B) sorting + prefix-sum path matches the triple loop, seeds 0..<20", arguments: TripletMining.allCases)
    func naiveMatchesFast(mining: TripletMining) {
        for seed in UInt64(0)..<20 {
            let rows = 2 + Int(seed) % 11, dimension = 1 + Int(seed) % 3, classes = 2 + Int(seed) % 3
            let embeddings = randomMatrix(rows: rows, columns: dimension, seed: seed)
            let labels = randomLabels(count: rows, classCount: classes, seed: seed)
            let loss = TripletLoss(margin: 0.5 + Double(seed % 4) * 0.5, mining: mining, seed: seed, batchNumber: seed)
            let naive = loss.naiveDataLossAndGradient(scores: embeddings, labels: labels)
            let fast = loss.dataLossAndGradient(scores: embeddings, labels: labels)
            expectClose(fast.loss, naive.loss, tolerance: 1e-12, "seed \(seed), \(mining), B = \(rows): loss")
            expectClose(fast.scoresGradient, naive.scoresGradient, tolerance: 1e-12, "seed \(seed), \(mining), B = \(rows): gradient")
        }
    }

    @Test("naive matches fast on tied distances (integer grid), on anchors with more than 24 positives (heapsort) and more than 64 (bisection)",
          arguments: TripletMining.allCases)
    func naiveMatchesFastOnTiesAndLargeBatches(mining: TripletMining) {
        for seed in UInt64(0)..<20 {
            let rows = seed == 0 ? 140 : seed.isMultiple(of: 2) ? 60 : 9, classes = seed.isMultiple(of: 2) ? 2 : 3
            var generator = Xoshiro256StarStar(seed: seed)
            // Embeddings on the integer grid {−1, 0, 1}²: many equal distances, so every tie rule is exercised.
            let grid = Matrix(rows: rows, columns: 2, elements: (0..<2 * rows).map { _ in Double(generator.uniformInteger(below: 3) - 1) })
            let labels = randomLabels(count: rows, classCount: classes, seed: seed)
            let loss = TripletLoss(margin: 1, mining: mining, seed: seed, batchNumber: seed)
            let naive = loss.naiveDataLossAndGradient(scores: grid, labels: labels)
            var scratch = TripletScratch()
            var gradient = Matrix(rows: rows, columns: 2)
            for pass in 0..<2 {  // the second pass reuses the scratch the first one grew
                let value = loss.dataLossAndGradient(scores: grid, labels: labels, scoresGradient: &gradient, scratch: &scratch)
                expectClose(value, naive.loss, tolerance: 1e-12, "seed \(seed), \(mining), B = \(rows), pass \(pass): loss")
                expectClose(gradient, naive.scoresGradient, tolerance: 1e-12, "seed \(seed), \(mining), B = \(rows), pass \(pass): gradient")
            }
        }
    }

    @Test("the fast loss is bit-identical on 1, 2 and 4 threads (a batch of 200 splits its anchors into 4 slots)",
          arguments: TripletMining.allCases)
    func sameResultOnAnyThreadCount(mining: TripletMining) {
        for seed in UInt64(0)..<3 {
            let embeddings = randomMatrix(rows: 200, columns: 2, seed: seed)
            let labels = randomLabels(count: 200, classCount: 10, seed: seed)
            let loss = TripletLoss(mining: mining, seed: seed, batchNumber: seed)
            let results = [1, 2, 4].map { threads in
                var scratch = TripletScratch()
                var gradient = Matrix(rows: 200, columns: 2)
                let value = loss.dataLossAndGradient(scores: embeddings, labels: labels, scoresGradient: &gradient,
                                                     scratch: &scratch, threadCount: threads)
                return (value, gradient)
            }
            for (threads, result) in zip([2, 4], results.dropFirst()) {
                #expect(result.0 == results[0].0, "seed \(seed), \(mining), \(threads) threads: loss \(result.0) ≠ \(results[0].0)")
                #expect(result.1 == results[0].1, "seed \(seed), \(mining), \(threads) threads: gradient differs from 1 thread's")
            }
        }
    }

    @Test("hingeSumOfAllTriplets equals the double loop over positives and negatives, seeds 0..<20 (from seed 10 over 100 negatives: the bisection)")
    func hingeSumMatchesLoop() {
        for seed in UInt64(0)..<20 {
            var generator = Xoshiro256StarStar(seed: seed)
            let positives = (0..<Int(seed % 7)).map { _ in generator.uniform(in: 0, 4) }
            let negatives = (0..<Int(1 + seed % 9 + (seed >= 10 ? 100 : 0))).map { _ in generator.uniform(in: 0, 4) }
            let loop = positives.reduce(0.0) { sum, p in negatives.reduce(sum) { $0 + max(0, p - $1 + 1) } }
            expectClose(TripletLoss.hingeSumOfAllTriplets(positiveDistances: positives, negativeDistances: negatives, margin: 1),
                        loop, tolerance: 1e-12, "seed \(seed)")
        }
    }

    // MARK: Gradient check

    /// The distance from a kink: the smallest |hinge argument| of any (a, p, n), and the smallest gap
    /// between two distances from one anchor (where hard and semi-hard mining change their choice).
    static func kinkDistance(_ embeddings: Matrix, _ labels: [Int], margin: Double) -> Double {
        let distances = TripletLoss.squaredDistances(embeddings)
        var smallest = Double.infinity
        for a in labels.indices {
            for j in labels.indices where j != a {
                for k in labels.indices where k != a && k != j {
                    smallest = min(smallest, abs(distances[a, j] - distances[a, k]), abs(distances[a, j] - distances[a, k] + margin))
                }
            }
        }
        return smallest
    }

    @Test("central differences agree to 1e-6 away from kinks", arguments: TripletMining.allCases)
    func gradientCheck(mining: TripletMining) {
        var checked = 0
        for seed in UInt64(0)..<20 {
            let embeddings = randomMatrix(rows: 6, columns: 2, seed: seed)
            let labels = randomLabels(count: 6, classCount: 2, seed: seed)
            let loss = TripletLoss(margin: 1, mining: mining, seed: seed, batchNumber: 2)
            guard Self.kinkDistance(embeddings, labels, margin: 1) > 1e-3 else { continue }
            let (_, analytic) = loss.dataLossAndGradient(scores: embeddings, labels: labels)
            let numerical = numericalGradient(of: { loss.dataLoss(scores: $0, labels: labels) }, at: embeddings)
            let error = largestRelativeError(analytic, numerical)
            #expect(error < 1e-6, "seed \(seed), \(mining): largest relative error \(error)")
            checked += 1
        }
        #expect(checked >= 5, "only \(checked) seeds were away from kinks")
    }

    @Test("the mining names are the config's: all, hard, semi_hard, random")
    func miningNames() {
        #expect(TripletMining.allCases.map(\.rawValue) == ["all", "hard", "semi_hard", "random"])
    }
}
