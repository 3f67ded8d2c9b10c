import Training

extension ExperimentReport {
    /// The Δ each shown run's satisfied fraction counts from (`MarginStatistics.satisfactionMargin`).
    func satisfactionMargin(of result: RunResult) -> Double {
        MarginStatistics.satisfactionMargin(of: result.run.loss)
    }

    /// The margins mᵢ = s_y − max_{j≠y} s_j of every training example under `snapshot`'s weights.
    func trainingMargins(_ snapshot: EpochSnapshot) -> [Double] {
        let train = experiment.data.train
        let scores = snapshot.classifier.scores(for: train.features)
        let classes = scores.columns
        return train.labels.enumerated().map { i, label in
            MarginStatistics.margin(scores: scores.elements[(i * classes)..<((i + 1) * classes)], label: label)
        }
    }

    /// Up to three frames to compare in the histograms: the first after epoch 0, one in the middle
    /// and the final one (epoch 0 is left out: every margin is ≈ 0 there).
    func histogramFrames(of result: RunResult) -> [EpochSnapshot] {
        let frames = frames(of: result).filter { $0.epoch > 0 }
        guard frames.count > 3 else { return frames }
        return [frames[0], frames[frames.count / 2], frames[frames.count - 1]]
    }

    /// The lecture's "the SVM is satisfied once the correct score wins by Δ; softmax never is":
    /// the margins' percentiles over training, the satisfied fraction beside the mean
    /// correct-class probability, and per run histograms of the margins at a few epochs.
    var margins: HTMLPage.Section? {
        let shown = shownResults
        guard experiment.data.train.exampleCount > 0, shown.contains(where: { $0.history.contains { $0.margins != nil } }) else { return nil }
        func series(_ value: @escaping (MarginStatistics) -> Double) -> [LineSeries] {
            shown.enumerated().map { index, result in
                LineSeries(name: result.run.name, x: result.history.map { Double($0.epoch) }, y: result.history.map { $0.margins.map(value) },
                           colorIndex: index)
            }
        }
        var median = series(\.p50)
        for index in median.indices {
            median[index].band = shown[index].history.map { record in
                record.margins.flatMap { $0.p10 <= $0.p90 ? $0.p10...$0.p90 : nil }
            }
        }
        let deltas = Array(Set(shown.map(satisfactionMargin))).sorted()
        let deltaText = deltas.map { formatDecimal($0, maximumDecimals: 3) }.joined(separator: ", ")
        let lines = [
            LineChart(title: "Margins mᵢ over training: median, 10th–90th percentile shaded", xAxis: "epoch",
                      yAxis: AxisTitle("margin mᵢ", unit: "score units"), series: median, showsLegend: false, integerX: true),
            LineChart(title: "Fraction of examples with mᵢ ≥ Δ (satisfied)", xAxis: "epoch", yAxis: "fraction of training examples",
                      series: series(\.satisfiedFraction), yRange: 0...1, showsLegend: false, integerX: true),
            LineChart(title: "Mean softmax probability of the correct class", xAxis: "epoch", yAxis: "mean p_y",
                      series: series(\.meanCorrectProbability), yRange: 0...1, showsLegend: false, integerX: true),
        ]
        var blocks: [HTMLPage.Block] = [
            .question("Is each run satisfied once the correct class's score wins by Δ (the SVM), or does it keep pushing the margins up (softmax)?"),
            .paragraph("The margin of a training example is mᵢ = s_y − max_{j≠y} s_j: how far the correct class's score leads the best "
                + "other class (negative: misclassified). The SVM's hinge stops caring about an example once mᵢ ≥ Δ, so its margins "
                + "pile up just past Δ; softmax's loss −log p_y is never 0, so its margins keep moving right and p_y keeps rising "
                + "towards 1. Satisfied means mᵢ ≥ Δ with each run's own margin (Δ = \(deltaText) here; 1 for a loss without "
                + "a margin, the SVM default). The softmax probability is computed from every run's scores, whatever its loss."),
            runLegend,
            .figures(lines.map(\.svg)),
        ]
        blocks.append(contentsOf: marginHistograms(shown))
        return HTMLPage.Section(heading: "Margins: when is a run satisfied?", blocks: blocks)
    }

    /// Per run, the histogram of the training margins at a few epochs, all on the same bins and
    /// y axis, with the run's Δ marked.
    private func marginHistograms(_ shown: [RunResult]) -> [HTMLPage.Block] {
        let epochsAndMargins = shown.map { result in histogramFrames(of: result).map { ($0.epoch, trainingMargins($0)) } }
        let pooled = epochsAndMargins.flatMap { $0.flatMap(\.1) }.filter(\.isFinite).sorted()
        guard !pooled.isEmpty else { return [] }
        // The 1st to 99th percentile, widened to show every Δ: a few far-out examples would
        // otherwise squeeze the bulk into a handful of bins.
        let deltas = shown.map(satisfactionMargin)
        var lower = min(MarginStatistics.percentile(ofSorted: pooled, 1), 0, deltas.min() ?? 0)
        var upper = max(MarginStatistics.percentile(ofSorted: pooled, 99), (deltas.max() ?? 1) * 1.25)
        if upper <= lower { (lower, upper) = (lower - 1, upper + 1) }
        let ticks = Ticks.linear(from: lower, to: upper, maximumCount: 8)
        let range = ticks.domain
        let allSeries = zip(shown.indices, epochsAndMargins).map { index, frames in
            frames.enumerated().map { position, frame in
                HistogramSeries(name: "epoch \(frame.0)", values: frame.1, colorIndex: index,
                                lightness: frames.count > 1 ? 0.65 * Double(frames.count - 1 - position) / Double(frames.count - 1) : 0,
                                filled: position == frames.count - 1)
            }
        }
        let yMaximum = Histogram.tallestBin(of: allSeries.flatMap { $0 }, range: range, binCount: 30)
        let charts = zip(shown, allSeries).map { result, series in
            let delta = satisfactionMargin(of: result)
            return Histogram(title: "\(result.run.name): margins mᵢ of the training examples", xAxis: AxisTitle("margin mᵢ", unit: "score units"),
                             range: range, series: series, yMaximum: yMaximum,
                             verticalMarkers: [VerticalMarker(x: delta, label: "Δ = \(formatDecimal(delta, maximumDecimals: 3))")]).svg
        }
        return [
            .paragraph("Histograms of the margins at a few epochs (paler: earlier; shaded: the end of training), every run on the same "
                + "axes: \(formatDecimal(range.lowerBound, maximumDecimals: 3)) to \(formatDecimal(range.upperBound, maximumDecimals: 3)) "
                + "score units, which holds at least 98 % of the margins; the few beyond are counted in the edge bins."),
            .figures(charts),
        ]
    }
}
