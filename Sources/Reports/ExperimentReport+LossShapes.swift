import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Training

extension ExperimentReport {
    /// One curve of a shapes chart: the runs it stands for (the first one's colour) and its name.
    struct ShapeCurve {
        var name: String
        var colorIndex: Int
        var result: RunResult
    }

    /// The shown runs grouped by the value of `key` (their loss or regularizer section): one curve
    /// per distinct section, named by `describe` and the runs that use it, in the first run's colour.
    func distinctCurves(_ key: (RunResult) -> JSONValue, describe: (RunResult) -> String) -> [ShapeCurve] {
        var curves: [ShapeCurve] = []
        var keys: [String] = []
        for (index, result) in shownResults.enumerated() {
            let text = JSONWriter.compactString(key(result))
            if let existing = keys.firstIndex(of: text) {
                curves[existing].name += ", " + result.run.name
            } else {
                keys.append(text)
                curves.append(ShapeCurve(name: describe(result) + " — " + result.run.name, colorIndex: index, result: result))
            }
        }
        return curves
    }

    /// A loss section in words, with its Δ or σ: "svm weston_watkins, Δ = 1", "sigmoid (positive
    /// term only: the pitfall)".
    static func lossDescription(_ loss: LossConfiguration) -> String {
        var text = loss.type.rawValue
        switch loss.type {
        case .svm:
            text += " \(loss.settings.variant.rawValue)" + (loss.settings.squared ? " squared" : "") + ", Δ = \(formatDecimal(loss.settings.margin, maximumDecimals: 3))"
            if loss.resolved["include_correct_class"] == .bool(true) { text += ", sum includes j = y (+Δ)" }
        case .gaussianNLL: text += ", σ = \(formatDecimal(loss.settings.sigma, maximumDecimals: 3))"
        case .triplet: text += ", α = \(formatDecimal(loss.settings.margin, maximumDecimals: 3))"
        case .sigmoid: if loss.resolved["positive_term_only"] == .bool(true) { text += " (positive term only: the pitfall)" }
        case .softmax, .mse: break
        }
        return text
    }

    /// Lᵢ of a 2-class example with scores [0, m] and label 1, for each margin m in `margins`:
    /// the loss as a function of how far the correct score leads the other one. Computed by the
    /// loss's own `exampleLosses`, never re-implemented here.
    static func lossAlongMargin(_ loss: any Loss, margins: [Double]) -> [Double] {
        let scores = Matrix(rows: margins.count, columns: 2, elements: margins.flatMap { [0, $0] })
        return loss.exampleLosses(scores: scores, labels: Array(repeating: 1, count: margins.count))
    }

    /// The curve of one run's loss against the margin: its own loss for class scores; for a
    /// triplet run the hinge max(0, α − m) of m = d(a, n) − d(a, p), the margin of a triplet.
    static func lossShape(of loss: LossConfiguration, margins: [Double]) -> [Double] {
        if loss.type == .triplet { return margins.map { max(0, loss.settings.margin - $0) } }
        return lossAlongMargin(loss.makeLoss(), margins: margins)
    }

    /// The shapes of exactly the losses and regularizers this config's runs use, in their runs'
    /// colours: the loss against the margin, with each Δ or α marked; R(w) of one weight when the
    /// runs differ in their regularizer; binary cross-entropy against σ(f) when a run uses sigmoid.
    var lossShapesSection: HTMLPage.Section? {
        guard !shownResults.isEmpty else { return nil }
        let curves = distinctCurves({ $0.run.loss.resolved }, describe: { Self.lossDescription($0.run.loss) })
        let markedMargins = curves.compactMap { curve -> VerticalMarker? in
            let loss = curve.result.run.loss
            guard loss.type == .svm || loss.type == .triplet else { return nil }
            return VerticalMarker(x: loss.settings.margin, label: (loss.type == .svm ? "Δ = " : "α = ") + formatDecimal(loss.settings.margin, maximumDecimals: 3),
                                  colorIndex: curve.colorIndex)
        }
            .reduce(into: [VerticalMarker]()) { kept, marker in
                if !kept.contains(where: { $0.x == marker.x && $0.label == marker.label }) { kept.append(marker) }
            }
        let largest = markedMargins.map(\.x).max() ?? 1
        let reach = max(2, 0.6 * largest)
        let domain = Ticks.linear(from: -reach, to: largest + reach).domain
        let margins = stride(from: domain.lowerBound, through: domain.upperBound, by: (domain.upperBound - domain.lowerBound) / 240).map { $0 }
        let series = curves.map { curve in
            LineSeries(name: curve.name, x: margins, y: Self.lossShape(of: curve.result.run.loss, margins: margins).map(Optional.some),
                       colorIndex: curve.colorIndex)
        }
        // The y axis shows each unsquared curve at m = 0 with room above; squared hinges leave the top.
        let atZero = curves.filter { !$0.result.run.loss.settings.squared }.flatMap { Self.lossShape(of: $0.result.run.loss, margins: [0]) }
        let top = max(2, 1.4 * (atZero.filter(\.isFinite).max() ?? 1))
        let chart = LineChart(title: "Loss of one example against its margin m", xAxis: AxisTitle("margin m = s_y − s_other", unit: "score units"),
                              yAxis: "loss Lᵢ", series: series, yRange: 0...top, verticalMarkers: markedMargins, width: 760, plotHeight: 320)
        var blocks: [HTMLPage.Block] = [
            .question("How does each run's loss punish an example, as a function of how far its correct score leads?"),
            .paragraph("Each curve is the loss Lᵢ of one 2-class example with scores [0, m] and correct class 1, for the losses of this "
                + "config's runs with their own settings, in the runs' colours. The SVM hinge is 0 — satisfied — once m ≥ Δ (the "
                + "dashed line of its colour); softmax keeps pushing, its loss only tends to 0; mse also punishes m beyond the target."
                + (curves.contains { $0.result.run.loss.type == .triplet }
                    ? " For a triplet run m is d(a, n) − d(a, p), how much farther the negative is than the positive, and the loss is max(0, α − m)." : "")),
            .figures([chart.svg]),
        ]
        blocks += regularizerShapes + binaryCrossEntropyShapes
        return HTMLPage.Section(heading: "Shapes of the losses", blocks: blocks)
    }

