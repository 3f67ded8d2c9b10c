import LinearAlgebra
import Training

extension ExperimentReport {
    /// Cells per side of the decision-region grid: fine enough for smooth boundaries, and the
    /// regions stay a few hundred rectangles because equal cells of a row merge.
    static let regionGridSize = 120

    /// For D = 2 only: every run's decision regions side by side, in raw feature units.
    var decisionRegions: HTMLPage.Section? {
        let data = experiment.data
        guard data.featureCount == 2, data.train.exampleCount > 0 else { return nil }
        var raw = data.train.features
        data.preprocessing.invert(&raw)
        let (xRange, yRange) = Self.paddedRanges(of: raw)
        let gridPoints = Self.gridPoints(xRange: xRange, yRange: yRange, size: Self.regionGridSize)
        let preprocessedGrid = data.preprocessing.applied(to: gridPoints)
        let names = data.featureNames
        let charts = results.map { result -> String in
            let predictedCells = result.classifier.predictions(for: preprocessedGrid)
            let size = Self.regionGridSize
            let grid = PredictionGrid(xRange: xRange, yRange: yRange,
                                      classes: (0..<size).map { row in Array(predictedCells[(row * size)..<((row + 1) * size)]) })
            let predicted = result.classifier.predictions(for: data.train.features)
            let points = (0..<raw.rows).map { i in
                ClassifiedPoint(x: raw[i, 0], y: raw[i, 1], label: data.train.labels[i], predicted: predicted[i])
            }
            let errors = points.filter(\.isMisclassified).count
            let title = "\(result.run.name): \(errors) of \(points.count) misclassified"
            return DecisionRegionChart(
                title: title,
                xAxis: AxisTitle(names.first ?? "x₁", unit: "raw units"), yAxis: AxisTitle(names.last ?? "x₂", unit: "raw units"),
                grid: grid, points: points, classNames: classNames,
                width: max(440, estimatedTextWidth(title, size: 14) + 24)).svg
        }
        return HTMLPage.Section(heading: "Decision regions (training data)", blocks: [
            .paragraph("The plane coloured by the class each run predicts, argmax_k (w_k·x + b_k), on a "
                + "\(Self.regionGridSize)×\(Self.regionGridSize) grid in the data's own units (each grid point is preprocessed "
                + "as the training data was before scoring). Dots are training points in the colour of their true class; "
                + "black rings mark misclassified ones. A linear classifier's regions are convex cells bounded by straight lines."),
            .figures(charts),
        ])
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

    /// The centres of size × size cells over the rectangle, row by row from the bottom (the order
    /// `PredictionGrid` uses), as a (size²)×2 matrix in raw units.
    static func gridPoints(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, size: Int) -> Matrix {
        let cellWidth = (xRange.upperBound - xRange.lowerBound) / Double(size)
        let cellHeight = (yRange.upperBound - yRange.lowerBound) / Double(size)
        var elements: [Double] = []
        elements.reserveCapacity(2 * size * size)
        for row in 0..<size {
            for column in 0..<size {
                elements.append(xRange.lowerBound + (Double(column) + 0.5) * cellWidth)
                elements.append(yRange.lowerBound + (Double(row) + 0.5) * cellHeight)
            }
        }
        return Matrix(rows: size * size, columns: 2, elements: elements)
    }
}
