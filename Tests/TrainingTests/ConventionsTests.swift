import Foundation
import Testing
import LinearAlgebra
import LinearModel
import Losses
import TestSupport
@testable import Training

/// Each row of the conventions table, checked against its derivation on random numbers: the tool's
/// objective (or SGD step) written out by its own formula equals this tool's, scaled as the row says.
@Suite("trainer conventions — the same objective in other tools' parameters (SPEC §3.2)")
struct ConventionsTests {
    static let (n, k, lambda, lr) = (7, 3, 0.05, 0.2)
    static let weights = randomMatrix(rows: k, columns: 4, seed: 1)
    static let features = randomMatrix(rows: n, columns: 4, seed: 2)
    static let labels = randomLabels(count: n, classCount: k, seed: 3)

    /// This tool's objective (1/N)·Σ Lᵢ + λ·ΣW² and its gradient in W (b = 0).
    static func objective(_ loss: some Loss, _ w: Matrix) -> (value: Double, gradient: Matrix) {
        let classifier = LinearClassifier(weights: w, bias: Matrix(rows: k, columns: 1))
        let scores = classifier.naiveScores(for: features, rows: Array(0..<n)[...])
        let (data, dS) = loss.naiveDataLossAndGradient(scores: scores, labels: labels)
        var gradient = LinearClassifier.weightGradients(scoresGradient: dS, features: features, rows: Array(0..<n)[...]).weights
        gradient.add(w, scaledBy: 2 * lambda)
        return (data + lambda * w.elements.reduce(0) { $0 + $1 * $1 }, gradient)
    }

    @Test("cs231n: loss = mean Lᵢ + reg·ΣW² is this objective for reg = λ")
    func cs231n() {
        #expect(Conventions.cs231nReg(strength: Self.lambda) == Self.lambda)
    }

    @Test("PyTorch weight_decay = 2λ: the decay term wd·W is the gradient of λ·ΣW²")
    func pyTorchWeightDecay() {
        let decay = Conventions.pyTorchWeightDecay(strength: Self.lambda)
        let numerical = numericalGradient(of: { w in Self.lambda * w.elements.reduce(0) { $0 + $1 * $1 } }, at: Self.weights)
        var decayTerm = Self.weights
        decayTerm.scale(by: decay)
        expectClose(decayTerm, numerical, tolerance: 1e-9)
    }

    @Test("PyTorch MultiMarginLoss (Lᵢ/K): one SGD step with lr = K·lr and weight_decay = 2λ/K is this tool's step")
    func multiMarginLoss() {
        let svm = MulticlassSVMLoss()
        let (torchRate, decay) = Conventions.multiMarginLoss(learningRate: Self.lr, strength: Self.lambda, classes: Self.k)
        let ours = Self.objective(svm, Self.weights).gradient
        // MultiMarginLoss's gradient: (1/K)·∇(mean Lᵢ) + weight_decay·W.
        var dataGradient = ours
        dataGradient.add(Self.weights, scaledBy: -2 * Self.lambda)
        var torch = dataGradient
        torch.scale(by: 1 / Double(Self.k))
        torch.add(Self.weights, scaledBy: decay)
        var stepOurs = Self.weights, stepTorch = Self.weights
        stepOurs.add(ours, scaledBy: -Self.lr)
        stepTorch.add(torch, scaledBy: -torchRate)
        expectClose(stepTorch, stepOurs, tolerance: 1e-14)
    }

    @Test("scikit-learn SGDClassifier alpha = 2λ: alpha·½‖w‖² = λ‖w‖²")
    func sgdClassifier() {
        let alpha = Conventions.sgdClassifierAlpha(strength: Self.lambda)
        let squaredNorm = Self.weights.elements.reduce(0) { $0 + $1 * $1 }
        expectClose(alpha * 0.5 * squaredNorm, Self.lambda * squaredNorm, tolerance: 1e-15)
    }

    @Test("scikit-learn C = 1/(2λN): C·Σ Lᵢ + ½‖W‖² = (1/(2λ))·(this objective), so both have one minimiser")
    func scikitLearnC() {
        let c = Conventions.scikitLearnC(strength: Self.lambda, examples: Self.n)
        for seed in UInt64(10)..<13 {
            let w = randomMatrix(rows: Self.k, columns: 4, seed: seed)
            let (ours, _) = Self.objective(SoftmaxCrossEntropyLoss(), w)
            let scores = LinearClassifier(weights: w, bias: Matrix(rows: Self.k, columns: 1)).naiveScores(for: Self.features, rows: Array(0..<Self.n)[...])
            let sum = SoftmaxCrossEntropyLoss().exampleLosses(scores: scores, labels: Self.labels).reduce(0, +)
            let scikit = c * sum + 0.5 * w.elements.reduce(0) { $0 + $1 * $1 }
            expectClose(scikit, ours / (2 * Self.lambda), tolerance: 1e-12, "seed \(seed)")
        }
        #expect(Conventions.scikitLearnC(strength: 0, examples: 10) == .infinity)
    }

