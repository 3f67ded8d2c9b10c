import Losses

/// The same objective in the parameters of the tools a student meets next (SPEC §3.2), what
/// `trainer conventions CONFIG` prints for each run. This tool minimises
///
///     L(W) = (1/N) Σᵢ Lᵢ + λ·ΣW²        by   W ← W − lr·∇L        (N: the training split)
///
/// and every tool writes the data term, the penalty or the step another way; each row gives the
/// value that makes the tool's objective (or its SGD path) this run's, derived in the row's formula.
public struct Conventions: Sendable {
    /// One tool's parameter(s) for this run.
    public struct Row: Sendable, Equatable {
        public var tool: String
        /// Each parameter of the tool and its value for this run, e.g. [("C", 0.21)].
        public var values: [Parameter]
        /// Why: the tool's objective against this one.
        public var formula: String
    }

    /// One parameter of a tool and its value.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: Double
    }

    /// The K = 2 Weston–Watkins SVM as the slide's binary soft-margin SVM.
    public struct BinarySVM: Sendable, Equatable {
        /// Δ of the hinge max(0, Δ − t·(w·x + b)).
        public var margin: Double
        /// λ/2, the strength of (λ/2)‖w‖² on w = w₁ − w₀.
        public var strength: Double
    }

    public let runName: String
    /// N, K, λ and lr of the run.
    public let examples: Int
    public let classes: Int
    public let strength: Double
    public let learningRate: Double
    /// The rows whose tool trains this run's loss.
    public let rows: [Row]
    /// The binary reduction, for a K = 2 Weston–Watkins SVM.
    public let binarySVM: BinarySVM?
    /// What still differs from this run, whatever the parameters.
    public let caveats: [String]

    /// The conventions of `run` trained on `examples` training examples of `classes` classes.
    public init(run: RunConfiguration, examples: Int, classes: Int) {
        runName = run.name
        self.examples = examples
        self.classes = classes
        strength = run.regularizer.strength
        learningRate = run.optimizer.learningRate
        let loss = run.loss.type, settings = run.loss.settings
        let isPlainHinge = !settings.squared && !settings.includeCorrectClass
        let lambda = strength, lr = learningRate, n = Double(examples), k = Double(classes)
        var rows: [Row] = []
        if (loss == .svm && settings.variant == .westonWatkins && isPlainHinge) || loss == .softmax {
            rows.append(Row(tool: "cs231n assignment 1 (reg * np.sum(W * W)), seed 002",
                            values: [Parameter(name: "reg", value: Self.cs231nReg(strength: lambda))],
                            formula: "loss = mean Lᵢ + reg·ΣW²: reg = λ"))
        }
        if loss == .softmax {
            rows.append(Row(tool: "PyTorch optim.SGD(weight_decay=…) with CrossEntropyLoss() (mean)",
                            values: [Parameter(name: "lr", value: lr),
                                     Parameter(name: "weight_decay", value: Self.pyTorchWeightDecay(strength: lambda))],
                            formula: "weight_decay·W is the gradient of (weight_decay/2)·‖W‖² = λ‖W‖²: weight_decay = 2λ"))
        }
        if loss == .svm && settings.variant == .westonWatkins && !settings.includeCorrectClass {
            let (torchRate, decay) = Self.multiMarginLoss(learningRate: lr, strength: lambda, classes: classes)
            rows.append(Row(tool: "PyTorch MultiMarginLoss(p=\(settings.squared ? 2 : 1), margin=\(JSONWriter.number(settings.margin))) (divides Lᵢ by K)",
                            values: [Parameter(name: "lr", value: torchRate), Parameter(name: "weight_decay", value: decay)],
                            formula: "its gradient is (1/K)·∇(mean Lᵢ) + weight_decay·W: lr = K·lr, weight_decay = 2λ/K"))
        }
        if (loss == .svm && settings.variant == .oneVsRest && settings.margin == 1 && !settings.includeCorrectClass) || loss == .sigmoid {
            let name = loss == .sigmoid ? "log_loss" : (settings.squared ? "squared_hinge" : "hinge")
            rows.append(Row(tool: "scikit-learn SGDClassifier(loss=\"\(name)\", penalty=\"l2\") (one-vs-rest)",
                            values: [Parameter(name: "alpha", value: Self.sgdClassifierAlpha(strength: lambda))],
                            formula: "each binary problem is (1/N)Σ Lᵢⱼ + alpha·½‖w_j‖²: alpha = 2λ"))
        }
        if loss == .softmax || (loss == .svm && settings.variant == .crammerSinger && settings.margin == 1 && isPlainHinge) {
            let tool = loss == .softmax ? "scikit-learn LogisticRegression() (multinomial)"
                : "scikit-learn LinearSVC(multi_class=\"crammer_singer\")"
            rows.append(Row(tool: tool, values: [Parameter(name: "C", value: Self.scikitLearnC(strength: lambda, examples: examples))],
                            formula: "C·Σ Lᵢ + ½‖W‖² is this objective times 1/(2λ): C = 1/(2λN)"))
        }
        if loss == .mse {
            let (lambdaC, rateC) = Self.seed000(strength: lambda, learningRate: lr, classes: classes, examples: examples)
            rows.append(Row(tool: "seed 000 (J = 1/(2m)·Σ‖h − y‖² + λ_c/(2m)·ΣΘ²)",
                            values: [Parameter(name: "λ_c", value: lambdaC), Parameter(name: "lr_c", value: rateC)],
                            formula: "J = (K/2)·(this objective) with m = N: λ_c = λ·K·N, lr_c = 2·lr/K"))
        }
        self.rows = rows
        binarySVM = loss == .svm && settings.variant == .westonWatkins && classes == 2 && isPlainHinge
            ? BinarySVM(margin: settings.margin, strength: lambda / 2) : nil
        var caveats = [
            "the bias: this tool regularizes b only with include_bias; cs231n's bias trick and PyTorch's weight_decay regularize it unless you leave it out, LinearSVC regularizes its intercept",
            "scikit-learn's LogisticRegression and LinearSVC fit to convergence rather than by SGD: compare the end points, not the paths",
            "scikit-learn's SGDClassifier trains K one-vs-rest problems, each with its own learning-rate schedule (default \"optimal\")",
        ]
        if rows.isEmpty { caveats.insert("none of these tools trains run '\(run.name)''s \(loss.rawValue) loss as it is configured", at: 0) }
        if n == 0 || k == 0 { caveats.insert("the training split is empty: N = 0", at: 0) }
        self.caveats = caveats
    }

    // MARK: The conversions, one function per row (each tested against its derivation)

    /// cs231n writes the same objective: reg = λ.
    public static func cs231nReg(strength: Double) -> Double { strength }

    /// PyTorch's weight decay adds wd·W to the gradient, the gradient of (wd/2)‖W‖²: wd = 2λ.
    public static func pyTorchWeightDecay(strength: Double) -> Double { 2 * strength }

    /// MultiMarginLoss is Lᵢ/K: its SGD step lr'·((1/K)∇L + wd·W) equals lr·(∇L + 2λW) for
    /// lr' = K·lr and wd = 2λ/K.
    public static func multiMarginLoss(learningRate: Double, strength: Double, classes: Int) -> (learningRate: Double, weightDecay: Double) {
        (Double(classes) * learningRate, 2 * strength / Double(classes))
    }

    /// SGDClassifier penalizes alpha·½‖w‖²: alpha·w = 2λw gives alpha = 2λ.
    public static func sgdClassifierAlpha(strength: Double) -> Double { 2 * strength }

    /// C·ΣLᵢ + ½‖W‖² = (1/(2λ))·((1/N)ΣLᵢ + λ‖W‖²) for C = 1/(2λN); infinite for λ = 0.
    public static func scikitLearnC(strength: Double, examples: Int) -> Double {
        1 / (2 * strength * Double(examples))
    }

    /// J = (1/(2m))Σ‖h − y‖² + (λ_c/(2m))ΣΘ² = (K/2)·((1/N)Σ(1/K)‖s − t‖² + λ‖W‖²) for m = N and
    /// λ_c = λ·K·N; a step lr_c·∇J = lr_c·(K/2)·∇L is lr·∇L for lr_c = 2·lr/K.
    public static func seed000(strength: Double, learningRate: Double, classes: Int, examples: Int) -> (strength: Double, learningRate: Double) {
        (strength * Double(classes) * Double(examples), 2 * learningRate / Double(classes))
    }
}
