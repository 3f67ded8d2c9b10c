import Testing
import LinearAlgebra
import Optimizers
import TestSupport

@Suite("SGD — plain, momentum and Nesterov steps (SPEC §3)")
struct StochasticGradientDescentTests {
    // The hand-computed examples share θ₀ = [1, −2], g₁ = [0.5, 1], g₂ = [−1, 0.5], lr = 0.1, μ = 0.9.
    static let start = Matrix([[1, -2]])
    static let gradients = [Matrix([[0.5, 1]]), Matrix([[-1, 0.5]])]

    // MARK: Hand-computed steps

    @Test("plain SGD: θ ← θ − lr·g, [1, −2] − 0.1·[0.5, 1] = [0.95, −2.1]")
    func plainStep() {
        var sgd = StochasticGradientDescent()
        var theta = Self.start
        sgd.step(&theta, gradient: Self.gradients[0], learningRate: 0.1)
        expectClose(theta, Matrix([[0.95, -2.1]]), tolerance: 1e-15)
    }

    /// step 1: v = 0.9·[0, 0] + [0.5, 1] = [0.5, 1]
    ///         θ = [1, −2] − 0.1·[0.5, 1] = [0.95, −2.1]
    /// step 2: v = 0.9·[0.5, 1] + [−1, 0.5] = [0.45 − 1, 0.9 + 0.5] = [−0.55, 1.4]
    ///         θ = [0.95, −2.1] − 0.1·[−0.55, 1.4] = [1.005, −2.24]
    @Test("momentum μ = 0.9, two steps: v = [0.5, 1] then [−0.55, 1.4]; θ = [0.95, −2.1] then [1.005, −2.24]")
    func momentumSteps() {
        var sgd = StochasticGradientDescent(momentum: 0.9)
        var theta = Self.start
        sgd.step(&theta, gradient: Self.gradients[0], learningRate: 0.1)
        expectClose(theta, Matrix([[0.95, -2.1]]), tolerance: 1e-15, "step 1:")
        expectClose(sgd.velocity ?? Matrix([]), Matrix([[0.5, 1]]), tolerance: 1e-15, "step 1 velocity:")
        sgd.step(&theta, gradient: Self.gradients[1], learningRate: 0.1)
        expectClose(theta, Matrix([[1.005, -2.24]]), tolerance: 1e-15, "step 2:")
        expectClose(sgd.velocity ?? Matrix([]), Matrix([[-0.55, 1.4]]), tolerance: 1e-15, "step 2 velocity:")
    }

    /// step 1: v = 0.9·[0, 0] + [0.5, 1] = [0.5, 1]
    ///         g + μv = [0.5, 1] + [0.45, 0.9] = [0.95, 1.9]
    ///         θ = [1, −2] − 0.1·[0.95, 1.9] = [0.905, −2.19]
    /// step 2: v = 0.9·[0.5, 1] + [−1, 0.5] = [−0.55, 1.4]
    ///         g + μv = [−1, 0.5] + [−0.495, 1.26] = [−1.495, 1.76]
    ///         θ = [0.905, −2.19] − 0.1·[−1.495, 1.76] = [1.0545, −2.366]
    @Test("Nesterov μ = 0.9, two steps: θ = [0.905, −2.19] then [1.0545, −2.366]")
    func nesterovSteps() {
        var sgd = StochasticGradientDescent(momentum: 0.9, nesterov: true)
        var theta = Self.start
        sgd.step(&theta, gradient: Self.gradients[0], learningRate: 0.1)
        expectClose(theta, Matrix([[0.905, -2.19]]), tolerance: 1e-15, "step 1:")
        sgd.step(&theta, gradient: Self.gradients[1], learningRate: 0.1)
        expectClose(theta, Matrix([[1.0545, -2.366]]), tolerance: 1e-15, "step 2:")
        expectClose(sgd.velocity ?? Matrix([]), Matrix([[-0.55, 1.4]]), tolerance: 1e-15, "step 2 velocity:")
    }

