import Foundation
import Testing
import LinearAlgebra
import Losses
import TestSupport

@Suite("Gaussian negative log-likelihood loss — least squares in disguise")
struct GaussianNegativeLogLikelihoodLossTests {
    // MARK: Hand-computed values

    /// Columns: σ, scores, label, expected Lᵢ (worked out in the comment).
    static let examples: [(Double, [Double], Int, Double)] = [
        // (0.25 + 4 + 1)/2 + (3/2)·ln 2π = 2.625 + 2.756815599614018
        (1, [1.5, -2, 1.0], 0, 5.3818155996140185),
        // 5.25/(2·0.25) + (3/2)·ln(2π·0.25) = 10.5 + 0.677374057934182
        (0.5, [1.5, -2, 1.0], 0, 11.177374057934182),
        // one output at its target: 0 + ½·ln(2π·4)
        (2, [1], 0, 0.5 * log(8 * Double.pi)),
    ]

    @Test("hand-computed: σ = 1 → 5.3818, σ = 0.5 → 11.1774 on scores [1.5, −2, 1.0], y = 0", arguments: examples)
    func handComputed(sigma: Double, scores: [Double], label: Int, expected: Double) {
        let loss = GaussianNegativeLogLikelihoodLoss(sigma: sigma)
        expectClose(loss.dataLoss(scores: Matrix([scores]), labels: [label]), expected, tolerance: 1e-14, "σ = \(sigma)")
        expectClose(loss.scaledSquaredError(scores: scores, label: label) + loss.constantTerm(classCount: scores.count),
                    expected, tolerance: 1e-14, "σ = \(sigma): scaled squared error + constant")
    }

    @Test("the split that explain prints: scaled squared error 2.625 and constant ½·K·ln(2πσ²) = 2.7568")
    func explainSplit() {
        let loss = GaussianNegativeLogLikelihoodLoss()
        #expect(loss.scaledSquaredError(scores: [1.5, -2, 1.0], label: 0) == 2.625)
        expectClose(loss.constantTerm(classCount: 3), 1.5 * log(2 * Double.pi), tolerance: 1e-15)
    }

    @Test("Lᵢ = (K/(2σ²))·MSEᵢ + ½·K·ln(2πσ²), and ∇L = (K/(2σ²))·∇MSE", arguments: [0.3, 1, 2.5])
    func leastSquaresInDisguise(sigma: Double) {
        let loss = GaussianNegativeLogLikelihoodLoss(sigma: sigma)
        for seed in UInt64(0)..<5 {
            let (scores, labels) = randomBatch(seed: seed, batch: 6, classes: 4)
            let factor = 4 / (2 * sigma * sigma)
            let nll = loss.dataLossAndGradient(scores: scores, labels: labels)
            let mse = MeanSquaredErrorLoss().dataLossAndGradient(scores: scores, labels: labels)
            expectClose(nll.loss, factor * mse.loss + loss.constantTerm(classCount: 4), tolerance: 1e-13, "seed \(seed)")
            var scaled = mse.scoresGradient
            scaled.scale(by: factor)
            expectClose(nll.scoresGradient, scaled, tolerance: 1e-14, "seed \(seed)")
        }
    }

    // MARK: Value at W = 0

    @Test("all-zero scores: 1/(2σ²) + (K/2)·ln(2πσ²) = expectedInitialLoss",
          arguments: [0.5, 1, 3], [1, 2, 3, 10])
    func valueAtZero(sigma: Double, classes: Int) {
        let loss = GaussianNegativeLogLikelihoodLoss(sigma: sigma)
        let expected = 1 / (2 * sigma * sigma) + Double(classes) / 2 * log(2 * Double.pi * sigma * sigma)
        let zeros = Matrix(rows: 3, columns: classes), labels = (0..<3).map { $0 % classes }
        expectClose(loss.expectedInitialLoss(classCount: classes), expected, tolerance: 1e-14)
        expectClose(loss.dataLossAndGradient(scores: zeros, labels: labels).loss, expected, tolerance: 1e-14,
                    "σ = \(sigma), K = \(classes)")
    }

    // MARK: Naive matches fast

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)", arguments: [0.5, 1, 3])
    func naiveMatchesFast(sigma: Double) {
        let loss = GaussianNegativeLogLikelihoodLoss(sigma: sigma)
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, "gaussian_nll, σ = \(sigma)")
    }

    // MARK: Gradient check

    @Test("central differences agree with ∂L/∂S to 1e−6", arguments: [0.5, 1, 3])
    func gradientCheck(sigma: Double) {
        expectGradientCheckPasses(GaussianNegativeLogLikelihoodLoss(sigma: sigma), "gaussian_nll, σ = \(sigma)")
    }

    // MARK: Bad input

    @Test("scores of ±1e4 give a finite loss and gradient", arguments: [0.01, 1])
    func hugeScores(sigma: Double) {
        expectFiniteForHugeScores(GaussianNegativeLogLikelihoodLoss(sigma: sigma), "gaussian_nll, σ = \(sigma)")
    }
}