    @Test("seed 000: J = 1/(2m)·Σ‖h − y‖² + λ_c/(2m)·ΣΘ² is (K/2)·(this MSE objective); lr_c·∇J = lr·∇L")
    func seed000() {
        let (lambdaC, rateC) = Conventions.seed000(strength: Self.lambda, learningRate: Self.lr, classes: Self.k, examples: Self.n)
        func j(_ theta: Matrix) -> Double {
            let h = LinearClassifier(weights: theta, bias: Matrix(rows: Self.k, columns: 1)).naiveScores(for: Self.features, rows: Array(0..<Self.n)[...])
            var squares = 0.0
            for i in 0..<Self.n {
                for j in 0..<Self.k { squares += pow(h[i, j] - (Self.labels[i] == j ? 1 : 0), 2) }
            }
            let m = Double(Self.n)
            return squares / (2 * m) + lambdaC / (2 * m) * theta.elements.reduce(0) { $0 + $1 * $1 }
        }
        let (ours, gradient) = Self.objective(MeanSquaredErrorLoss(), Self.weights)
        expectClose(j(Self.weights), Double(Self.k) / 2 * ours, tolerance: 1e-12)
        var stepJ = numericalGradient(of: j, at: Self.weights), stepOurs = gradient
        stepJ.scale(by: rateC)
        stepOurs.scale(by: Self.lr)
        expectClose(stepJ, stepOurs, tolerance: 1e-8)
    }

    @Test("K = 2: the Weston–Watkins SVM is max(0, Δ − t·(w·x + b)) with w = w₁ − w₀, b = b₁ − b₀; with w₀ = −w₁ the penalty is (λ/2)‖w‖²")
    func binarySVM() {
        let two = randomMatrix(rows: 2, columns: 4, seed: 5), bias = Matrix([[0.3], [-0.2]])
        let rows = Array(0..<Self.n)[...], labels = Self.labels.map { $0 % 2 }
        let scores = LinearClassifier(weights: two, bias: bias).naiveScores(for: Self.features, rows: rows)
        let multiclass = MulticlassSVMLoss(margin: 1.5).exampleLosses(scores: scores, labels: labels)
        for i in 0..<Self.n {
            let f = (0..<4).reduce(bias[1, 0] - bias[0, 0]) { $0 + (two[1, $1] - two[0, $1]) * Self.features[i, $1] }
            let t: Double = labels[i] == 1 ? 1 : -1
            expectClose(multiclass[i], max(0, 1.5 - t * f), tolerance: 1e-12, "example \(i)")
        }
        let w1 = two.row(1), w = w1.map { 2 * $0 }   // w₀ = −w₁, so w = w₁ − w₀ = 2w₁
        let penalty = Self.lambda * 2 * w1.reduce(0) { $0 + $1 * $1 }
        expectClose(penalty, Self.lambda / 2 * w.reduce(0) { $0 + $1 * $1 }, tolerance: 1e-15)
    }

    @Test("the rows a run gets follow its loss; the K = 2 reduction only for a plain Weston–Watkins SVM")
    func rowsByLoss() throws {
        let configuration = try TrainingFixtures.configuration("""
            {"data": {"train": "a.csv"}, "regularizer": {"strength": 0.01},
             "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}, {"name": "mse", "loss": {"type": "mse"}},
                      {"name": "cs", "loss": {"type": "svm", "variant": "crammer_singer"}}, {"name": "nll", "loss": {"type": "gaussian_nll"}}]}
            """)
        let tools = configuration.runs.map { Conventions(run: $0, examples: 100, classes: 2).rows.map { $0.tool.split(separator: " ").first ?? "" } }
        #expect(tools == [["cs231n", "PyTorch"], ["cs231n", "PyTorch", "scikit-learn"], ["seed"], ["scikit-learn"], []])
        let svm = Conventions(run: configuration.runs[0], examples: 100, classes: 2)
        #expect(svm.binarySVM == Conventions.BinarySVM(margin: 1, strength: 0.005))
        #expect(Conventions(run: configuration.runs[0], examples: 100, classes: 3).binarySVM == nil)
        #expect(Conventions(run: configuration.runs[4], examples: 100, classes: 2).caveats.first?.contains("none of these tools") == true)
        let softmaxC = try #require(Conventions(run: configuration.runs[1], examples: 100, classes: 2).rows.last?.values.first)
        #expect(softmaxC == Conventions.Parameter(name: "C", value: 0.5))
    }
}
