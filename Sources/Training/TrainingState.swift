import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Optimizers
import Datasets

/// The mutable state of one run's SGD: the parameters, each with its own optimizer (velocity), and
/// the buffers a step writes into, allocated once so that the fast step allocates nothing per
/// minibatch.
///
/// The parameters are laid out as `model.bias_trick` says: with the trick, one matrix
/// θ = [W b] (K×(D+1)) on inputs [x; 1]; without it, W (K×D) and b (K×1) apart. A step is
///
///     S = X_B·Wᵀ + b;   L, dS = loss(S, y_B);   dW = dSᵀ·X_B,  db = Σᵢ dSᵢ;   update W and b
///
/// by the readable code (`naiveStep`, TrainingState+NaiveStep.swift) or the fused kernel
/// (`fastStep`, TrainingState+FastStep.swift), as `model.implementation` says.
struct TrainingState {
    let run: RunConfiguration
    let loss: any RowwiseLoss
    let regularizer: any Regularizer
    let data: ExperimentData
    /// [W b] with the bias trick, W without.
    var weights: TrainedMatrix
    /// b, trained apart; nil with the bias trick (b is the last column of `weights`).
    var bias: TrainedMatrix?
    var batchLabels: [Int] = []
    var minibatchScratch = MinibatchGradientScratch()

    init(run: RunConfiguration, loss: any RowwiseLoss, data: ExperimentData, classifier: LinearClassifier) {
        self.run = run
        self.loss = loss
        self.regularizer = run.regularizer.makeRegularizer()
        self.data = data
        let optimizer = run.optimizer.makeOptimizer()
        if run.biasTrick {
            weights = TrainedMatrix(classifier.augmentedWeights, optimizer: optimizer,
                                    penalized: run.regularizer.includeBias ? .all : .allButLastColumn)
            bias = nil
        } else {
            weights = TrainedMatrix(classifier.weights, optimizer: optimizer, penalized: .all)
            bias = TrainedMatrix(classifier.bias, optimizer: optimizer, penalized: run.regularizer.includeBias ? .all : .none)
        }
        batchLabels.reserveCapacity(min(run.optimizer.batchSize, data.train.exampleCount))
    }

    /// W and b as a classifier, whichever the layout.
    var classifier: LinearClassifier {
        get {
            guard let bias else { return LinearClassifier(augmentedWeights: weights.values) }
            return LinearClassifier(weights: weights.values, bias: bias.values)
        }
        set {
            if bias == nil {
                weights.values = newValue.augmentedWeights
            } else {
                weights.values = newValue.weights
                bias?.values = newValue.bias
            }
        }
    }

    /// One SGD step on the minibatch `rows`: the data gradient by the chosen implementation, then
    /// λ·∂R, the optimizer's step and the proximal step on each parameter matrix.
    mutating func step(rows: ArraySlice<Int>, learningRate: Double) {
        gatherBatchLabels(rows: rows)
        switch run.implementation {
        case .naive: naiveDataGradient(rows: rows)
        case .fast: fastDataGradient(rows: rows)
        }
        let (regularizer, strength, implementation) = (self.regularizer, run.regularizer.strength, run.implementation)
        weights.update(regularizer: regularizer, strength: strength, learningRate: learningRate, implementation: implementation)
        bias?.update(regularizer: regularizer, strength: strength, learningRate: learningRate, implementation: implementation)
    }

    /// `batchLabels` = the labels of `rows`, in order, each checked to be a class. Gathered all at
    /// once: looked up row by row inside the fused step, each was a cache miss on the path to the
    /// loss (`mid`, 1 thread: 0.0254 → 0.0225 s per epoch).
    private mutating func gatherBatchLabels(rows: ArraySlice<Int>) {
        let classes = data.classCount
        batchLabels.removeAll(keepingCapacity: true)
        for row in rows {
            let label = data.train.labels[row]
            precondition(label >= 0 && label < classes, "label \(label) is not a class of \(classes)")
            batchLabels.append(label)
        }
    }
}
