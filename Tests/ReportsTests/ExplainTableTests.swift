import Foundation
import Testing
import Datasets
import LinearAlgebra
import LinearModel
import Losses
import Reports
import Training

@Suite("Explain table — a sigmoid model's yes-or-no per class")
struct ExplainTableTests {
    static func model(positiveTermOnly: Bool) -> ModelFile {
        var settings = LossSettings()
        settings.positiveTermOnly = positiveTermOnly
        return ModelFile(classNames: ["cat", "dog"], featureNames: ["x"], loss: LossConfiguration(type: .sigmoid, settings: settings),
                         preprocessing: Preprocessing(kind: .none, mean: [0], scale: [1]),
                         classifier: LinearClassifier(weights: Matrix(rows: 2, columns: 1), bias: Matrix(rows: 2, columns: 1)))
    }

    /// The value cells of the row whose title starts with `title`.
    static func row(_ title: String, in text: String) -> [String]? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(title) }) else { return nil }
        return line.dropFirst(title.count).split(separator: " ").map(String.init).filter { Double($0) != nil }
    }

    /// The explain table of scores [ln 3, ln 3] with label cat (σ = 3/4 for both classes).
    static func tableForEqualScores(positiveTermOnly: Bool) -> String {
        let ln3 = log(3.0)
        return ExplainTable(model: model(positiveTermOnly: positiveTermOnly), scores: Matrix(rows: 1, columns: 2, elements: [ln3, ln3]),
                            labels: [0]).render()
    }

    @Test("σ(s_j) for every class, and the pitfall's loss −ln σ(s_y) named as the y term only: scores [ln 3, ln 3], label cat")
    func pitfall() throws {
        let text = Self.tableForEqualScores(positiveTermOnly: true)
        // σ(ln 3) = 3/4 for both classes: the dog says yes as loudly as the cat, and the loss is only −ln ¾.
        #expect(Self.row("sigmoid σ(s_cat)", in: text) == ["0.75"], "\(text)")
        #expect(Self.row("sigmoid σ(s_dog)", in: text) == ["0.75"], "\(text)")
        #expect(Self.row("sigmoid loss, y term only (the model's)", in: text) == ["0.2877"], "\(text)")
    }

    @Test("the full sigmoid loss adds −ln(1 − σ(s_j)) for the other classes: −ln ¾ − ln ¼ = 1.674")
    func full() throws {
        let text = Self.tableForEqualScores(positiveTermOnly: false)
        #expect(Self.row("sigmoid loss (the model's)", in: text) == ["1.674"], "\(text)")
    }
}
