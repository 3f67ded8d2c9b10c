import LinearAlgebra
import LinearModel
import Losses
import Regularizers
import Optimizers
import Datasets

/// The mutable state of one run's SGD: the classifier, one optimizer per parameter (each keeps its
/// own velocity), and the buffers a step writes into, allocated once so the hot loop allocates
/// nothing per minibatch.
struct TrainingState {
    let run: RunConfiguration
    let loss: any Loss
    let regularizer: any Regularizer
    let data: ExperimentData
    var classifier: LinearClassifier
    var weightOptimizer: StochasticGradientDescent
    var biasOptimizer: StochasticGradientDescent
    private var scores: Matrix
    private var scoresGradient: Matrix
    private var weightGradient: Matrix
    private var biasGradient: Matrix
    private var batchLabels: [Int]
    private var minibatchScratch = MinibatchGradientScratch()

    init(run: RunConfiguration, loss: any Loss, data: ExperimentData, classifier: LinearClassifier) {
        self.run = run
        self.loss = loss
        self.regularizer = run.regularizer.makeRegularizer()
        self.data = data
        self.classifier = classifier
        let optimizer = StochasticGradientDescent(momentum: run.optimizer.momentum, nesterov: run.optimizer.nesterov)
        weightOptimizer = optimizer
        biasOptimizer = optimizer
        let batch = min(run.optimizer.batchSize, data.train.exampleCount)
        let classes = classifier.classCount, features = classifier.featureCount
        scores = Matrix(rows: batch, columns: classes)
        scoresGradient = Matrix(rows: batch, columns: classes)
        weightGradient = Matrix(rows: classes, columns: features)
        biasGradient = Matrix(rows: classes, columns: 1)
        batchLabels = []
        batchLabels.reserveCapacity(batch)
    }

    /// One SGD step on the minibatch `rows`.
    mutating func step(rows: ArraySlice<Int>, learningRate: Double) {
        if let rowwise = loss as? any RowwiseLoss {
            computeFusedGradients(rows: rows, loss: rowwise)
        } else {
            computeGradients(rows: rows)
        }
        let strength = run.regularizer.strength
        regularizer.addGradient(of: classifier.weights, strength: strength, into: &weightGradient)
        if run.regularizer.includeBias {
            regularizer.addGradient(of: classifier.bias, strength: strength, into: &biasGradient)
        }
        weightOptimizer.step(&classifier.weights, gradient: weightGradient, learningRate: learningRate)
        biasOptimizer.step(&classifier.bias, gradient: biasGradient, learningRate: learningRate)
        regularizer.proximalStep(&classifier.weights, threshold: learningRate * strength)
        if run.regularizer.includeBias {
            regularizer.proximalStep(&classifier.bias, threshold: learningRate * strength)
        }
    }

    /// dW and db of a row-wise loss by the fused kernel, which reads each picked row of X once. The
    /// bias trick [x; 1]·[W b]ᵀ computes the same sums in the same order as Wx + b (b added after
    /// the dot product), so both settings share this one path and give the same bits. The batch's
    /// labels are gathered (and checked) first, all at once: looked up row by row inside the step,
    /// each was a cache miss on the path to the loss (`mid`, 1 thread: 0.0254 → 0.0225 s per epoch).
    private mutating func computeFusedGradients(rows: ArraySlice<Int>, loss: any RowwiseLoss) {
        let classes = classifier.classCount, scale = 1 / Double(rows.count)
        gatherBatchLabels(rows: rows)
        for label in batchLabels {
            precondition(label >= 0 && label < classes, "label \(label) is not a class of \(classes)")
        }
        let labels = batchLabels
        Matrix.minibatchGradient(
            rowsOf: data.train.features, at: rows, weights: classifier.weights, bias: classifier.bias,
            scoresGradientOfRows: { batchRows, scores, scoresGradient in
                loss.writeScoresGradient(scores: scores, labels: labels.span.extracting(batchRows), scale: scale,
                                         scoresGradient: &scoresGradient)
            },
            weightGradient: &weightGradient, biasGradient: &biasGradient, scratch: &minibatchScratch)
    }

    /// `batchLabels` = the labels of `rows`, in order.
    private mutating func gatherBatchLabels(rows: ArraySlice<Int>) {
        batchLabels.removeAll(keepingCapacity: true)
        for row in rows { batchLabels.append(data.train.labels[row]) }
    }

    /// dW and db of any loss: S, then ∂L/∂S of the whole batch, then dSᵀ·X_B.
    private mutating func computeGradients(rows: ArraySlice<Int>) {
        let features = data.train.features
        if scores.rows != rows.count {
            scores = Matrix(rows: rows.count, columns: classifier.classCount)
            scoresGradient = scores
        }
        gatherBatchLabels(rows: rows)
        computeScores(rows: rows, features: features)
        _ = loss.dataLossAndGradient(scores: scores, labels: batchLabels, scoresGradient: &scoresGradient)
        computeParameterGradients(rows: rows, features: features)
    }

    /// S = X_B·Wᵀ + b, either through separate W and b or through the bias trick [x; 1]·[W b]ᵀ,
    /// whose last column b the kernel reads where it lies (no K×(D+1) copy of [W b] per step).
    private mutating func computeScores(rows: ArraySlice<Int>, features: Matrix) {
        if run.biasTrick {
            Matrix.minibatchScores(rowsOf: features, at: rows, weights: classifier.weights, bias: classifier.bias, into: &scores)
        } else {
            Matrix.multiplyTransposed(rowsOf: features, at: rows, by: classifier.weights, into: &scores)
            classifier.addBias(to: &scores)
        }
    }

    /// dW = dSᵀ·X_B and db = Σᵢ dSᵢ.
    private mutating func computeParameterGradients(rows: ArraySlice<Int>, features: Matrix) {
        let classes = classifier.classCount
        Matrix.transposedMultiply(scoresGradient, byRowsOf: features, at: rows, into: &weightGradient)
        for k in 0..<classes { biasGradient.elements[k] = 0 }
        for i in 0..<scoresGradient.rows {
            for k in 0..<classes { biasGradient.elements[k] += scoresGradient.elements[i * classes + k] }
        }
    }
}
