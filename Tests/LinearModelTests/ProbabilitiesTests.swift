import Foundation
import Testing
import LinearAlgebra
import LinearModel
import TestSupport

@Suite("Probabilities — softmax and sigmoid of the scores")
struct ProbabilitiesTests {
    // MARK: Slide examples

    /// Columns: scores, expected softmax (SPEC §3, rounded as the slide prints them), tolerance.
    static let softmaxExamples: [([Double], [Double], Double)] = [
        ([1, 2], [0.2689, 0.7311], 1e-4),
        ([10, 20], [4.54e-5, 0.999955], 1e-6),  // the slide rounds 0.9999546 to 0.99995
        ([1000, 1001], [0.2689, 0.7311], 1e-4),
    ]

    @Test("softmax([1, 2]) = [0.2689, 0.7311]; softmax([10, 20]) ≈ [4.54e−5, 0.99995]; softmax([1000, 1001]) = [0.2689, 0.7311]",
          arguments: softmaxExamples)
    func softmaxSlideExamples(scores: [Double], expected: [Double], tolerance: Double) {
        let probabilities = softmax(scores)
        #expect(probabilities.count == expected.count)
        for (observed, wanted) in zip(probabilities, expected) {
            expectClose(observed, wanted, tolerance: tolerance, "softmax(\(scores))")
        }
    }

    @Test("a naive softmax of [1000, 1001] overflows to NaN; the max-subtracted one does not")
    func naiveSoftmaxOverflows() {
        #expect(naiveSoftmax([1000, 1001]).allSatisfy { $0.isNaN })
        #expect(softmax([1000, 1001]).allSatisfy { $0.isFinite })
    }

    @Test("softmax equals the shifted softmax of s − c: shifting every score changes nothing")
    func shiftInvariance() {
        let scores = [1.5, -2.0, 0.25, 3.0]
        let shifted = softmax(scores.map { $0 + 700 })
        for (observed, expected) in zip(shifted, softmax(scores)) {
            expectClose(observed, expected, tolerance: 1e-14)
        }
    }

    @Test("sigmoid: σ(0) = 0.5, σ(−∞) → 0, σ(+∞) → 1, no NaN at ±1000")
    func sigmoidLimits() {
        #expect(sigmoid(0) == 0.5)
        #expect(sigmoid(1000) == 1)
        #expect(sigmoid(-1000) == 0)
        #expect(sigmoid(-40) > 0 && sigmoid(-40) < 1e-17)
        expectClose(sigmoid(2), 1 / (1 + exp(-2.0)), tolerance: 1e-15)
        expectClose(sigmoid(-2), 1 / (1 + exp(2.0)), tolerance: 1e-15)
    }

    @Test("K = 2: softmax on scores [a, b] gives the same class-1 probability as σ(b − a)",
          arguments: [(0.0, 0.0), (1.0, 2.0), (3.0, -4.5), (-700.0, 700.0), (1000.0, 1001.0)])
    func twoClassSoftmaxIsSigmoid(a: Double, b: Double) {
        expectClose(softmax([a, b])[1], sigmoid(b - a), tolerance: 1e-15, "a = \(a), b = \(b)")
    }

    @Test("softplus(z) = ln(1 + e^z): matches the definition, stays finite at ±1000")
    func softplusValues() {
        for z in [-5.0, -0.5, 0, 0.5, 5] {
            expectClose(softplus(z), log(1 + exp(z)), tolerance: 1e-15, "z = \(z)")
        }
        #expect(softplus(1000) == 1000)
        #expect(softplus(-1000) == 0)
        expectClose(softplus(-3), -log(sigmoid(3)), tolerance: 1e-15, "−log σ(z) = softplus(−z)")
    }

    // MARK: Matrices

    @Test("softmaxProbabilities: each row is the softmax of that row of scores and sums to 1")
    func softmaxRows() {
        let scores = randomMatrix(rows: 5, columns: 4, seed: 3, scale: 5)
        let probabilities = softmaxProbabilities(scores: scores)
        for i in 0..<scores.rows {
            let row = probabilities.row(i)
            #expect(row == softmax(scores.row(i)))
            expectClose(row.reduce(0, +), 1, tolerance: 1e-15, "row \(i)")
            for (observed, expected) in zip(row, naiveSoftmax(scores.row(i))) {
                expectClose(observed, expected, tolerance: 1e-14, "row \(i) against the naive softmax")
            }
        }
        #expect(softmaxProbabilities(scores: Matrix(rows: 0, columns: 3)).rows == 0)
    }

    @Test("sigmoidProbabilities applies σ to every score")
    func sigmoidEntries() {
        let scores = Matrix([[0, 1000], [-1000, 2]])
        #expect(sigmoidProbabilities(scores: scores) == Matrix([[0.5, 1], [0, sigmoid(2)]]))
    }
}
