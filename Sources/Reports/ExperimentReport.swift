import Training
import Datasets
import LinearModel

/// `report.html`: one self-contained page (inline SVG, CSS and one small script, nothing fetched)
/// that teaches what the config is about. Each section states the lecture question it answers
/// above its charts, and a section is there only when its question applies:
///
/// 1. the data and runs, the comparison table, how each run started and ended (`+Runs`);
/// 2. a sweep's validation-accuracy heat maps (`+Sweep`);
/// 3. loss and accuracy curves, divergence marked (`+Curves`); the train–validation gap (`+Gap`);
/// 4. the margins mᵢ = s_y − max_{j≠y} s_j: histograms, satisfied fraction, correct-class
///    probability (`+Margins`); sigmoid outputs as yes/no answers (`+SigmoidAnswers`);
/// 5. exact decision regions with an epoch slider when D = 2 (`+DecisionRegions`); a triplet
///    run's embedding (`+Embedding`); class templates with an epoch slider for image data
///    (`+Templates`);
/// 6. the loss surface around each run's final W and along W₀ → W_T (`+LossSurface`);
/// 7. the shapes of the losses and regularizers the runs use (`+LossShapes`);
/// 8. confusion matrices (`+Confusion`).
///
/// Colours are shared across the page: run i of `shownResults` is `Palette.color(i)` in every
/// chart, and class k is `Palette.color(k)` in every region and point.
public struct ExperimentReport {
    public let experiment: Experiment
    public let results: [RunResult]

    public init(experiment: Experiment, results: [RunResult]) {
        self.experiment = experiment
        self.results = results
    }

    /// The page: every section that applies to this experiment, in reading order.
    /// - Complexity: O(runs · (epochs + snapshots · N·D)) plus the loss surfaces'.
    public var html: String {
        let sections: [HTMLPage.Section?] = [
            overview, sweep, runEndings, curves, generalizationGap, margins, sigmoidAnswers, decisionRegions, embeddingMaps, templates,
            lossSurfaces, lossShapesSection, confusionMatrices,
        ]
        return HTMLPage(title: experiment.configuration.name, sections: sections.compactMap { $0 }).html
    }

    /// The class names of the experiment, in class-index (and colour) order.
    var classNames: [String] { experiment.data.classNames }

    /// The runs the per-run charts show: every run, or for a sweep the best grid point of each
    /// config entry (the sweep's heat maps show every point), so that charts keep a few curves
    /// and legends a few names.
    var shownResults: [RunResult] {
        guard !experiment.configuration.sweep.isEmpty else { return results }
        let best = ResultFiles.bestSweepPoints(results).map(\.best.run.name)
        let shown = results.filter { best.contains($0.run.name) }
        return shown.isEmpty ? results : shown
    }

    /// The shown runs' colour key, for the sections that draw one legend above all their charts.
    var runLegend: HTMLPage.Block {
        .legend(shownResults.enumerated().map { HTMLPage.LegendKey(name: $1.run.name, colorIndex: $0) })
    }

    /// The frames of `result` for an epoch slider: its snapshots before the final epoch, then the
    /// weights it returned (the best epoch's after early stopping with `restore_best`).
    func frames(of result: RunResult) -> [EpochSnapshot] {
        let finalEpoch = result.final?.epoch ?? result.epochsRun
        return result.snapshots.filter { $0.epoch < finalEpoch } + [EpochSnapshot(epoch: finalEpoch, classifier: result.classifier)]
    }

    /// The epochs a slider over `results` steps through: every frame's epoch, ascending.
    func sliderEpochs(_ results: [RunResult]) -> [Int] {
        Array(Set(results.flatMap { frames(of: $0).map(\.epoch) })).sorted()
    }

    /// The dataset's image shape (height, width, channels) when it is image data, else nil: the
    /// one place that decides whether templates are drawn (SPEC §6).
    var imageShape: (height: Int, width: Int, channels: Int)? {
        ImageData.shape(of: experiment)
    }
}
