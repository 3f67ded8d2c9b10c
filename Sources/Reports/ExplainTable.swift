import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Training

/// The lecture's per-example table, what `trainer explain` prints: one column per example, rows for
/// the scores s = Wx + b, each SVM term max(0, s_j − s_y + Δ), the softmax probabilities and both
/// losses (the model's own when it is neither), a sigmoid model's σ(s_j) per class (each class's
/// own yes or no), a Gaussian NLL split into its two parts, and a triplet model's embedding and
/// centroid distances.
///
///                      example 1  example 2  example 3
///     label                  dog       bird      truck
///     score dog                3        0.9        1.6
///     …
///     SVM weston_watkins Δ = 1 loss   4.2   0   14.9
public struct ExplainTable {
    public let model: ModelFile
    /// S of the examples, one row each.
    public let scores: Matrix
    public let labels: [Int]
    /// f = Vx of each example for a triplet model (one row per example), else nil.
    public let embeddings: Matrix?

    /// The embedding coordinates shown: the first few (M can be large).
    static let shownEmbeddingCoordinates = 5

    public init(model: ModelFile, scores: Matrix, labels: [Int], embeddings: Matrix? = nil) {
        self.model = model
        self.scores = scores
        self.labels = labels
        self.embeddings = embeddings
    }

    /// The SVM whose terms are shown: the model's, or the lecture's Δ = 1 Weston–Watkins.
    var svm: MulticlassSVMLoss {
        guard model.loss.type == .svm, let svm = model.loss.makeLoss() as? MulticlassSVMLoss else { return MulticlassSVMLoss() }
        return svm
    }

    /// A number as the table shows it: four significant digits.
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    /// The table, one line per row, in panels of examples that fit `width` (nil: any width).
    public func render(width: Int? = nil) -> String {
        let classes = model.classNames
        var table = TextTable(columns: [TextTable.Column("")] + labels.indices.map { TextTable.Column("example \($0 + 1)", alignment: .right) })
        func addRow(_ title: String, _ values: (Int) -> String) {
            table.addRow([title] + labels.indices.map(values))
        }
        addRow("label") { classes[labels[$0]] }
        for k in classes.indices { addRow("score \(classes[k])") { Self.number(scores[$0, k]) } }
        let svm = self.svm
        let terms = labels.indices.map { svm.marginTerms(scores: scores.row($0), label: labels[$0]) }
        for k in classes.indices {
            addRow("SVM term \(classes[k])") { i in
                labels[i] == k && svm.variant == .westonWatkins && !svm.includesCorrectClass ? "—" : Self.number(terms[i][k])
            }
        }
        let svmLosses = svm.exampleLosses(scores: scores, labels: labels)
        addRow("\(Self.name(of: svm)) loss") { Self.number(svmLosses[$0]) }
        let probabilities = softmaxProbabilities(scores: scores)
        for k in classes.indices { addRow("softmax p(\(classes[k]))") { Self.number(probabilities[$0, k]) } }
        let softmaxLosses = SoftmaxCrossEntropyLoss().exampleLosses(scores: scores, labels: labels)
        addRow("softmax loss −log p(label)") { Self.number(softmaxLosses[$0]) }
        if model.loss.type == .gaussianNLL, let nll = model.loss.makeLoss() as? GaussianNegativeLogLikelihoodLoss {
            addRow("NLL: Σ(s − t)²/(2σ²)") { Self.number(nll.scaledSquaredError(scores: scores.row($0), label: labels[$0])) }
            addRow("NLL: ½·K·ln(2πσ²)") { _ in Self.number(nll.constantTerm(classCount: classes.count)) }
        }
        if let embeddings { addEmbeddingRows(embeddings, to: &table) }
        if model.loss.type == .sigmoid {
            let yes = sigmoidProbabilities(scores: scores)
            for k in classes.indices { addRow("sigmoid σ(s_\(classes[k]))") { Self.number(yes[$0, k]) } }
        }
        if ![.svm, .softmax, .triplet].contains(model.loss.type) {
            let own = model.loss.makeLoss().exampleLosses(scores: scores, labels: labels)
            addRow("\(Self.ownLossName(model.loss)) (the model's)") { Self.number(own[$0]) }
        }
        return table.paneled(width: width)
    }

    /// The name of the model's own loss row, short enough for an 80-column terminal: its type, and
    /// for the sigmoid with `positive_term_only` that it sums −ln σ(s_y) alone (the pitfall; the full
    /// loss is −ln σ(s_y) − Σ_{j≠y} ln(1 − σ(s_j)), as `trainer help explain` says).
    static func ownLossName(_ loss: LossConfiguration) -> String {
        guard loss.type == .sigmoid else { return "\(loss.type.rawValue) loss" }
        return loss.settings.positiveTermOnly ? "sigmoid loss, y term only" : "sigmoid loss"
    }

    /// "SVM weston_watkins Δ = 1", with "squared" and "j = y included" where they apply.
    static func name(of svm: MulticlassSVMLoss) -> String {
        "SVM \(svm.variant.rawValue)\(svm.squared ? " squared" : "")\(svm.includesCorrectClass ? " j = y included" : "")"
            + " Δ = \(JSONWriter.number(svm.margin))"
    }

    /// f = Vx coordinate by coordinate, then ‖f − c_k‖² for each class k: the nearest-centroid
    /// classifier's own view of the example (its [W b] scores above are ‖f‖² − ‖f − c_k‖²).
    func addEmbeddingRows(_ embeddings: Matrix, to table: inout TextTable) {
        for m in 0..<min(embeddings.columns, Self.shownEmbeddingCoordinates) {
            table.addRow(["embedding f\(m + 1) = (Vx)\(m + 1)"] + labels.indices.map { Self.number(embeddings[$0, m]) })
        }
        guard let centroids = model.centroids else { return }
        for (k, name) in model.classNames.enumerated() {
            table.addRow(["‖f − c(\(name))‖²"] + labels.indices.map { i in
                Self.number((0..<centroids.columns).reduce(0.0) { sum, m in
                    let difference = embeddings[i, m] - centroids[k, m]
                    return sum + difference * difference
                })
            })
        }
    }
}
