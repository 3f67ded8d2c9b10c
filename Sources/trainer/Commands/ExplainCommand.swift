import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Training
import Reports

/// `trainer explain MODEL DATA`: the lecture's per-example table for the first rows of a file.
struct ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Show scores, SVM margin terms, softmax probabilities and both losses per example."
    static let usage = "trainer explain <model.json> <DATA> [--rows N] [--label-column NAME] [--labels FILE] [--no-header]"
    static let discussion = """
        Lays out the first N examples as the lecture's dog/bird/truck table: one column per example,
        its class scores s = Wx + b, each SVM term max(0, s_j − s_y + Δ) (Δ and the variant from the
        model when it is an SVM, else Δ = 1 Weston–Watkins), the softmax probabilities, and both
        losses. A gaussian_nll model also shows its loss split into the scaled squared error and the
        constant ½·K·ln(2πσ²). A triplet model, whose loss is over triplets of examples and not per
        example, shows instead each example's embedding f = Vx and its squared distance to every class
        centroid: the nearest one is the prediction.
        """ + "\n\n" + DataArgument.discussion
    static let options: [(flag: String, help: String)] = [
        ("--rows N", "how many examples (default 3)"),
    ] + DataArgument.Options.help(labelled: true)
    static let examples: [(command: String, comment: String)] = [
        ("trainer explain runs/svm-vs-softmax/svm/model.json data/spiral.csv", "the first three examples"),
        ("trainer explain runs/svm-vs-softmax/softmax/model.json data/spiral.csv --rows 5", "five of them"),
    ]

    let modelPath: String
    let dataPath: String
    var rows = 3
    var dataOptions = DataArgument.Options()

    init(parsing cursor: inout ArgumentCursor) throws {
        var rows = 3, dataOptions = DataArgument.Options()
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--rows": rows = try cursor.integer(for: option, in: 1...1000)
            default: return try dataOptions.parse(option, &cursor, labelled: true)
            }
            return true
        }
        (modelPath, dataPath) = try EvaluateCommand.modelAndData(positionals, command: Self.name)
        self.rows = rows
        self.dataOptions = dataOptions
    }

    func run(_ console: Console) throws -> Int32 {
        let model = try ModelFile.read(path: modelPath)
        let data = try DataArgument.labelled(dataPath, model: model, options: dataOptions)
        let count = min(rows, data.exampleCount)
        let picked = Array(0..<count)
        let scores = model.classifier.scores(for: data.features, rows: picked[...])
        let labels = Array(data.labels.prefix(count))
        let embeddings = model.embedding.map { data.features.gatheringRows(picked).multiplyingTransposed($0) }
        console.output.write(ExplainTable(model: model, scores: scores, labels: labels, embeddings: embeddings).render())
        return 0
    }
}

/// The lecture's table: one column per example, rows for scores, SVM terms, probabilities, losses.
struct ExplainTable {
    let model: ModelFile
    let scores: Matrix
    let labels: [Int]
    /// f = Vx of each example for a triplet model (one row per example), else nil.
    var embeddings: Matrix? = nil

    /// The embedding coordinates shown: the first few (M can be large).
    static let shownEmbeddingCoordinates = 5

    /// The SVM whose terms are shown: the model's, or the lecture's Δ = 1 Weston–Watkins.
    var svm: MulticlassSVMLoss {
        model.loss.type == .svm
            ? MulticlassSVMLoss(variant: model.loss.settings.variant, margin: model.loss.settings.margin, squared: model.loss.settings.squared, includesCorrectClass: model.loss.settings.includeCorrectClass)
            : MulticlassSVMLoss()
    }

    func render() -> String {
        let classes = model.classNames
        var table = TextTable(columns: [TextTable.Column("")] + labels.indices.map { TextTable.Column("example \($0 + 1)", alignment: .right) })
        func number(_ value: Double) -> String { String(format: "%.4g", value) }
        func addRow(_ title: String, _ values: (Int) -> String) {
            table.addRow([title] + labels.indices.map(values))
        }
        addRow("label") { classes[labels[$0]] }
        for k in classes.indices { addRow("score \(classes[k])") { number(scores[$0, k]) } }
        let svm = self.svm
        let terms = labels.indices.map { svm.marginTerms(scores: scores.row($0), label: labels[$0]) }
        let svmName = "SVM \(svm.variant.rawValue)\(svm.squared ? " squared" : "") Δ = \(JSONWriter.number(svm.margin))"
        for k in classes.indices {
            addRow("SVM term \(classes[k])") { labels[$0] == k && svm.variant != .oneVsRest ? "—" : number(terms[$0][k]) }
        }
        let svmLosses = svm.exampleLosses(scores: scores, labels: labels)
        addRow("\(svmName) loss") { number(svmLosses[$0]) }
        let probabilities = softmaxProbabilities(scores: scores)
        for k in classes.indices { addRow("softmax p(\(classes[k]))") { number(probabilities[$0, k]) } }
        let softmaxLosses = SoftmaxCrossEntropyLoss().exampleLosses(scores: scores, labels: labels)
        addRow("softmax loss −log p(label)") { number(softmaxLosses[$0]) }
        if model.loss.type == .gaussianNLL {
            let nll = GaussianNegativeLogLikelihoodLoss(sigma: model.loss.settings.sigma)
            addRow("NLL: Σ(s − t)²/(2σ²)") { number(nll.scaledSquaredError(scores: scores.row($0), label: labels[$0])) }
            addRow("NLL: ½·K·ln(2πσ²)") { _ in number(nll.constantTerm(classCount: classes.count)) }
        }
        if let embeddings { addEmbeddingRows(embeddings, to: &table) }
        if ![.svm, .softmax, .triplet].contains(model.loss.type) {
            let own = model.loss.makeLoss().exampleLosses(scores: scores, labels: labels)
            addRow("\(model.loss.type.rawValue) loss (the model's)") { number(own[$0]) }
        }
        return table.rendered
    }

    /// f = Vx coordinate by coordinate, then ‖f − c_k‖² for each class k: the nearest-centroid
    /// classifier's own view of the example (its [W b] scores above are ‖f‖² − ‖f − c_k‖²).
    func addEmbeddingRows(_ embeddings: Matrix, to table: inout TextTable) {
        func number(_ value: Double) -> String { String(format: "%.4g", value) }
        for m in 0..<min(embeddings.columns, Self.shownEmbeddingCoordinates) {
            table.addRow(["embedding f\(m + 1) = (Vx)\(m + 1)"] + labels.indices.map { number(embeddings[$0, m]) })
        }
        guard let centroids = model.centroids else { return }
        for (k, name) in model.classNames.enumerated() {
            table.addRow(["‖f − c(\(name))‖²"] + labels.indices.map { i in
                number((0..<centroids.columns).reduce(0.0) { sum, m in
                    let difference = embeddings[i, m] - centroids[k, m]
                    return sum + difference * difference
                })
            })
        }
    }
}
