import LinearAlgebra
import LinearModel
import Datasets
import Training

extension ExperimentReport {
    /// For each triplet run (one with an embedding V and centroids c_k): the training points
    /// embedded by f(x) = V·x, in their class colours, the centroids marked and, when M = 2, the
    /// nearest-centroid regions of the embedding plane. For M > 2 the chart shows the first two
    /// coordinates and no regions: there the nearest centroid uses all M coordinates, so regions
    /// drawn from two of them would contradict the classifier.
    var embeddingMaps: HTMLPage.Section? {
        let maps = results.compactMap(embeddingMap)
        guard !maps.isEmpty else { return nil }
        let regions = maps.contains(where: \.hasRegions) ? ", each tinted region is the part of the plane nearest one centroid" : ""
        var caption = "Each dot is a training example x (preprocessed as for training) placed at its learned embedding "
            + "f(x) = V·x and coloured by its true class; the diamonds are the class centroids c_k\(regions), and black "
            + "rings mark points nearer another class's centroid. "
            + "Nearest centroid is a linear classifier: ‖Vx − c_k‖² = ‖Vx‖² − 2c_kᵀVx + ‖c_k‖² and ‖Vx‖² is the same for "
            + "every class, so the nearest centroid is argmax_k (w_k·x + b_k) with W_k = 2c_kᵀV and b_k = −‖c_k‖², the weights "
            + "the rest of this page shows for the run."
        if maps.contains(where: { !$0.hasRegions }) {
            caption += " For an embedding of more than 2 coordinates the map shows the first two only and no regions, "
                + "because the nearest centroid is measured over all of them."
        }
        return HTMLPage.Section(heading: "Triplet embedding (training data)",
                                blocks: [.paragraph(caption), .figures(maps.map(\.svg))])
    }

    /// One run's embedding chart and whether it coloured the regions (M = 2).
    private struct EmbeddingMap {
        var svg: String
        var hasRegions: Bool
    }

    /// The chart of `result`'s embedding, nil for a run without one.
    private func embeddingMap(of result: RunResult) -> EmbeddingMap? {
        let data = experiment.data
        guard let embedding = result.embedding, let centroids = result.centroids, embedding.rows >= 2,
              centroids.columns == embedding.rows, embedding.columns == data.featureCount, data.train.exampleCount > 0
        else { return nil }
        let dimension = embedding.rows
        let embedded = data.train.features.multiplyingTransposed(embedding)
        let plane = Matrix(rows: embedded.rows, columns: 2, elements: (0..<embedded.rows).flatMap { [embedded[$0, 0], embedded[$0, 1]] })
        let predicted = NearestCentroidClassifier(embedding: embedding, centroids: centroids).predictions(for: data.train.features)
        let points = (0..<plane.rows).map { i in
            ClassifiedPoint(x: plane[i, 0], y: plane[i, 1], label: data.train.labels[i], predicted: predicted[i])
        }
        let markers = (0..<centroids.rows).map { Centroid(x: centroids[$0, 0], y: centroids[$0, 1], classIndex: $0) }
        let errors = points.filter(\.isMisclassified).count
        let scope = dimension == 2 ? "2-D embedding" : "first 2 of \(dimension) embedding coordinates"
        let title = "\(result.run.name): \(scope), \(errors) of \(points.count) misclassified"
        let axisSuffix = dimension == 2 ? "" : " of \(dimension)"
        let xAxis = AxisTitle("embedding coordinate 1" + axisSuffix), yAxis = AxisTitle("embedding coordinate 2" + axisSuffix)
        let width = max(440, estimatedTextWidth(title, size: 14) + 24)
        // One unit as long across as up, so that distances, and the boundaries (perpendicular
        // bisectors between centroids), look as they are: the plot is as high as it would be wide
        // in a 440-pixel chart, and the ranges widen to the plot's aspect.
        let padded = Self.paddedRanges(of: plane)
        let yTicks = Ticks.linear(from: padded.1.lowerBound, to: padded.1.upperBound)
        let side = PlotFrame.plotWidth(chartWidth: 440, yTicks: yTicks)
        let (xRange, yRange) = Self.equalScale(padded, aspect: PlotFrame.plotWidth(chartWidth: width, yTicks: yTicks) / side)
        let regions = dimension == 2 ? Self.nearestCentroidRegions(centroids: centroids, xRange: xRange, yRange: yRange) : []
        let frame = RegionFrame(epoch: result.final?.epoch ?? result.epochsRun, title: title, regions: regions, predicted: predicted)
        let chart = DecisionRegionChart(xAxis: xAxis, yAxis: yAxis, xRange: xRange, yRange: yRange, points: points, frames: [frame],
                                        classNames: classNames, centroids: markers, width: width, plotHeight: side)
        return EmbeddingMap(svg: chart.svg, hasRegions: dimension == 2)
    }

    /// The two ranges widened about their centres so that spanX / spanY = `aspect` (the plot's
    /// width over its height) and each still covers its original range.
    static func equalScale(_ ranges: (ClosedRange<Double>, ClosedRange<Double>), aspect: Double) -> (ClosedRange<Double>, ClosedRange<Double>) {
        let spanY = max(ranges.1.upperBound - ranges.1.lowerBound, (ranges.0.upperBound - ranges.0.lowerBound) / aspect)
        func widened(_ range: ClosedRange<Double>, to span: Double) -> ClosedRange<Double> {
            let centre = (range.lowerBound + range.upperBound) / 2
            return (centre - span / 2)...(centre + span / 2)
        }
        return (widened(ranges.0, to: spanY * aspect), widened(ranges.1, to: spanY))
    }

    /// The nearest-centroid regions of a 2-D embedding plane, exactly: argmin_k ‖z − c_k‖² is
    /// argmax_k (2c_k·z − ‖c_k‖²), a linear classifier of z (the plane is already the embedding, so
    /// no preprocessing), whose regions `DecisionRegions` clips as polygons; ties go to the lowest k
    /// as in the classifier.
    static func nearestCentroidRegions(centroids: Matrix, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> [[PlanePoint]] {
        precondition(centroids.columns == 2, "regions of the embedding plane need 2-D centroids")
        let classifier = LinearClassifier(
            weights: Matrix(rows: centroids.rows, columns: 2, elements: centroids.elements.map { 2 * $0 }),
            bias: Matrix(rows: centroids.rows, columns: 1, elements: (0..<centroids.rows).map { -(centroids[$0, 0] * centroids[$0, 0] + centroids[$0, 1] * centroids[$0, 1]) }))
        return DecisionRegions(classifier: classifier, preprocessing: Preprocessing(kind: .none, mean: [0, 0], scale: [1, 1]),
                               xRange: xRange, yRange: yRange).polygons
    }
}
