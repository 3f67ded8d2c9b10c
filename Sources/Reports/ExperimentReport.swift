import Training
import Datasets

/// `report.html`: one self-contained page (inline SVG and CSS, nothing fetched) that shows what the
/// runs of an experiment did, top to bottom:
///
/// 1. the data's shapes (N, D, K per split), the comparison table (best validation accuracy
///    marked) and each run's sanity check and ending (`+Runs`);
/// 2. loss curves (total; data and regularization parts) and accuracy curves (`+Curves`);
/// 3. decision regions in raw feature units when D = 2 (`+DecisionRegions`); each triplet run's
///    embedded training points, centroids and nearest-centroid regions (`+Embedding`);
/// 4. each class's weight row as an image when D is a perfect square (`+Templates`);
/// 5. confusion matrices (`+Confusion`); the sweep's validation accuracies (`+Sweep`);
/// 6. the shapes of the losses against the correct-class margin (`+LossShapes`).
///
/// Colours are shared across the page: run i is `Palette.color(i)` in every curve and class k is
/// `Palette.color(k)` in every region and point.
public struct ExperimentReport {
    public let experiment: Experiment
    public let results: [RunResult]

    public init(experiment: Experiment, results: [RunResult]) {
        self.experiment = experiment
        self.results = results
    }

    /// The page: every section that applies to this experiment, in reading order.
    /// - Complexity: O(runs · (epochs + grid cells + N·D)).
    public var html: String {
        let sections: [HTMLPage.Section?] = [
            overview, runEndings, curves, decisionRegions, embeddingMaps, templates, confusionMatrices, sweep, lossShapesSection,
        ]
        return HTMLPage(title: experiment.configuration.name, sections: sections.compactMap { $0 }).html
    }

    /// The class names of the experiment, in class-index (and colour) order.
    var classNames: [String] { experiment.data.classNames }
}
