import LinearAlgebra
import LinearModel

/// The gradient check of one run, as `trainer gradcheck` prints it: at a random point [W b] (V for a
/// triplet run) and on a random minibatch of 50 training rows, `count` coordinates with λ = 0, then
/// with the run's regularizer when it has one.
public struct RunGradientCheck: Sendable {
    /// The checks of one strength λ.
    public struct Setting: Sendable {
        public var strength: Double
        public var coordinates: [CoordinateCheck]

        /// The coordinates whose ±h step stays on one side of every kink.
        public var smooth: [CoordinateCheck] { coordinates.filter { !$0.crossesKink } }
        /// The largest relative error among the smooth coordinates (0 when there are none).
        public var largestError: Double { smooth.map(\.relativeError).max() ?? 0 }
        /// How many coordinates crossed a kink (not derivable there, not counted).
        public var kinkCrossings: Int { coordinates.count - smooth.count }
    }

    /// The largest relative error that passes.
    public static let tolerance = 1e-6
    /// The rows of the checked minibatch.
    static let batchSize = 50

    public let run: RunConfiguration
    public let settings: [Setting]

    /// Checks `run` on the training split of `data`, drawing the rows, the point and the coordinates
    /// from the experiment seed's gradient-check stream.
    public init(run: RunConfiguration, data: ExperimentData, seed: UInt64, count: Int) {
        let train = data.train
        var generator = Xoshiro256StarStar(seed: seed, stream: StreamPurpose.gradientCheck.rawValue)
        let rows = (0..<min(Self.batchSize, train.exampleCount)).map { _ in generator.uniformInteger(below: train.exampleCount) }
        let features = train.features.gatheringRows(rows)
        let labels = rows.map { train.labels[$0] }
        // A triplet run's parameters are the embedding V (M rows), not K rows of class scores.
        let pointRows = run.loss.type == .triplet ? run.loss.settings.embeddingDimension : data.classCount
        let point = Self.randomPoint(classes: pointRows, features: train.featureCount, generator: &generator)
        let strengths = run.regularizer.strength == 0 || run.regularizer.type == .none ? [0] : [0, run.regularizer.strength]
        var settings: [Setting] = []
        for strength in strengths {
            let check = GradientCheck(run: run, strength: strength, features: features, labels: labels)
            settings.append(Setting(strength: strength, coordinates: check.check(point, count: count, generator: &generator)))
        }
        self.run = run
        self.settings = settings
    }

    /// A random classifier: W and b entries N(0, 0.1²), far enough from 0 that most hinge terms and
    /// L1 signs are settled.
    static func randomPoint(classes: Int, features: Int, generator: inout Xoshiro256StarStar) -> LinearClassifier {
        let weights = Matrix(rows: classes, columns: features, elements: (0..<classes * features).map { _ in 0.1 * generator.gaussian() })
        let bias = Matrix(rows: classes, columns: 1, elements: (0..<classes).map { _ in 0.1 * generator.gaussian() })
        return LinearClassifier(weights: weights, bias: bias)
    }
}
