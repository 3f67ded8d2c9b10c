import Testing
import LinearAlgebra
import LinearModel
@testable import Training

/// The evaluation's one-pass reading of a row of scores against the readable functions it stands
/// in for: `LinearClassifier.predictions`, `MarginStatistics.margin` and entry y of `softmax`.
@Suite("Score row summary — prediction, margin and correct-class probability in one pass, the readable functions' bits")
struct ScoreRowSummaryTests {
    /// The readable functions' answers for one row.
    static func readable(_ scores: [Double], label: Int) -> ScoreRowSummary {
        ScoreRowSummary(prediction: LinearClassifier.predictions(fromScores: Matrix([scores]))[0],
                        margin: MarginStatistics.margin(scores: scores[...], label: label),
                        correctProbability: softmax(scores)[label])
    }

    /// Equal bits, NaN included (a NaN equals no number, itself neither).
    static func sameBits(_ a: ScoreRowSummary, _ b: ScoreRowSummary) -> Bool {
        a.prediction == b.prediction && a.margin.bitPattern == b.margin.bitPattern
            && a.correctProbability.bitPattern == b.correctProbability.bitPattern
    }

    @Test("the lecture's images: the cat predicted car with margin −1.9 and p_y 0.1300; the car right by 2.9; the frog −5.6")
    func lectureImages() {
        let cat = ScoreRowSummary(scores: [3.2, 5.1, -1.7].span, label: 0)
        #expect(cat.prediction == 1 && abs(cat.margin - -1.9) < 1e-12)
        // e^{3.2−5.1} / (e^{3.2−5.1} + 1 + e^{−1.7−5.1}) = 0.14957 / 1.15068
        #expect(abs(cat.correctProbability - 0.12998) < 1e-4, "p_y \(cat.correctProbability)")
        let car = ScoreRowSummary(scores: [1.3, 4.9, 2.0].span, label: 1)
        #expect(car.prediction == 1 && abs(car.margin - 2.9) < 1e-12)
        let frog = ScoreRowSummary(scores: [2.2, 2.5, -3.1].span, label: 2)
        #expect(frog.prediction == 1 && abs(frog.margin - -5.6) < 1e-12)
    }

    @Test("K = 1: predicted, margin +∞, p_y 1; ties go to the first class; ±∞ and NaN give the readable functions' bits")
    func edges() {
        let rows: [([Double], Int)] = [
            ([4.0], 0), ([2, 2, 1], 0), ([2, 2, 1], 1), ([1, 2, 2], 2), ([0, 0, 0, 0], 3),
            ([.infinity, 1, 2], 0), ([.infinity, 1, 2], 1), ([-.infinity, -.infinity], 0), ([1, .nan, 3], 0),
            ([.nan, 1, 3], 0), ([1, 3, .nan], 2), ([1000, 1001], 0), ([-745, 0, 745], 0),
        ]
        for (scores, label) in rows {
            let fast = ScoreRowSummary(scores: scores.span, label: label), expected = Self.readable(scores, label: label)
            #expect(Self.sameBits(fast, expected), "\(scores), label \(label): \(fast) vs \(expected)")
        }
        #expect(ScoreRowSummary(scores: [4.0].span, label: 0) == ScoreRowSummary(prediction: 0, margin: .infinity, correctProbability: 1))
    }

    @Test("20,000 seeded rows of 1 to 12 classes, rounded to make ties: the same bits as the readable functions")
    func seededRows() {
        var random = Xoshiro256StarStar(seed: 11)
        for _ in 0..<20_000 {
            let classes = 1 + random.uniformInteger(below: 12)
            let scale = [0.5, 3, 40][random.uniformInteger(below: 3)]
            let scores = (0..<classes).map { _ in (scale * random.gaussian() * 4).rounded() / 4 }
            let label = random.uniformInteger(below: classes)
            let fast = ScoreRowSummary(scores: scores.span, label: label), expected = Self.readable(scores, label: label)
            #expect(Self.sameBits(fast, expected), "\(scores), label \(label): \(fast) vs \(expected)")
            #expect(ScoreRowSummary.prediction(of: scores.span) == expected.prediction)
        }
    }
}