    /// R(w) of one weight w for each distinct regularizer of the runs, when they differ.
    private var regularizerShapes: [HTMLPage.Block] {
        let curves = distinctCurves({ $0.run.resolved["regularizer"] ?? .null }) { result in
            let regularizer = result.run.regularizer
            switch regularizer.type {
            case .none: return "none"
            case .elasticNet: return "elastic_net ρ = \(formatDecimal(regularizer.l1Ratio, maximumDecimals: 3)), λ = \(formatDecimal(regularizer.strength, maximumDecimals: 6))"
            default: return "\(regularizer.type.rawValue), λ = \(formatDecimal(regularizer.strength, maximumDecimals: 6))"
            }
        }
        guard curves.count > 1 else { return [] }
        let weights = stride(from: -2.0, through: 2.0, by: 0.02).map { $0 }
        let series = curves.map { curve in
            let regularizer = curve.result.run.regularizer.makeRegularizer()
            return LineSeries(name: curve.name, x: weights, y: weights.map { regularizer.penalty(of: Matrix(rows: 1, columns: 1, elements: [$0])) },
                              colorIndex: curve.colorIndex)
        }
        let chart = LineChart(title: "Penalty R(w) of one weight", xAxis: "weight w", yAxis: "R(w) (before × λ)", series: series,
                              yRange: 0...4, width: 560, plotHeight: 240)
        return [
            .question("How does each regularizer punish a weight, and why does L1 make weights exactly 0?"),
            .paragraph("R(w) for a single weight (the total penalty λ·R(W) adds it over all weights, times λ). L2's w² is flat at 0, "
                + "so it shrinks large weights much and small ones hardly: weights become small, never 0. L1's |w| has the same slope "
                + "everywhere, so it pulls every weight towards 0 by the same amount, and its proximal step stops them at exactly 0."),
            .figures([chart.svg]),
        ]
    }

    /// −log σ and −log(1 − σ) against the output σ(f), when a run uses sigmoid (activity 003).
    private var binaryCrossEntropyShapes: [HTMLPage.Block] {
        guard let index = shownResults.firstIndex(where: { $0.run.loss.type == .sigmoid }) else { return [] }
        let outputs = stride(from: 0.002, through: 0.998, by: 0.004).map { $0 }
        // −log σ(z) = softplus(−z) and −log(1 − σ(z)) = softplus(z), z = log(σ/(1 − σ)): the stable forms the loss uses.
        let logits = outputs.map { log($0 / (1 - $0)) }
        let series = [
            LineSeries(name: "t = 1: −log σ(f)", x: outputs, y: logits.map { softplus(-$0) }, colorIndex: index),
            LineSeries(name: "t = 0: −log(1 − σ(f))", x: outputs, y: logits.map { softplus($0) }, colorIndex: index, dashed: true),
        ]
        let chart = LineChart(title: "Binary cross-entropy against the output σ(f)", xAxis: "σ(f), the predicted probability that t = 1",
                              yAxis: "loss", series: series, yRange: 0...5, width: 560, plotHeight: 240)
        return [
            .question("How does binary cross-entropy punish a sigmoid output σ(f) when the target is 1, and when it is 0?"),
            .paragraph("Each class's output σ(f) is a probability that the example belongs to it. With target t = 1 the loss −log σ(f) "
                + "is 0 at σ = 1 and grows without bound as σ → 0; with t = 0 it is the mirror image. The full sigmoid loss adds both "
                + "terms over the classes; keeping only the t = 1 term (positive_term_only) is minimised by σ → 1 for every class."),
            .figures([chart.svg]),
        ]
    }
}
