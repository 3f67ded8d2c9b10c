import Foundation
import LinearAlgebra
import LinearModel
import Losses
import Training

// `trainer explain … --step LR`: one SGD step on the examples of the table, for the model's loss
// and the other of SVM and softmax, piece by piece (SPEC §3.2).

extension ExplainTable {
    /// The losses whose step is shown: the model's, and SVM or softmax beside it (the other of the
    /// two; softmax beside any loss that is neither), each with its name.
    var steppedLosses: [(name: String, loss: any Loss)] {
        let own: (String, any Loss) = model.loss.type == .svm
            ? (Self.name(of: svm), svm) : (model.loss.type.rawValue, model.loss.makeLoss())
        let other: (String, any Loss) = model.loss.type == .softmax ? (Self.name(of: MulticlassSVMLoss()), MulticlassSVMLoss())
            : ("softmax", SoftmaxCrossEntropyLoss())
        return model.loss.type == .triplet ? [other] : [own, other]
    }

    /// The feature columns a step shows of dW and W: all of them up to 6, else the first 6.
    static let shownFeatures = 6

    /// One step of rate `learningRate` (and L2 strength `strength`) from the model, on `features`
    /// (the table's examples, preprocessed), for each of `steppedLosses`; tables in panels that fit
    /// `width` (nil: any width).
    public func renderStep(features: Matrix, learningRate: Double, strength: Double, width: Int? = nil) -> String {
        var text = "\nOne SGD step on these \(labels.count) examples (B = \(labels.count)), lr = \(JSONWriter.number(learningRate))"
        text += strength > 0 ? ", L2 λ = \(JSONWriter.number(strength)):\n" : " (λ = 0: no regularization gradient):\n"
        for (name, loss) in steppedLosses {
            let step = SGDStepExplanation(classifier: model.classifier, loss: loss, features: features, labels: labels,
                                          learningRate: learningRate, strength: strength)
            text += "\n\(name)\n" + exampleTable(step, loss: loss).paneled(width: width) + "\n" + parameterTable(step).paneled(width: width)
        }
        return text
    }

    /// Per example: which hinge terms fire (SVM), Lᵢ and ∂Lᵢ/∂s_k for each class k.
    func exampleTable(_ step: SGDStepExplanation, loss: any Loss) -> TextTable {
        let classes = model.classNames
        var table = TextTable(columns: [TextTable.Column("")] + labels.indices.map { TextTable.Column("example \($0 + 1)", alignment: .right) })
        if let svm = loss as? MulticlassSVMLoss {
            table.addRow(["hinge terms > 0"] + labels.indices.map { i in
                let terms = svm.marginTerms(scores: scores.row(i), label: labels[i])
                let firing = classes.indices.filter { terms[$0] > 0 && $0 != labels[i] }.map { classes[$0] }
                return firing.isEmpty ? "none" : firing.joined(separator: ", ")
            })
        }
        table.addRow(["Lᵢ"] + labels.indices.map { Self.number(step.exampleLosses[$0]) })
        for k in classes.indices {
            table.addRow(["∂Lᵢ/∂s(\(classes[k]))"] + labels.indices.map { Self.number(step.exampleGradients[$0, k]) })
        }
        return table
    }

    /// Per class: dW and db of the batch, W and b before and after the step (the first
    /// `shownFeatures` columns of W when D is larger, said in the last header).
    func parameterTable(_ step: SGDStepExplanation) -> TextTable {
        let featureCount = model.classifier.featureCount, shown = min(featureCount, Self.shownFeatures)
        let names = model.featureNames.count == featureCount ? model.featureNames : (0..<featureCount).map { "x\($0)" }
        var columns = [TextTable.Column("")] + (0..<shown).map { TextTable.Column(names[$0], alignment: .right) }
        columns.append(TextTable.Column(shown < featureCount ? "b (first \(shown) of \(featureCount) features)" : "b", alignment: .right))
        var table = TextTable(columns: columns)
        for (k, name) in model.classNames.enumerated() {
            for (title, weights, bias) in [("dW, db", step.weightGradient, step.biasGradient),
                                           ("W, b before", step.before.weights, step.before.bias),
                                           ("W, b after", step.after.weights, step.after.bias)] {
                table.addRow(["\(title) (\(name))"] + (0..<shown).map { Self.number(weights[k, $0]) } + [Self.number(bias[k, 0])])
            }
        }
        return table
    }
}
