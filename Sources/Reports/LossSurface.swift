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
    ///
    /// The scores are linear in the weights, S(W + a·U + b·V) = S(W) + a·X·Uᵀ + b·X·Vᵀ, so the sample
    /// is scored three times for the plane (and twice for the line) and every grid point combines
    /// those score matrices: 441 points cost 3 products, not 441.
    init(result: RunResult, initial: LinearClassifier, data: ExperimentData, directions: (Matrix, Matrix)) {
        let sample = Self.sample(of: data.train)
        let loss = result.run.loss.makeLoss()
        let final = result.classifier, zeroBias = Matrix(rows: final.classCount, columns: 1)
        let rows = Array(0..<sample.exampleCount)[...]
        func scores(_ weights: Matrix, _ bias: Matrix) -> Matrix {
            LinearClassifier(weights: weights, bias: bias).scores(for: sample.features, rows: rows)
        }
        /// λ·R of the weights plus the data loss of the scores Σ coefficient·S.
        func total(_ terms: [(Double, Matrix)], weights: Matrix, bias: Matrix) -> Double {
            loss.dataLoss(scores: Self.combination(terms), labels: sample.labels)
                + Evaluation.regularizationLoss(of: LinearClassifier(weights: weights, bias: bias), result.run.regularizer)
        }
        let u = Self.filterNormalised(directions.0, like: final.weights)
        let v = Self.filterNormalised(directions.1, like: final.weights)
        let (finalScores, uScores, vScores) = (scores(final.weights, final.bias), scores(u, zeroBias), scores(v, zeroBias))
        let steps = (0..<Self.gridSize).map { -1 + 2 * Double($0) / Double(Self.gridSize - 1) }
        plane = steps.map { b in
            steps.map { a in
                total([(1, finalScores), (a, uScores), (b, vScores)],
                      weights: Self.combination([(1, final.weights), (a, u), (b, v)]), bias: final.bias)
            }
        }
        let initialScores = scores(initial.weights, initial.bias)
        line = (0..<Self.linePoints).map { step in
            let alpha = -0.5 + 2 * Double(step) / Double(Self.linePoints - 1)
            let mix = [(1 - alpha), alpha]
            return (alpha, total([(mix[0], initialScores), (mix[1], finalScores)],
                                 weights: Self.combination([(mix[0], initial.weights), (mix[1], final.weights)]),
                                 bias: Self.combination([(mix[0], initial.bias), (mix[1], final.bias)])))
        }
    }

    /// Σ cᵢ·Mᵢ entry by entry, for matrices of one shape.
    static func combination(_ terms: [(Double, Matrix)]) -> Matrix {
        guard let first = terms.first?.1 else { return Matrix(rows: 0, columns: 0) }
        var sum = Matrix(rows: first.rows, columns: first.columns)
        for (coefficient, matrix) in terms { sum.add(matrix, scaledBy: coefficient) }
        return sum
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
