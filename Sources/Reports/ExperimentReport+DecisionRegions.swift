import LinearAlgebra
import Training

extension ExperimentReport {
    /// For D = 2 only: every run's exact decision regions in raw feature units, one frame per
    /// snapshot epoch, with an epoch slider over all of them.
    var decisionRegions: HTMLPage.Section? {
        let data = experiment.data
        guard data.featureCount == 2, data.train.exampleCount > 0 else { return nil }
        var raw = data.train.features
        data.preprocessing.invert(&raw)
        let (xRange, yRange) = Self.paddedRanges(of: raw)
        let names = data.featureNames
        let shown = shownResults
        let charts = shown.map { result -> String in
            let frames = frames(of: result).map { snapshot -> RegionFrame in
                let regions = DecisionRegions(classifier: snapshot.classifier, preprocessing: data.preprocessing, xRange: xRange, yRange: yRange)
                let predicted = snapshot.classifier.predictions(for: data.train.features)
                let errors = zip(predicted, data.train.labels).filter { $0 != $1 }.count
                return RegionFrame(epoch: snapshot.epoch, title: "\(result.run.name), epoch \(snapshot.epoch): \(errors) of \(raw.rows) misclassified",
                                   regions: regions.polygons, predicted: predicted)
            }
            let points = (0..<raw.rows).map { i in
                ClassifiedPoint(x: raw[i, 0], y: raw[i, 1], label: data.train.labels[i], predicted: frames.last?.predicted[i] ?? 0)
            }
            return DecisionRegionChart(
                xAxis: AxisTitle(names.first ?? "x₁", unit: "raw units"), yAxis: AxisTitle(names.last ?? "x₂", unit: "raw units"),
                xRange: xRange, yRange: yRange, points: points, frames: frames, classNames: classNames,
                width: max(440, estimatedTextWidth(frames.last?.title ?? "", size: 14) + 24)).svg
        }
        var blocks: [HTMLPage.Block] = [
            .question("Where does each run draw the lines between the classes, and how do they move while it trains?"),
            .paragraph("Each tinted polygon is the part of the plane where one class has the highest score, argmax_k (w_k·x + b_k), "
                + "drawn exactly: with the preprocessing folded into the weights, a class's region is the intersection of K − 1 "
                + "half-planes s_k(x) ≥ s_j(x), so its edges are straight lines, in the data's own units. Dots are training points "
                + "in the colour of their true class; black rings mark misclassified ones."),
        ]
        let epochs = sliderEpochs(shown)
        if epochs.count > 1 {
            blocks.append(.slider(epochs: epochs))
            blocks.append(.paragraph("Move the slider to see the regions at earlier epochs (epoch 0 is the initial W ≈ 0, "
                + "where every score is ≈ 0 and the regions are arbitrary); the page opens at the end of training."))
        }
        blocks.append(.figures(charts))
        return HTMLPage.Section(heading: "Decision regions (training data)", blocks: blocks)
    }

    /// The rectangle covering `points` (N×2) with 5 % room on each side (±1 when a side is flat).
    static func paddedRanges(of points: Matrix) -> (ClosedRange<Double>, ClosedRange<Double>) {
        func range(_ column: Int) -> ClosedRange<Double> {
            let values = (0..<points.rows).map { points[$0, column] }.filter(\.isFinite)
            let lower = values.min() ?? 0, upper = values.max() ?? 1
            let padding = upper > lower ? 0.05 * (upper - lower) : 1
            return (lower - padding)...(upper + padding)
        }
        return (range(0), range(1))
    }
}
