import Testing
import LinearAlgebra
import Losses
import TestSupport

// The checks every loss suite runs (STYLE's five groups): naive matches fast, the central-
// difference gradient check, and finite values for huge scores. Each failure names the seed.

/// A naive reference: (scores, labels) → (mean loss, ∂L/∂S).
typealias NaiveLoss = (Matrix, [Int]) -> (loss: Double, scoresGradient: Matrix)

/// Batch shapes (B, K) for naive-versus-fast: seeded random shapes plus the edges B = 1, K = 2 and
/// the empty batch B = 0.
let naiveVersusFastShapes: [BatchShape] = {
    let seeded = (0..<20).map { (index: Int) -> BatchShape in
        BatchShape(seed: UInt64(index), batch: 1 + index % 7, classes: 2 + index % 5)
    }
    let edges = [BatchShape(seed: 20, batch: 1, classes: 5), BatchShape(seed: 21, batch: 6, classes: 2),
                 BatchShape(seed: 22, batch: 1, classes: 2), BatchShape(seed: 23, batch: 0, classes: 3)]
    return seeded + edges
}()

/// One batch shape and the seed of its random scores and labels.
struct BatchShape {
    let seed: UInt64
    let batch: Int
    let classes: Int
}

/// Random scores N(0, scale²) and labels for one seed.
func randomBatch(seed: UInt64, batch: Int, classes: Int, scale: Double = 2) -> (scores: Matrix, labels: [Int]) {
    (randomMatrix(rows: batch, columns: classes, seed: seed, scale: scale),
     randomLabels(count: batch, classCount: classes, seed: seed))
}

/// Expects the fast `dataLossAndGradient`, `dataLoss` and the mean of `exampleLosses` to match the
/// naive reference to 1e−12 on every shape of `naiveVersusFastShapes`; the empty batch gives loss 0
/// and a 0×K gradient.
func expectNaiveMatchesFast(_ loss: some Loss, naive: NaiveLoss, _ name: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
    for shape in naiveVersusFastShapes {
        let (seed, batch, classes) = (shape.seed, shape.batch, shape.classes)
        let (scores, labels) = randomBatch(seed: seed, batch: batch, classes: classes)
        let context = "\(name), seed \(seed), B = \(batch), K = \(classes):"
        let reference = naive(scores, labels)
        let fast = loss.dataLossAndGradient(scores: scores, labels: labels)
        expectClose(fast.loss, reference.loss, context + " loss", sourceLocation: sourceLocation)
        expectClose(fast.scoresGradient, reference.scoresGradient, context + " ∂L/∂S", sourceLocation: sourceLocation)
        expectClose(loss.dataLoss(scores: scores, labels: labels), reference.loss, context + " dataLoss",
                    sourceLocation: sourceLocation)
        let examples = loss.exampleLosses(scores: scores, labels: labels)
        #expect(examples.count == batch, "\(context) one Lᵢ per row", sourceLocation: sourceLocation)
        if batch == 0 {
            #expect(fast.loss == 0 && reference.loss == 0, "\(context) empty batch", sourceLocation: sourceLocation)
            #expect(fast.scoresGradient.rows == 0 && fast.scoresGradient.columns == classes,
                    "\(context) empty batch gradient is 0×K", sourceLocation: sourceLocation)
        } else {
            expectClose(examples.reduce(0, +) / Double(batch), reference.loss, context + " mean of Lᵢ",
                        sourceLocation: sourceLocation)
        }
    }
}

/// The largest relative error between the analytic ∂L/∂S and central differences of `dataLoss`.
func gradientCheckError(_ loss: some Loss, scores: Matrix, labels: [Int]) -> Double {
    let analytic = loss.dataLossAndGradient(scores: scores, labels: labels).scoresGradient
    let numerical = numericalGradient(of: { loss.dataLoss(scores: $0, labels: labels) }, at: scores)
    return largestRelativeError(analytic, numerical)
}

/// Expects the analytic ∂L/∂S to match central differences to a relative error < 1e−6 on random
/// batches (B = 5, K = 4) of seeds 0..<20; `awayFromKinks` rejects batches too close to a kink, and
/// at least 15 of the 20 must be checked.
func expectGradientCheckPasses(
    _ loss: some Loss, _ name: String, awayFromKinks: (Matrix, [Int]) -> Bool = { _, _ in true },
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var checked = 0
    for seed in UInt64(0)..<20 {
        let (scores, labels) = randomBatch(seed: seed, batch: 5, classes: 4, scale: 1.5)
        guard awayFromKinks(scores, labels) else { continue }
        checked += 1
        let error = gradientCheckError(loss, scores: scores, labels: labels)
        #expect(error < 1e-6, "\(name), seed \(seed): largest relative error \(error)", sourceLocation: sourceLocation)
    }
    #expect(checked >= 15, "\(name): only \(checked) of 20 seeds were away from kinks", sourceLocation: sourceLocation)
}

/// Expects loss and gradient to stay finite for scores of ±1e4 (random signs) and scores all 1e4.
func expectFiniteForHugeScores(_ loss: some Loss, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for seed in UInt64(0)..<5 {
        var (scores, labels) = randomBatch(seed: seed, batch: 6, classes: 4)
        scores.elements = scores.elements.map { $0 < 0 ? -1e4 : 1e4 }
        for huge in [scores, Matrix(rows: 6, columns: 4, repeating: 1e4), Matrix(rows: 6, columns: 4, repeating: -1e4)] {
            let (value, gradient) = loss.dataLossAndGradient(scores: huge, labels: labels)
            #expect(value.isFinite && gradient.isFinite, "\(name), seed \(seed): loss \(value), gradient\n\(gradient)",
                    sourceLocation: sourceLocation)
            #expect(loss.exampleLosses(scores: huge, labels: labels).allSatisfy { $0.isFinite },
                    "\(name), seed \(seed): every Lᵢ finite", sourceLocation: sourceLocation)
        }
    }
}
