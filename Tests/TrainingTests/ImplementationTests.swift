import Testing
import LinearAlgebra
import TestSupport
@testable import Training

/// The readable code trains: `model.implementation: "naive"` against the fast kernels, and
/// `model.bias_trick` true against false, on every loss of the lecture.
@Suite("model.implementation and model.bias_trick — the code students read is the code that runs")
struct ImplementationTests {
    /// (name, loss section, regularizer section): every loss, with regularizers that reach every
    /// naive regularizer function (L2, subgradient L1, proximal L1, elastic net).
    static let runs: [(String, String, String)] = [
        ("svm", #"{"type": "svm"}"#, #"{"type": "l2", "strength": 0.01}"#),
        ("svm-correct-class", #"{"type": "svm", "include_correct_class": true}"#, #"{"type": "l2", "strength": 0.01}"#),
        ("crammer-singer", #"{"type": "svm", "variant": "crammer_singer"}"#, #"{"type": "l1", "strength": 0.01}"#),
        ("one-vs-rest", #"{"type": "svm", "variant": "one_vs_rest", "squared": true}"#, #"{"type": "l1", "strength": 0.01, "proximal": true}"#),
        ("softmax", #"{"type": "softmax"}"#, #"{"type": "elastic_net", "strength": 0.01, "proximal": true}"#),
        ("mse", #"{"type": "mse"}"#, #"{"type": "elastic_net", "strength": 0.01}"#),
        ("sigmoid", #"{"type": "sigmoid"}"#, #"{"type": "l2", "strength": 0.01, "include_bias": true}"#),
        ("sigmoid-positive", #"{"type": "sigmoid", "positive_term_only": true}"#, #"{"type": "none"}"#),
        ("gaussian-nll", #"{"type": "gaussian_nll", "sigma": 0.7}"#, #"{"type": "l2", "strength": 0.01}"#),
        ("triplet-all", #"{"type": "triplet", "mining": "all"}"#, #"{"type": "l2", "strength": 0.001}"#),
        ("triplet-hard", #"{"type": "triplet", "mining": "hard"}"#, #"{"type": "l2", "strength": 0.001}"#),
        ("triplet-semi-hard", #"{"type": "triplet", "mining": "semi_hard"}"#, #"{"type": "l2", "strength": 0.001}"#),
        ("triplet-random", #"{"type": "triplet", "mining": "random"}"#, #"{"type": "l2", "strength": 0.001}"#),
    ]

    /// A 3-epoch run of `loss` on 120 seeded blobs (D = 5, K = 4) with momentum, as configured.
    static func train(loss: String, regularizer: String, model: String) throws -> RunResult {
        let configuration = try TrainingFixtures.configuration("""
            {"seed": 5, "data": {"train": {"generate": {"kind": "blobs", "samples": 120, "classes": 4, "features": 5}}},
             "model": \(model), "loss": \(loss), "regularizer": \(regularizer),
             "optimizer": {"learning_rate": 0.05, "batch_size": 16, "epochs": 3, "momentum": 0.9}}
            """)
        let experiment = try Experiment(configuration: configuration)
        let run = try #require(configuration.runs.first)
        return RunTrainer(run: run, data: experiment.data, seed: configuration.seed)
            .train(from: experiment.initialClassifier(for: run))
    }

    /// W and b of a run, with V for a triplet run (its [W b] is read off V's centroids).
    static func parameters(_ result: RunResult) -> [Double] {
        result.classifier.augmentedWeights.elements + (result.embedding?.elements ?? [])
    }

    /// The naive loops and the fast kernels sum in other orders (fused multiply–adds, eight lanes,
    /// partial sums per slot): after 3 epochs of 8 steps with momentum the weights agree to about
    /// 1e−13 relative; 1e−9 leaves room for chaotic losses and still catches any real difference.
    @Test("naive and fast train the same weights to 1e−9 relative, every loss", arguments: runs)
    func naiveMatchesFast(name: String, loss: String, regularizer: String) throws {
        let fast = try Self.train(loss: loss, regularizer: regularizer, model: #"{"implementation": "fast"}"#)
        let naive = try Self.train(loss: loss, regularizer: regularizer, model: #"{"implementation": "naive"}"#)
        let (f, n) = (Self.parameters(fast), Self.parameters(naive))
        #expect(f.count == n.count)
        for index in f.indices {
            #expect(relativeError(n[index], f[index], floor: 1e-3) <= 1e-9,
                    "\(name), entry \(index): naive \(n[index]), fast \(f[index])")
        }
        for (a, b) in zip(fast.history, naive.history) {
            #expect(relativeError(b.loss, a.loss, floor: 1e-3) <= 1e-9, "\(name), epoch \(a.epoch): loss \(b.loss) vs \(a.loss)")
        }
        #expect(fast.history.map(\.trainAccuracy) == naive.history.map(\.trainAccuracy), "\(name): accuracies")
    }

    /// [W b]·[x; 1] sums Σ_d x_d·w_d and then adds b·1, which is exact, in the order that W·x + b
    /// adds b; d[W b]'s last column is Σᵢ dS_{ik}·1, the same chain as db; SGD and λ·R act entry by
    /// entry (R never reaching b without `include_bias`). So the two layouts give the same bits —
    /// the test asks for nothing less, and fails on any stride or column slip.
    @Test("bias trick true and false give bit-identical weights and history, fast and naive",
          arguments: [("svm", #"{"type": "svm"}"#, #"{"type": "l1", "strength": 0.01, "proximal": true}"#),
                      ("softmax", #"{"type": "softmax"}"#, #"{"type": "l2", "strength": 0.01, "include_bias": true}"#),
                      ("sigmoid", #"{"type": "sigmoid"}"#, #"{"type": "elastic_net", "strength": 0.01}"#)])
    func biasTrickIsTheSameFunction(name: String, loss: String, regularizer: String) throws {
        for implementation in ["fast", "naive"] {
            let trick = try Self.train(loss: loss, regularizer: regularizer,
                                       model: #"{"bias_trick": true, "implementation": "\#(implementation)"}"#)
            let apart = try Self.train(loss: loss, regularizer: regularizer,
                                       model: #"{"bias_trick": false, "implementation": "\#(implementation)"}"#)
            expectBitIdentical(trick.classifier.augmentedWeights.elements, apart.classifier.augmentedWeights.elements,
                               "\(name), \(implementation): [W b]")
            #expect(trick.history == apart.history, "\(name), \(implementation): history")
        }
    }

    /// Quiz 1.3: the j = yᵢ term is max(0, Δ) = Δ for every example, a constant with no gradient.
    @Test("include_correct_class: the same weights to the bit, every loss Δ higher (Δ = 2, squared Δ²)",
          arguments: [(false, 2.0), (true, 4.0)])
    func correctClassAddsDelta(squared: Bool, offset: Double) throws {
        for implementation in ["fast", "naive"] {
            let model = #"{"implementation": "\#(implementation)"}"#
            let plain = try Self.train(loss: #"{"type": "svm", "margin": 2, "squared": \#(squared)}"#,
                                       regularizer: #"{"type": "l2", "strength": 0.01}"#, model: model)
            let included = try Self.train(loss: #"{"type": "svm", "margin": 2, "squared": \#(squared), "include_correct_class": true}"#,
                                          regularizer: #"{"type": "l2", "strength": 0.01}"#, model: model)
            expectBitIdentical(included.classifier.augmentedWeights.elements, plain.classifier.augmentedWeights.elements,
                               "\(implementation), squared \(squared): [W b]")
            for (a, b) in zip(plain.history, included.history) {
                // A sum of 120 examples' Lᵢ + Δ rounds differently from the sum of Lᵢ, plus Δ: 1e−12.
                expectClose(b.dataLoss - a.dataLoss, offset, tolerance: 1e-12, "\(implementation), epoch \(a.epoch):")
                #expect(a.trainAccuracy == b.trainAccuracy)
            }
            expectClose(included.expectedInitialLoss - plain.expectedInitialLoss, offset, "\(implementation): K·Δ − (K − 1)·Δ")
        }
    }
}
