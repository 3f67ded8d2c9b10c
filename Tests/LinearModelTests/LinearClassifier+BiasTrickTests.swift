import Testing
import LinearAlgebra
import LinearModel
import TestSupport

@Suite("The bias trick — W·x + b = [W b]·[x; 1]")
struct BiasTrickTests {
    /// A random K×D classifier with a nonzero bias.
    static func randomClassifier(classes: Int, features: Int, seed: UInt64) -> LinearClassifier {
        LinearClassifier(weights: randomMatrix(rows: classes, columns: features, seed: seed),
                         bias: randomMatrix(rows: classes, columns: 1, seed: seed + 1000))
    }

    /// Columns: batch rows B, features D, classes K (1×1, tall, wide, empty batch).
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (7, 3, 4), (2, 9, 3), (0, 4, 3), (5, 0, 2)]

    @Test("[W b] is W with b as its last column, and splits back into the same W and b")
    func augmentedWeightsLayout() {
        let model = LinearClassifier(weights: Matrix([[1, 2], [3, 4], [5, 6]]), bias: Matrix([[7], [8], [9]]))
        #expect(model.augmentedWeights == Matrix([[1, 2, 7], [3, 4, 8], [5, 6, 9]]))
        #expect(LinearClassifier(augmentedWeights: model.augmentedWeights) == model)
        var changed = model
        changed.augmentedWeights = Matrix([[0, 0, 1], [0, 0, 2], [0, 0, 3]])
        #expect(changed.weights == Matrix(rows: 3, columns: 2))
        #expect(changed.bias == Matrix([[1], [2], [3]]))
    }

    @Test("[X 1] appends a 1 to every row")
    func augmentedFeaturesLayout() {
        #expect(LinearClassifier.augmentedFeatures(Matrix([[1, 2], [3, 4]])) == Matrix([[1, 2, 1], [3, 4, 1]]))
        #expect(LinearClassifier.augmentedFeatures(Matrix(rows: 0, columns: 2)) == Matrix(rows: 0, columns: 3))
    }

    @Test("X·Wᵀ + b and [X 1]·[W b]ᵀ give bit-identical scores on random data", arguments: shapes)
    func identicalScores(batch: Int, features: Int, classes: Int) {
        for seed in UInt64(0)..<20 {
            let model = Self.randomClassifier(classes: classes, features: features, seed: seed)
            let x = randomMatrix(rows: batch + 2, columns: features, seed: seed + 500)
            let rows = Array((0..<batch).map { ($0 * 3 + Int(seed)) % (batch + 2) })[...]
            let separate = model.naiveScores(for: x, rows: rows)
            let trick = LinearClassifier.scoresUsingBiasTrick(augmentedWeights: model.augmentedWeights, features: x, rows: rows)
            expectBitIdentical(trick.elements, separate.elements, "seed \(seed)")
            expectClose(model.scores(for: x, rows: rows), separate, "seed \(seed), the fast scores:")
        }
    }

    @Test("dW = dSᵀ·X_B with db = Σᵢ dSᵢ and d[W b] = dSᵀ·[X_B 1] are bit-identical", arguments: shapes)
    func identicalGradients(batch: Int, features: Int, classes: Int) {
        for seed in UInt64(0)..<20 {
            let x = randomMatrix(rows: batch + 3, columns: features, seed: seed)
            let rows = Array((0..<batch).map { ($0 * 2 + Int(seed)) % (batch + 3) })[...]
            let dS = randomMatrix(rows: batch, columns: classes, seed: seed + 700)
            let separate = LinearClassifier.weightGradients(scoresGradient: dS, features: x, rows: rows)
            let trick = LinearClassifier.augmentedGradient(scoresGradient: dS, features: x, rows: rows)
            let joined = LinearClassifier(weights: separate.weights, bias: separate.bias).augmentedWeights
            expectBitIdentical(trick.elements, joined.elements, "seed \(seed): d[W b] against (dW, db)")
        }
    }

    @Test("d[W b] = dSᵀ·[X_B 1] is the gradient: central differences of L = Σ C ⊙ S agree to 1e−6")
    func gradientCheck() {
        // With L = Σ_ik C_ik·S_ik, ∂L/∂S = C exactly, so any error is in the chain rule through [W b].
        for seed in UInt64(0)..<5 {
            let x = randomMatrix(rows: 6, columns: 3, seed: seed)
            let weighting = randomMatrix(rows: 4, columns: 3, seed: seed + 1)
            let rows = [5, 0, 2, 3][...]
            let start = Self.randomClassifier(classes: 3, features: 3, seed: seed + 2).augmentedWeights
            let loss = { (augmented: Matrix) -> Double in
                let scores = LinearClassifier(augmentedWeights: augmented).scores(for: x, rows: rows)
                return zip(scores.elements, weighting.elements).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let analytic = LinearClassifier.augmentedGradient(scoresGradient: weighting, features: x, rows: rows)
            let numerical = numericalGradient(of: loss, at: start)
            let error = largestRelativeError(analytic, numerical)
            #expect(error < 1e-6, "seed \(seed): largest relative error \(error)")
        }
    }
}
