import LinearAlgebra
import LinearModel
import Datasets
import Training

/// The total loss L(W) = data loss + λ·R(W) of a run around its final weights (SPEC §3.2, the
/// cross-entropy vs MSE figure):
///
///     plane:  L(W_T + a·U + b·V) for a, b ∈ [−1, 1]
///     line:   L([W b]₀ + α·([W b]_T − [W b]₀)) for α ∈ [−0.5, 1.5]
///
/// U and V are two Gaussian directions drawn from the experiment's seed (the `lossSurface`
/// stream), the same draws for every run of the config, each row then scaled to the norm of the
/// same row of the run's W_T (filter normalisation, Li et al. 2018), so that a = 1 is a change as
/// large as the weights themselves whatever their scale; on the plane b stays at b_T. The losses
/// are computed on the first `sampleLimit` examples of the training split, which keeps a large
/// dataset's report quick.
struct LossSurface {
    /// Points per side of the plane's grid, and along the line.
    static let gridSize = 21
    static let linePoints = 41
    /// At most this many training examples are scored per point.
    static let sampleLimit = 1000

    /// losses[row][column] at b = −1 + 2·row/(n − 1) (row 0 at the bottom), a = −1 + 2·column/(n − 1).
    var plane: [[Double]]
    /// α and the loss at W₀ + α(W_T − W₀).
    var line: [(alpha: Double, loss: Double)]

    /// The surface of `result` (not of a triplet run: its parameters are V, not W).
    init(result: RunResult, initial: LinearClassifier, data: ExperimentData, directions: (Matrix, Matrix)) {
        let sample = Self.sample(of: data.train)
        let loss = result.run.loss.makeLoss()
        let final = result.classifier
        func total(_ weights: Matrix, _ bias: Matrix) -> Double {
            let classifier = LinearClassifier(weights: weights, bias: bias)
            return Evaluation.lossAndAccuracy(of: classifier, loss: loss, on: sample).dataLoss
                + Evaluation.regularizationLoss(of: classifier, result.run.regularizer)
        }
        func moved(_ start: Matrix, _ steps: [(Double, Matrix)]) -> Matrix {
            Matrix(rows: start.rows, columns: start.columns, elements: (0..<start.elements.count).map { index in
                steps.reduce(start.elements[index]) { $0 + $1.0 * $1.1.elements[index] }
            })
        }
        let u = Self.filterNormalised(directions.0, like: final.weights)
        let v = Self.filterNormalised(directions.1, like: final.weights)
        let steps = (0..<Self.gridSize).map { -1 + 2 * Double($0) / Double(Self.gridSize - 1) }
        plane = steps.map { b in steps.map { a in total(moved(final.weights, [(a, u), (b, v)]), final.bias) } }
        let weightChange = moved(final.weights, [(-1, initial.weights)]), biasChange = moved(final.bias, [(-1, initial.bias)])
        line = (0..<Self.linePoints).map { step in
            let alpha = -0.5 + 2 * Double(step) / Double(Self.linePoints - 1)
            return (alpha, total(moved(initial.weights, [(alpha, weightChange)]), moved(initial.bias, [(alpha, biasChange)])))
        }
    }

    /// Two K×D matrices of standard normal draws from the experiment's `lossSurface` stream.
    static func directions(classCount: Int, featureCount: Int, seed: UInt64) -> (Matrix, Matrix) {
        var generator = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.lossSurface.rawValue)
        let count = classCount * featureCount
        let u = (0..<count).map { _ in generator.gaussian() }
        let v = (0..<count).map { _ in generator.gaussian() }
        return (Matrix(rows: classCount, columns: featureCount, elements: u), Matrix(rows: classCount, columns: featureCount, elements: v))
    }

    /// `direction` with each row k scaled to ‖W_k‖: d_k ← d_k · ‖W_k‖ / ‖d_k‖ (a zero row stays 0).
    static func filterNormalised(_ direction: Matrix, like weights: Matrix) -> Matrix {
        var scaled = direction
        for k in 0..<direction.rows {
            let row = direction.row(k), target = weights.row(k)
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot(), targetNorm = target.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let factor = norm > 0 ? targetNorm / norm : 0
            for d in 0..<direction.columns { scaled.elements[k * direction.columns + d] = row[d] * factor }
        }
        return scaled
    }

    /// The first `sampleLimit` examples of `dataset` (all of a small one).
    static func sample(of dataset: Dataset) -> Dataset {
        guard dataset.exampleCount > sampleLimit else { return dataset }
        return Dataset(features: dataset.features.gatheringRows(0..<sampleLimit), labels: Array(dataset.labels.prefix(sampleLimit)),
                       classNames: dataset.classNames, featureNames: dataset.featureNames)
    }
}
