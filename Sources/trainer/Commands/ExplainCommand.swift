import Training
import Reports

/// `trainer explain MODEL DATA`: the lecture's per-example table for the first rows of a file.
struct ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Show scores, SVM margin terms, softmax probabilities and both losses per example."
    static let usage = "trainer explain <model.json> <DATA> [--rows N] [--step LR [--strength λ]] [--label-column NAME] [--labels FILE] [--no-header]"
    static let discussion = """
        Lays out the first N examples as the lecture's dog/bird/truck table: one column per example,
        its class scores s = Wx + b, each SVM term max(0, s_j − s_y + Δ) (Δ and the variant from the
        model when it is an SVM, else Δ = 1 Weston–Watkins), the softmax probabilities, and both
        losses. A gaussian_nll model also shows its loss split into the scaled squared error and the
        constant ½·K·ln(2πσ²). A sigmoid model also shows σ(s_j), each class's own yes-or-no, and its
        loss −ln σ(s_y) − Σ_{j≠y} ln(1 − σ(s_j)), or −ln σ(s_y) alone with positive_term_only (the
        lecture's pitfall: the wrong classes may say yes for free). A triplet model, whose loss is over triplets of examples and not per
        example, shows instead each example's embedding f = Vx and its squared distance to every class
        centroid: the nearest one is the prediction.
        """ + "\n\n" + DataArgument.discussion
    static let options: [(flag: String, help: String)] = [
        ("--rows N", "how many examples (default 3)"),
        ("--step LR", "then one SGD step of rate LR > 0 on them, piece by piece"),
        ("--strength λ", "with --step: add L2's gradient 2λW (default 0)"),
    ] + DataArgument.Options.help(labelled: true)
    static let examples: [(command: String, comment: String)] = [
        ("trainer explain runs/svm-vs-softmax/svm/model.json data/spiral.csv", "the first three examples"),
        ("trainer explain runs/svm-vs-softmax/softmax/model.json data/spiral.csv --rows 5", "five of them"),
        ("trainer explain data/lecture/dog-bird-truck-model.json data/lecture/dog-bird-truck.csv --step 0.1",
         "the slide's three images, then one SGD step"),
    ]

    let modelPath: String
    let dataPath: String
    var rows = 3
    var dataOptions = DataArgument.Options()
    /// The learning rate of `--step`, nil without it.
    var learningRate: Double?
    var strength = 0.0

    init(parsing cursor: inout ArgumentCursor) throws {
        var rows = 3, dataOptions = DataArgument.Options(), learningRate: Double?, strength: Double?
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--rows": rows = try cursor.integer(for: option, in: 1...1000)
            case "--step": learningRate = try cursor.number(for: option, in: 0...1e6)
            case "--strength": strength = try cursor.number(for: option, in: 0...1e12)
            default: return try dataOptions.parse(option, &cursor, labelled: true)
            }
            return true
        }
        (modelPath, dataPath) = try EvaluateCommand.modelAndData(positionals, command: Self.name)
        if let learningRate, learningRate == 0 {
            throw UsageError.invalidValue("0", option: "--step", expected: "a learning rate > 0 (the step is W ← W − lr·dW)", command: Self.name)
        }
        if strength != nil && learningRate == nil {
            throw UsageError.invalidValue("\(strength ?? 0)", option: "--strength", expected: "--step LR beside it (λ only enters the step)", command: Self.name)
        }
        self.rows = rows
        self.dataOptions = dataOptions
        self.learningRate = learningRate
        self.strength = strength ?? 0
    }

    func run(_ console: Console) throws -> Int32 {
        let model = try ModelFile.read(path: modelPath)
        let data = try DataArgument.labelled(dataPath, model: model, options: dataOptions)
        let count = min(rows, data.exampleCount)
        let picked = Array(0..<count)
        let scores = model.classifier.scores(for: data.features, rows: picked[...])
        let labels = Array(data.labels.prefix(count))
        let embeddings = model.embedding.map { data.features.gatheringRows(picked).multiplyingTransposed($0) }
        let table = ExplainTable(model: model, scores: scores, labels: labels, embeddings: embeddings)
        console.output.write(table.render(width: console.output.width))
        if let learningRate {
            console.output.write(table.renderStep(features: data.features.gatheringRows(picked), learningRate: learningRate,
                                                  strength: strength, width: console.output.width))
        }
        return 0
    }
}
