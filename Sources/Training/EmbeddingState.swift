import LinearAlgebra
import Datasets
import LinearModel
import Losses
import Regularizers
import Optimizers

/// The mutable state of a triplet run's SGD: V with its optimizer's velocity, the minibatch loss
/// (whose batch number advances once per step, so `random` mining draws afresh) and the buffers a
/// step writes into, allocated once.
struct EmbeddingState {
    let run: RunConfiguration
    let regularizer: any Regularizer
    let data: ExperimentData
    /// The seed of the split losses' triplet sample.
    let evaluationSeed: UInt64
    var loss: TripletLoss
    /// V (M×D), every entry penalized.
    var parameters: TrainedMatrix
    private var embeddings: Matrix
    private var embeddingsGradient: Matrix
    private var batchLabels: [Int] = []
    private var scratch = TripletScratch()

    init(run: RunConfiguration, loss: TripletLoss, data: ExperimentData, evaluationSeed: UInt64, embedding: Matrix) {
        self.run = run
        self.regularizer = run.regularizer.makeRegularizer()
        self.data = data
        self.evaluationSeed = evaluationSeed
        self.loss = loss
        parameters = TrainedMatrix(embedding, optimizer: run.optimizer.makeOptimizer(), penalized: .all)
        embeddings = Matrix(rows: 0, columns: embedding.rows)
        embeddingsGradient = embeddings
    }

    /// V, the embedding.
    var embedding: Matrix { parameters.values }

    /// One SGD step on the minibatch `rows`: E = X_B·Vᵀ, L and dE by the triplet loss, dV = dEᵀ·X_B,
    /// then λ·∂R/∂V and the update — by the readable loops with `model.implementation: "naive"`.
    mutating func step(rows: ArraySlice<Int>, learningRate: Double) {
        let features = data.train.features
        batchLabels.removeAll(keepingCapacity: true)
        for row in rows { batchLabels.append(data.train.labels[row]) }
        switch run.implementation {
        case .naive:
            let embeddings = Matrix.naiveMultiplyTransposed(rowsOf: features, at: rows, by: parameters.values)
            let gradient = loss.naiveDataLossAndGradient(scores: embeddings, labels: batchLabels).scoresGradient
            parameters.gradient = Matrix.naiveTransposedMultiply(gradient, byRowsOf: features, at: rows)
        case .fast:
            if embeddings.rows != rows.count {
                embeddings = Matrix(rows: rows.count, columns: parameters.values.rows)
                embeddingsGradient = embeddings
            }
            Matrix.multiplyTransposed(rowsOf: features, at: rows, by: parameters.values, into: &embeddings)
            _ = loss.dataLossAndGradient(scores: embeddings, labels: batchLabels, scoresGradient: &embeddingsGradient, scratch: &scratch)
            Matrix.transposedMultiply(embeddingsGradient, byRowsOf: features, at: rows, into: &parameters.gradient)
        }
        loss.batchNumber &+= 1
        parameters.update(regularizer: regularizer, strength: run.regularizer.strength, learningRate: learningRate,
                          implementation: run.implementation)
    }
}

/// A triplet run in `TrainingLoop`: the parameters are V, and each evaluation reads the
/// nearest-centroid [W b] off the embedded training split.
extension EmbeddingState: TrainedParameters {
    var snapshot: Matrix {
        get { parameters.values }
        set { parameters.values = newValue }
    }

    var isFinite: Bool { embedding.isFinite }

    /// The history record of V after `epoch`: the triplet loss of each split (`TripletSplitLoss`)
    /// plus λ·R(V), the accuracies of the nearest-centroid [W b] and the margins of its scores.
    func evaluate(epoch: Int, learningRate: Double?) -> EpochRecord {
        let classifier = centroidClassifier().linearClassifier
        let (train, margins) = Evaluation.tripletMetrics(
            of: classifier, embedding: embedding, margin: loss.margin, seed: evaluationSeed, on: data.train, confusion: false,
            margins: true)
        let validation = data.validation.map { metrics(classifier, $0, confusion: false) }
        let regularization = run.regularizer.strength * regularizer.penalty(of: embedding)
        return EpochRecord(
            epoch: epoch,
            learningRate: learningRate ?? run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: 0),
            loss: train.dataLoss + regularization, dataLoss: train.dataLoss, regularizationLoss: regularization,
            trainAccuracy: train.accuracy, validationLoss: validation?.dataLoss, validationAccuracy: validation?.accuracy,
            margins: margins.statistics(satisfiedAt: MarginStatistics.satisfactionMargin(of: run.loss)))
    }

    /// The nearest-centroid [W b]: what the report's epoch slider draws.
    var classifierForReport: LinearClassifier { centroidClassifier().linearClassifier }

    /// The centroids of the embedded training split under V.
    func centroidClassifier() -> NearestCentroidClassifier {
        NearestCentroidClassifier(embedding: embedding, training: data.train, classCount: data.classCount)
    }

    /// Accuracy (and confusion) of the nearest-centroid `classifier` on `dataset`, with the triplet
    /// loss of the split under V as its data loss.
    func metrics(_ classifier: LinearClassifier, _ dataset: Dataset, confusion: Bool = true) -> SplitMetrics {
        Evaluation.tripletMetrics(of: classifier, embedding: embedding, margin: loss.margin, seed: evaluationSeed,
                                  on: dataset, confusion: confusion)
    }
}
