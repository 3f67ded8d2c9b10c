import LinearModel

/// A classifier run in `TrainingLoop`: the parameters are [W b], evaluated with the run's own loss.
extension TrainingState: TrainedParameters {
    var snapshot: LinearClassifier {
        get { classifier }
        set { classifier = newValue }
    }

    var isFinite: Bool { weights.values.isFinite && (bias?.values.isFinite ?? true) }

    /// The classifier itself: what the report's epoch slider draws.
    var classifierForReport: LinearClassifier { classifier }

    /// The history record of the classifier after `epoch`: data loss and accuracy of each split,
    /// λ·R(W) (and λ·R(b) with `include_bias`), and the training split's margins.
    func evaluate(epoch: Int, learningRate: Double?) -> EpochRecord {
        let classifier = self.classifier
        let (train, margins) = Evaluation.metricsAndMargins(
            of: classifier, loss: loss, on: data.train, satisfiedAt: MarginStatistics.satisfactionMargin(of: run.loss),
            implementation: run.implementation)
        let validation = data.validation.map {
            Evaluation.lossAndAccuracy(of: classifier, loss: loss, on: $0, implementation: run.implementation)
        }
        let regularization = Evaluation.regularizationLoss(of: classifier, run.regularizer)
        return EpochRecord(
            epoch: epoch,
            learningRate: learningRate ?? run.optimizer.schedule.learningRate(initial: run.optimizer.learningRate, epoch: 0),
            loss: train.dataLoss + regularization, dataLoss: train.dataLoss, regularizationLoss: regularization,
            trainAccuracy: train.accuracy, validationLoss: validation?.dataLoss, validationAccuracy: validation?.accuracy,
            margins: margins)
    }
}
