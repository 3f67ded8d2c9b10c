import Testing
import LinearAlgebra
import Optimizers
import Regularizers
import TestSupport

@Suite("Gradient descent on least squares — what the lecture promises")
struct GradientDescentBehaviourTests {
    @Test("the test problem's gradient passes the gradient check", arguments: 0..<3 as Range<UInt64>)
    func problemGradient(seed: UInt64) {
        let problem = LeastSquaresProblem(samples: 20, trueWeights: [1, -2, 0.5], seed: seed)
        let weights = randomMatrix(rows: 1, columns: 3, seed: seed + 7)
        let error = largestRelativeError(problem.gradient(weights), numericalGradient(of: { problem.objective($0) }, at: weights))
        #expect(error < 1e-6, "seed \(seed): relative error \(error)")
    }

    @Test("full-batch gradient descent with a small rate decreases the objective at every step", arguments: 0..<5 as Range<UInt64>)
    func fullBatchDecreases(seed: UInt64) {
        let problem = LeastSquaresProblem(samples: 40, trueWeights: [1, -2, 0.5, 3], seed: seed)
        var sgd = StochasticGradientDescent()
        var weights = Matrix(rows: 1, columns: 4)
        let initial = problem.objective(weights)
        var previous = initial
        for step in 0..<100 {
            sgd.step(&weights, gradient: problem.gradient(weights), learningRate: 0.05)
            let current = problem.objective(weights)
            #expect(current < previous, "seed \(seed), step \(step): f went from \(previous) to \(current)")
            previous = current
        }
        #expect(previous < 0.01 * initial, "seed \(seed): f only fell from \(initial) to \(previous)")
    }

    /// λ and lr of the L1 runs: the subgradient's band around 0 is about lr·λ = 0.005 wide.
    static let strength = 0.1, learningRate = 0.05

    /// Trains w on y = X·[2, −3, 1.5, 0, 0, 0] (features 3, 4, 5 irrelevant) for 200 epochs of
    /// seeded, shuffled minibatches of 20 with SGD and L1; returns w.
    private func trainWithL1(_ regularizer: L1Regularizer, seed: UInt64) -> Matrix {
        let problem = LeastSquaresProblem(samples: 60, trueWeights: [2, -3, 1.5, 0, 0, 0], seed: seed)
        let strength = Self.strength, learningRate = Self.learningRate, batchSize = 20
        var generator = Xoshiro256StarStar(seed: seed, stream: 2)
        var order = Array(0..<60)
        var sgd = StochasticGradientDescent()
        var weights = Matrix(rows: 1, columns: 6, repeating: 0.5)
        for _ in 0..<200 {
            generator.shuffle(&order)
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let batch = Array(order[start ..< min(start + batchSize, order.count)])
                var gradient = problem.gradient(weights, batch: batch)
                regularizer.addGradient(of: weights, strength: strength, into: &gradient)
                sgd.step(&weights, gradient: gradient, learningRate: learningRate)
                regularizer.proximalStep(&weights, threshold: learningRate * strength)
            }
        }
        return weights
    }

    @Test("proximal L1 drives the irrelevant features' weights to exactly 0; the relevant ones stay", arguments: 0..<5 as Range<UInt64>)
    func proximalL1GivesExactZeros(seed: UInt64) {
        let weights = trainWithL1(L1Regularizer(proximal: true), seed: seed)
        #expect(weights.elements[3...] == [0, 0, 0], "seed \(seed): irrelevant weights \(weights.elements[3...])")
        for (d, trueWeight) in [2.0, -3, 1.5].enumerated() {
            #expect(abs(weights[0, d] - trueWeight) < 0.3, "seed \(seed): w[\(d)] = \(weights[0, d]), true \(trueWeight)")
        }
    }

    @Test("subgradient L1 leaves the irrelevant features' weights small but not 0: they hover around it", arguments: 0..<5 as Range<UInt64>)
    func subgradientL1HoversAroundZero(seed: UInt64) {
        let weights = trainWithL1(L1Regularizer(), seed: seed)
        for d in 3..<6 {
            let band = 2 * Self.learningRate * Self.strength
            #expect(weights[0, d] != 0 && abs(weights[0, d]) < band,
                    "seed \(seed): irrelevant w[\(d)] = \(weights[0, d]), expected nonzero within ±\(band)")
        }
        #expect(weights.zeroCount == 0)
    }
}
