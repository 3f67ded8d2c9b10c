import LinearModel
import Training

extension ExperimentReport {
    /// Per run (not triplet runs, whose parameters are V): the total loss on a plane of weight
    /// space through its final W, and one chart of every run's loss along the line from W₀ to W_T.
    var lossSurfaces: HTMLPage.Section? {
        let data = experiment.data
        let runs = shownResults.enumerated().filter { $0.element.run.loss.type != .triplet }
        guard !runs.isEmpty, data.train.exampleCount > 0 else { return nil }
        let directions = LossSurface.directions(classCount: data.classCount, featureCount: data.featureCount, seed: experiment.configuration.seed)
        let surfaces = runs.map { index, result in
            (index, result, LossSurface(result: result, initial: experiment.initialClassifier(for: result.run), data: data, directions: directions))
        }
        let maps = surfaces.map { _, result, surface in
            SurfaceChart(title: "\(result.run.name): L(W_T + a·U + b·V)", xAxis: "a (along U)", yAxis: "b (along V)", xRange: -1...1, yRange: -1...1,
                         values: surface.plane, marked: PlanePoint(x: 0, y: 0)).svg
        }
        let series = surfaces.map { index, result, surface in
            LineSeries(name: result.run.name, x: surface.line.map(\.alpha), y: surface.line.map { Optional($0.loss) }, colorIndex: index)
        }
        let line = LineChart(title: "Loss along the line W₀ + α·(W_T − W₀)", xAxis: "α (0: initial weights W₀, 1: final weights W_T)",
                             yAxis: "total loss L", series: series, yScale: .automatic,
                             verticalMarkers: [VerticalMarker(x: 0, label: "W₀"), VerticalMarker(x: 1, label: "W_T")], showsLegend: false)
        let sampled = data.train.exampleCount > LossSurface.sampleLimit ? " (on the first \(LossSurface.sampleLimit) training examples)" : ""
        return HTMLPage.Section(heading: "Loss surfaces around the trained weights", blocks: [
            .question("What does each loss look like around the weights training found: a smooth bowl, a valley with creases, or a plateau?"),
            .paragraph("Each map is the total loss L = data loss + λ·R(W)\(sampled) on a plane of weight space through the run's final "
                + "W_T (the + at the centre): W_T + a·U + b·V with two random directions U and V, the same draws for every run, each "
                + "row scaled to the length of the same row of W_T. Colours step through equal ratios of the loss from its lowest "
                + "(dark) to its highest (yellow) value on that map, so the band edges are its contour lines: a hinge (svm) loss is "
                + "piecewise linear and its contours have corners, mse is a quadratic bowl with elliptic contours, softmax is smooth "
                + "and grows only linearly far out."),
            .figures(maps),
            .paragraph("The line from the initial weights W₀ (α = 0) through the final ones W_T (α = 1) and beyond: a convex loss falls all "
                + "the way to W_T along it and rises past it."),
            runLegend,
            .figures([line.svg]),
        ])
    }
}