    @Test("momentum μ = 0 is plain SGD to the bit, with or without Nesterov", arguments: [false, true], 0..<5 as Range<UInt64>)
    func zeroMomentumIsPlain(nesterov: Bool, seed: UInt64) {
        var sgd = StochasticGradientDescent(momentum: 0, nesterov: nesterov)
        var theta = randomMatrix(rows: 3, columns: 4, seed: seed)
        var plain = theta
        for step in 0..<5 {
            let gradient = randomMatrix(rows: 3, columns: 4, seed: seed * 100 + UInt64(step))
            let learningRate = 0.1 / Double(step + 1)
            sgd.step(&theta, gradient: gradient, learningRate: learningRate)
            for index in plain.elements.indices { plain.elements[index] -= learningRate * gradient.elements[index] }
            #expect(theta == plain, "seed \(seed), step \(step): \(theta) ≠ θ − lr·g = \(plain)")
        }
    }

    // MARK: Velocity starts at zero

    @Test("the velocity starts at zero, sized at the first step: after it, v = g", arguments: [(0, 0), (1, 1), (3, 5)])
    func velocityStartsAtZero(rows: Int, columns: Int) {
        var sgd = StochasticGradientDescent(momentum: 0.5)
        #expect(sgd.velocity == nil)
        var theta = randomMatrix(rows: rows, columns: columns, seed: 1)
        let gradient = randomMatrix(rows: rows, columns: columns, seed: 2)
        sgd.step(&theta, gradient: gradient, learningRate: 0.1)
        #expect(sgd.velocity == gradient)
    }

    // MARK: Naive matches fast

    // (momentum μ, nesterov)
    static let variants: [(Double, Bool)] = [(0, false), (0.9, false), (0.5, true)]

    @Test("step matches its naive definition, to the bit, over three steps", arguments: variants, 0..<20 as Range<UInt64>)
    func naiveMatchesFast(variant: (Double, Bool), seed: UInt64) {
        let (momentum, nesterov) = variant
        // 10×3,072 is cifar-like's W, large enough for the step to split over threads.
        let shapes = [(0, 0), (1, 1), (Int(seed % 4) + 1, Int(seed % 7) + 2)] + (seed < 2 ? [(10, 3_072)] : [])
        for (rows, columns) in shapes {
            var fast = StochasticGradientDescent(momentum: momentum, nesterov: nesterov), naive = fast
            var fastTheta = randomMatrix(rows: rows, columns: columns, seed: seed), naiveTheta = fastTheta
            for step in 0..<3 {
                let gradient = randomMatrix(rows: rows, columns: columns, seed: seed + 1000 * UInt64(step + 1))
                fast.step(&fastTheta, gradient: gradient, learningRate: 0.05)
                naive.naiveStep(&naiveTheta, gradient: gradient, learningRate: 0.05)
                let context = "μ \(momentum), nesterov \(nesterov), seed \(seed), \(rows)×\(columns), step \(step):"
                #expect(fastTheta == naiveTheta, "\(context) θ fast \(fastTheta), naive \(naiveTheta)")
                #expect(fast.velocity == naive.velocity, "\(context) velocity differs")
            }
        }
    }

    // MARK: Bad input

    @Test("a NaN gradient reaches θ, where the training loop detects divergence")
    func nanGradient() {
        var sgd = StochasticGradientDescent(momentum: 0.9)
        var theta = Matrix([[1, 2]])
        sgd.step(&theta, gradient: Matrix([[.nan, 0]]), learningRate: 0.1)
        #expect(theta[0, 0].isNaN && theta[0, 1] == 2)
    }

    @Test("one instance for two parameter shapes stops the program (use one optimizer per matrix)")
    func secondShape() async {
        await #expect(processExitsWith: .failure) {
            var sgd = StochasticGradientDescent(momentum: 0.9)
            var weights = Matrix(rows: 2, columns: 3), bias = Matrix(rows: 2, columns: 1)
            sgd.step(&weights, gradient: Matrix(rows: 2, columns: 3), learningRate: 0.1)
            sgd.step(&bias, gradient: Matrix(rows: 2, columns: 1), learningRate: 0.1)
        }
    }

    @Test("momentum outside [0, 1) stops the program (the config validation rejects it first)", arguments: [-0.1, 1.0])
    func momentumOutOfRange(momentum: Double) async {
        await #expect(processExitsWith: .failure) { [momentum] in
            _ = StochasticGradientDescent(momentum: momentum)
        }
    }
}
