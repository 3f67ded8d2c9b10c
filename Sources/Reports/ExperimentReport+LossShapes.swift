import LinearAlgebra
import Losses
import Training

extension ExperimentReport {
    /// One loss drawn on the loss-shape chart: its legend name and the loss itself.
    struct LossShape {
        var name: String
        var loss: any Loss
    }

    /// Every loss of SPEC §3 with this experiment's Δ (the first SVM run's margin, else 1) and σ
    /// (the first Gaussian NLL run's, else 1). Crammer–Singer is left out: for K = 2 it equals
    /// Weston–Watkins, as the caption says.
    var lossShapes: [LossShape] {
        let margin = marginsInUse.first ?? 1
        let sigma = sigmaInUse
        let delta = formatDecimal(margin, maximumDecimals: 3)
        return [
            LossShape(name: "svm hinge (Weston–Watkins), Δ = \(delta)", loss: MulticlassSVMLoss(variant: .westonWatkins, margin: margin)),
            LossShape(name: "svm squared hinge, Δ = \(delta)", loss: MulticlassSVMLoss(variant: .westonWatkins, margin: margin, squared: true)),
            LossShape(name: "svm one-vs-rest, Δ = \(delta)", loss: MulticlassSVMLoss(variant: .oneVsRest, margin: margin)),
            LossShape(name: "softmax cross-entropy", loss: SoftmaxCrossEntropyLoss()),
            LossShape(name: "mse", loss: MeanSquaredErrorLoss()),
            LossShape(name: "sigmoid (binary cross-entropy)", loss: SigmoidCrossEntropyLoss()),
            LossShape(name: "gaussian_nll, σ = \(formatDecimal(sigma, maximumDecimals: 3))", loss: GaussianNegativeLogLikelihoodLoss(sigma: sigma)),
        ]
    }

    /// σ of the first Gaussian NLL run, else 1.
    var sigmaInUse: Double {
        results.first { $0.run.loss.type == .gaussianNLL }?.run.loss.settings.sigma ?? 1
    }

    /// Palette indices of the loss shapes: the Okabe–Ito colours without yellow, which is too
    /// light for a thin line on white.
    static let shapeColorIndices = [0, 1, 2, 3, 4, 5, 7]

    /// The distinct margins Δ of the SVM runs, in run order.
    var marginsInUse: [Double] {
        var margins: [Double] = []
        for result in results where result.run.loss.type == .svm && !margins.contains(result.run.loss.settings.margin) {
            margins.append(result.run.loss.settings.margin)
        }
        return margins
    }

    /// Lᵢ of a 2-class example with scores [0, m] and label 1, for each margin m in `margins`:
    /// the loss as a function of how far the correct score leads the other one. Computed by the
    /// loss's own `exampleLosses`, never re-implemented here.
    static func lossAlongMargin(_ loss: any Loss, margins: [Double]) -> [Double] {
        let scores = Matrix(rows: margins.count, columns: 2, elements: margins.flatMap { [0, $0] })
        return loss.exampleLosses(scores: scores, labels: Array(repeating: 1, count: margins.count))
    }

    /// The shapes of the losses against the correct-class margin, Δ marked.
    var lossShapesSection: HTMLPage.Section {
        let margin = marginsInUse.first ?? 1
        let upper = max(3, (margin + 1.5).rounded(.up))
        let margins = stride(from: -upper, through: upper, by: upper / 100).map { $0 }
        let shapes = lossShapes
        let series = shapes.enumerated().map { index, shape in
            LineSeries(name: shape.name, x: margins, y: Self.lossAlongMargin(shape.loss, margins: margins).map(Optional.some),
                       colorIndex: Self.shapeColorIndices[index % Self.shapeColorIndices.count])
        }
        let markers = (marginsInUse.isEmpty ? [1] : marginsInUse).map { VerticalMarker(x: $0, label: "Δ = \(formatDecimal($0, maximumDecimals: 3))") }
        let chart = LineChart(title: "Loss of one example against its margin m = s_y − s_other",
                              xAxis: AxisTitle("margin m = s_y − s_other", unit: "score units"), yAxis: "loss Lᵢ",
                              series: series, yRange: 0...4, verticalMarkers: markers, width: 760, plotHeight: 320)
        let used = Set(results.map { $0.run.loss.type.rawValue }).sorted().joined(separator: ", ")
        return HTMLPage.Section(heading: "Shapes of the losses", blocks: [
            .paragraph("Each curve is the loss Lᵢ of one 2-class example with scores [0, m] and correct class 1, so the x axis is "
                + "the margin m by which the correct class's score leads the other class's score. The SVM hinge is 0 — "
                + "satisfied — once m ≥ Δ (the dashed line); softmax keeps pushing, its loss only tends to 0. With K = 2, "
                + "Crammer–Singer equals Weston–Watkins; one-vs-rest also pays Δ for the other class's score 0. The y axis stops "
                + "at 4 (the squared hinge leaves it). The gaussian_nll curve is the mse curve times K/(2σ²) (here, K = 2: "
                + "\(formatDecimal(1 / (sigmaInUse * sigmaInUse), maximumDecimals: 3))) lifted by the constant (K/2)·ln(2πσ²): the same "
                + "lowest point at the same margin, which is why training on it is least squares. Loss types of this config's runs: \(used). Colours here name losses, not runs."),
            .figures([chart.svg]),
        ])
    }
}
