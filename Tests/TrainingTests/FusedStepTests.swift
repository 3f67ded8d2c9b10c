import Testing
import Datasets
import LinearAlgebra
import LinearModel
import Losses
import TestSupport
@testable import Training

@Suite("The training step's fused path (a row-wise loss)")
struct FusedStepTests {
    /// One SGD step by the separate pieces: S = X_B·Wᵀ + b, ∂L/∂S by `dataLossAndGradient`, dW = dSᵀ·X_B,
    /// db = Σᵢ dSᵢ, then W ← W − lr·(dW + 2λW) and b ← b − lr·db (plain SGD, L2 without the bias).
    static func separateStep(
        _ classifier: LinearClassifier, loss: any Loss, x: Matrix, labels: [Int], rows: ArraySlice<Int>,
        learningRate: Double, strength: Double
    ) -> LinearClassifier {
        let scores = classifier.scores(for: x, rows: rows)
        var scoresGradient = Matrix(rows: rows.count, columns: classifier.classCount)
        _ = loss.dataLossAndGradient(scores: scores, labels: rows.map { labels[$0] }, scoresGradient: &scoresGradient)
        let weightGradient = Matrix.naiveTransposedMultiply(scoresGradient, byRowsOf: x, at: rows, appendingOne: false)
        var weights = classifier.weights, bias = classifier.bias
        for index in weights.elements.indices {
            weights.elements[index] -= learningRate * (weightGradient.elements[index] + 2 * strength * classifier.weights.elements[index])
        }
        for k in 0..<classifier.classCount {
            bias.elements[k] -= learningRate * (0..<rows.count).reduce(0) { $0 + scoresGradient[$1, k] }
        }
        return LinearClassifier(weights: weights, bias: bias)
    }

    @Test("one step equals the separate pieces to 1e−12, on a batch of two slots (B = 200, D = 37, K = 10)",
          arguments: ["softmax", "svm"], 0..<3 as Range<UInt64>)
    func fusedStepMatchesSeparatePieces(lossType: String, seed: UInt64) throws {
        let configuration = try TrainingFixtures.configuration("""
            {"data": {"train": "unused.csv"}, "loss": {"type": "\(lossType)"},
             "regularizer": {"type": "l2", "strength": 0.01}, "optimizer": {"batch_size": 200}}
            """)
        let run = try #require(configuration.runs.first)
        let x = randomMatrix(rows: 300, columns: 37, seed: seed)
        let labels = randomLabels(count: 300, classCount: 10, seed: seed + 1)
        let train = Dataset(features: x, labels: labels, classNames: (0..<10).map(String.init),
                            featureNames: (0..<37).map { "x\($0)" })
        let data = ExperimentData(train: train, validation: nil, test: nil,
                                  preprocessing: Preprocessing(kind: .none, mean: [], scale: []))
        let start = LinearClassifier(weights: randomMatrix(rows: 10, columns: 37, seed: seed + 2, scale: 0.1),
                                     bias: randomMatrix(rows: 10, columns: 1, seed: seed + 3, scale: 0.1))
        let rows = randomLabels(count: 200, classCount: 300, seed: seed + 4)[...]
        let loss = try #require(run.loss.makeLoss() as? any RowwiseLoss)
        var state = TrainingState(run: run, loss: loss, data: data, classifier: start)
        state.step(rows: rows, learningRate: 0.5)
        let expected = Self.separateStep(start, loss: run.loss.makeLoss(), x: x, labels: labels, rows: rows,
                                         learningRate: 0.5, strength: 0.01)
        let fused = state.classifier.weights.elements + state.classifier.bias.elements
        let separate = expected.weights.elements + expected.bias.elements
        for index in fused.indices {
            #expect(relativeError(fused[index], separate[index], floor: 1e-12) <= 1e-12,
                    "\(lossType), seed \(seed), entry \(index): \(fused[index]) vs \(separate[index])")
        }
    }
}
