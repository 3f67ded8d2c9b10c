import Testing
import Training
import LinearAlgebra
import LinearModel
import TestSupport

@Suite("Gradient check — every loss passes away from kinks; a kink crossing is detected")
struct GradientCheckTests {
    static let losses = [
        #"{"type": "svm"}"#, #"{"type": "svm", "variant": "crammer_singer"}"#, #"{"type": "svm", "variant": "one_vs_rest"}"#,
        #"{"type": "svm", "squared": true, "margin": 2}"#, #"{"type": "softmax"}"#, #"{"type": "mse"}"#,
        #"{"type": "sigmoid"}"#, #"{"type": "gaussian_nll", "sigma": 0.7}"#,
        #"{"type": "svm", "include_correct_class": true}"#, #"{"type": "sigmoid", "positive_term_only": true}"#,
    ]
    static let regularizers = [#"{"type": "none"}"#, #"{"type": "l2", "strength": 0.1}"#,
                               #"{"type": "elastic_net", "strength": 0.1, "l1_ratio": 0.3}"#]

    static func run(loss: String, regularizer: String) throws -> RunConfiguration {
        let text = #"{"data": {"train": "a.csv"}, "loss": \#(loss), "regularizer": \#(regularizer)}"#
        return try #require(try TrainingFixtures.configuration(text).runs.first)
    }

    @Test("analytic and numerical gradients agree to 1e-6 on every coordinate that crosses no kink",
          arguments: losses, regularizers)
    func passes(loss: String, regularizer: String) throws {
        let run = try Self.run(loss: loss, regularizer: regularizer)
        var generator = Xoshiro256StarStar(seed: 11)
        let features = randomMatrix(rows: 12, columns: 5, seed: 1)
        let labels = randomLabels(count: 12, classCount: 4, seed: 2)
        let check = GradientCheck(run: run, strength: run.regularizer.strength, features: features, labels: labels)
        let classifier = LinearClassifier(weights: randomMatrix(rows: 4, columns: 5, seed: 3),
                                          bias: randomMatrix(rows: 4, columns: 1, seed: 4))
        let results = check.check(classifier, count: 24, generator: &generator)
        #expect(results.filter { !$0.crossesKink }.count >= 20, "most random points are away from kinks")
        for result in results where !result.crossesKink && result.relativeError >= 1e-6 {
            Issue.record(Comment(rawValue: "\(loss) \(regularizer) \(result.parameter): analytic \(result.analytic), numerical \(result.numerical), relative error \(result.relativeError)"))
        }
    }

    @Test("a run's check: 50 seeded training rows, λ = 0 then the run's λ (only λ = 0 without a regularizer); every loss passes",
          arguments: [#"{"type": "l2", "strength": 0.1}"#, #"{"type": "none"}"#])
    func runCheck(regularizer: String) throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(
            #", "regularizer": \#(regularizer), "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]"#))
        let experiment = try Experiment(configuration: configuration)
        for run in configuration.runs {
            let check = RunGradientCheck(run: run, data: experiment.data, seed: configuration.seed, count: 15)
            #expect(check.settings.map(\.strength) == (run.regularizer.type == .none ? [0] : [0, 0.1]), "\(run.name)")
            for setting in check.settings {
                #expect(setting.coordinates.count == 15 && setting.smooth.count >= 10, "\(run.name), λ \(setting.strength)")
                #expect(setting.largestError < RunGradientCheck.tolerance, "\(run.name), λ \(setting.strength): \(setting.largestError)")
            }
            let again = RunGradientCheck(run: run, data: experiment.data, seed: configuration.seed, count: 15)
            #expect(again.settings.map { $0.coordinates.map(\.parameter) } == check.settings.map { $0.coordinates.map(\.parameter) },
                    "the same seed draws the same coordinates")
        }
    }

    @Test("a hinge exactly at its kink (s₁ − s₀ + Δ = 0): every ±h step crosses it, and the gradients rightly disagree")
    func kinkCrossing() throws {
        let run = try Self.run(loss: #"{"type": "svm"}"#, regularizer: #"{"type": "none"}"#)
        // one example x = [1] with label 0; s₀ = 1·1 + 0 = 1, s₁ = 0·1 + 0 = 0: margin term 0 − 1 + 1 = 0
        let check = GradientCheck(run: run, strength: 0, features: Matrix(rows: 1, columns: 1, elements: [1]), labels: [0])
        let classifier = LinearClassifier(weights: Matrix(rows: 2, columns: 1, elements: [1, 0]), bias: Matrix(rows: 2, columns: 1))
        var generator = Xoshiro256StarStar(seed: 0)
        let results = check.check(classifier, count: 8, generator: &generator)
        let allCross = results.allSatisfy { $0.crossesKink }
        #expect(allCross, "\(results.map { ($0.parameter, $0.crossesKink) })")
        #expect(results.allSatisfy { abs(abs($0.numerical) - 0.5) < 1e-6 }, "the central difference averages the two sides: ±0.5")
        #expect(results.contains { $0.relativeError > 0.1 })
    }
}
