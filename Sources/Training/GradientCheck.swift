import LinearAlgebra
import LinearModel
import Losses
import Regularizers

/// One checked coordinate of [W b]: the analytic derivative, the central difference, and whether
/// the ±h step crossed a kink (a max() changed its winner, or an |w| passed through 0), where the
/// two may rightly disagree.
public struct CoordinateCheck: Sendable {
    /// "W[2, 5]" or "b[1]".
    public var parameter: String
    public var analytic: Double
    public var numerical: Double
    /// |a − n| / max(|a|, |n|); 0 when both are below 1e-10.
    public var relativeError: Double
    public var crossesKink: Bool
}

/// The numerical gradient check of the lecture: the analytic gradient of the full loss
///
///     L(W, b) = (1/B) Σᵢ Lᵢ(W·xᵢ + b) + λ·R(W)
///
/// against the central difference (L(θ + h) − L(θ − h)) / 2h, coordinate by coordinate, at a random
/// point and on a random minibatch of the training split.
public struct GradientCheck {
    public let loss: any Loss
    public let lossConfiguration: LossConfiguration
    /// The regularizer with its L1 part as a subgradient (the proximal step is not part of the loss's gradient).
    public let regularizer: any Regularizer
    public let strength: Double
    public let includeBias: Bool
    public let features: Matrix
    public let labels: [Int]
    public let step: Double

    /// A check of `run`'s loss and regularizer (with strength `strength`) on the rows `rows` of `features`.
    public init(run: RunConfiguration, strength: Double, features: Matrix, labels: [Int], step: Double = 1e-5) {
        self.loss = run.loss.makeLoss()
        self.lossConfiguration = run.loss
        var regularizerConfiguration = run.regularizer
        regularizerConfiguration.proximal = false
        self.regularizer = regularizerConfiguration.makeRegularizer()
        self.strength = strength
        self.includeBias = run.regularizer.includeBias
        self.features = features
        self.labels = labels
        self.step = step
    }

    /// The full loss at `classifier`.
    public func totalLoss(_ classifier: LinearClassifier) -> Double {
        let scores = classifier.scores(for: features)
        var penalty = regularizer.penalty(of: classifier.weights)
        if includeBias { penalty += regularizer.penalty(of: classifier.bias) }
        return loss.dataLoss(scores: scores, labels: labels) + strength * penalty
    }

    /// The analytic gradient of the full loss: [dSᵀX + λ∂R/∂W, Σᵢ dSᵢ (+ λ∂R/∂b)].
    public func analyticGradient(_ classifier: LinearClassifier) -> (weights: Matrix, bias: Matrix) {
        let scores = classifier.scores(for: features)
        let (_, scoresGradient) = loss.dataLossAndGradient(scores: scores, labels: labels)
        var (weights, bias) = LinearClassifier.weightGradients(scoresGradient: scoresGradient, features: features,
                                                               rows: Array(0..<features.rows)[...])
        regularizer.addGradient(of: classifier.weights, strength: strength, into: &weights)
        if includeBias { regularizer.addGradient(of: classifier.bias, strength: strength, into: &bias) }
        return (weights, bias)
    }

    /// Checks `count` coordinates of [W b] drawn from `generator` at `classifier`.
    public func check(_ classifier: LinearClassifier, count: Int, generator: inout Xoshiro256StarStar) -> [CoordinateCheck] {
        let gradient = analyticGradient(classifier)
        let classes = classifier.classCount, columns = classifier.featureCount + 1
        return (0..<count).map { _ in
            let coordinate = generator.uniformInteger(below: classes * columns)
            let (k, d) = (coordinate / columns, coordinate % columns)
            let isBias = d == classifier.featureCount
            var plus = classifier, minus = classifier
            if isBias {
                plus.bias[k, 0] += step
                minus.bias[k, 0] -= step
            } else {
                plus.weights[k, d] += step
                minus.weights[k, d] -= step
            }
            let numerical = (totalLoss(plus) - totalLoss(minus)) / (2 * step)
            let analytic = isBias ? gradient.bias[k, 0] : gradient.weights[k, d]
            let scale = max(abs(analytic), abs(numerical))
            return CoordinateCheck(
                parameter: isBias ? "b[\(k)]" : "W[\(k), \(d)]", analytic: analytic, numerical: numerical,
                relativeError: scale < 1e-10 ? 0 : abs(analytic - numerical) / scale,
                crossesKink: kinkSignature(plus) != kinkSignature(minus))
        }
    }

    /// What decides which branch of every max() and |·| the loss takes: the active hinge terms
    /// (and Crammer–Singer's winner) per row, and the signs of the penalized weights under L1.
    func kinkSignature(_ classifier: LinearClassifier) -> [Int] {
        var signature: [Int] = []
        if let svm = loss as? MulticlassSVMLoss {
            let scores = classifier.scores(for: features)
            for i in 0..<scores.rows {
                let terms = svm.marginTerms(scores: scores.row(i), label: labels[i])
                signature += terms.map { $0 > 0 ? 1 : 0 }
                if svm.variant == .crammerSinger {
                    signature.append(terms.indices.max { terms[$0] < terms[$1] } ?? -1)
                }
            }
        }
        if regularizer is L1Regularizer || regularizer is ElasticNetRegularizer {
            signature += classifier.weights.elements.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
            if includeBias { signature += classifier.bias.elements.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }
        }
        return signature
    }
}
