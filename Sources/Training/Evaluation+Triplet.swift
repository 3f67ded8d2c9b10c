import LinearAlgebra
import LinearModel
import Losses
import Datasets

extension Evaluation {
    /// The metrics of a triplet model on `dataset`: accuracy and confusion of its nearest-centroid
    /// [W b], and as data loss the mean triplet loss (mining `all`) of the embeddings X·Vᵀ over the
    /// split's valid triplets (`TripletSplitLoss`, a sample of 10⁶ drawn from `seed` when there are
    /// more), not a loss of the class scores (SPEC §3.1).
    /// - Complexity: O(N·D·(K + M)) plus the split loss's.
    public static func tripletMetrics(
        of classifier: LinearClassifier, embedding: Matrix, margin: Double, seed: UInt64, on dataset: Dataset, confusion: Bool = true
    ) -> SplitMetrics {
        tripletMetrics(of: classifier, embedding: embedding, margin: margin, seed: seed, on: dataset, confusion: confusion,
                       margins: false).metrics
    }

    /// `tripletMetrics`, and with `margins` the margins of the nearest-centroid scores, in the order of the examples.
    static func tripletMetrics(
        of classifier: LinearClassifier, embedding: Matrix, margin: Double, seed: UInt64, on dataset: Dataset, confusion: Bool,
        margins: Bool
    ) -> (metrics: SplitMetrics, margins: MarginStatistics.Accumulator) {
        // The accuracy pass needs some loss of the scores; MSE costs O(N·K) and its value is replaced.
        var (metrics, collected) = metrics(of: classifier, loss: MeanSquaredErrorLoss(), on: dataset, confusion: confusion,
                                           margins: margins, implementation: .fast)
        metrics.dataLoss = TripletSplitLoss.meanLoss(embeddings: dataset.features.multiplyingTransposed(embedding),
                                                     labels: dataset.labels, margin: margin, seed: seed)
        return (metrics, collected)
    }
}

extension ModelFile {
    /// The seed of the triplet-loss sample of `metrics(on:)` (used only above 10⁶ valid triplets).
    public static let tripletSampleSeed: UInt64 = 0

    /// Loss, accuracy and confusion of this model on the preprocessed `dataset`, with the model's own
    /// loss: for a triplet model the mean triplet loss of its embedding (`Evaluation.tripletMetrics`),
    /// otherwise the loss of its class scores.
    public func metrics(on dataset: Dataset) -> SplitMetrics {
        if loss.type == .triplet, let embedding {
            return Evaluation.tripletMetrics(of: classifier, embedding: embedding, margin: loss.settings.margin,
                                             seed: Self.tripletSampleSeed, on: dataset)
        }
        return Evaluation.metrics(of: classifier, loss: loss.makeLoss(), on: dataset)
    }
}
