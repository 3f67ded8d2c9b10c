import Training

/// `trainer conventions CONFIG` as text: per run, its N, K, λ and lr, each tool's parameter with
/// the formula that derives it, the K = 2 SVM's binary form where it applies; then the caveats
/// (SPEC §3.2). Lines stay within the terminal's width, and 88 columns at most.
///
///     svm: N = 240 training examples, K = 2 classes, λ = 0.01, lr = 0.1
///       cs231n assignment 1 (reg * np.sum(W * W)), seed 002
///           reg = 0.01
///           because loss = mean Lᵢ + reg·ΣW²: reg = λ
public enum ConventionsTable {
    /// The widest line the text wraps to.
    static let widest = 88

    /// The text for the runs' conventions, one block per run, the caveats once at the end, its
    /// lines filled to `width` (nil: no terminal) and no wider than `widest`.
    public static func render(_ conventions: [Conventions], width: Int?) -> String {
        let width = min(width ?? widest, widest)
        func wrap(_ text: String, indent: String) -> [String] {
            fillHanging(text, lead: indent, width: width).split(separator: "\n").map(String.init)
        }
        var lines = ["The same objective, (1/N)·Σ Lᵢ + λ·ΣW² by SGD, in the parameters of other tools:"]
        var caveats: [String] = []
        for run in conventions {
            lines.append("")
            lines += wrap("\(run.runName): N = \(run.examples) training examples, K = \(run.classes) classes, "
                          + "λ = \(JSONWriter.number(run.strength)), lr = \(JSONWriter.number(run.learningRate))", indent: "")
            for row in run.rows {
                lines += wrap(row.tool, indent: "  ")
                lines += wrap(row.values.map { "\($0.name) = \(number($0.value))" }.joined(separator: ", "), indent: "      ")
                lines += wrap("because " + row.formula, indent: "      ")
            }
            if let binary = run.binarySVM {
                lines += wrap("K = 2: the slide's binary soft-margin SVM max(0, \(JSONWriter.number(binary.margin)) − t·(w·x + b)) "
                              + "with w = w₁ − w₀, b = b₁ − b₀, t = +1 for class 1 and −1 for class 0; at the optimum "
                              + "w₀ = −w₁, so λ‖W‖² = (λ/2)‖w‖² = \(JSONWriter.number(binary.strength))·‖w‖².", indent: "  ")
            }
            caveats += run.caveats.filter { !caveats.contains($0) }
        }
        lines.append("")
        lines.append("What the parameters cannot make equal:")
        for caveat in caveats { lines += wrap(caveat, indent: "  - ") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Six significant digits; ∞ (C at λ = 0) said in words.
    static func number(_ value: Double) -> String {
        value.isFinite ? JSONWriter.number(Double(String(format: "%.6g", value)) ?? value) : "∞ (λ = 0: no penalty to trade against)"
    }
}
