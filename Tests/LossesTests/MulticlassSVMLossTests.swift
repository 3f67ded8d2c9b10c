import Testing
import LinearAlgebra
import Losses
import TestSupport

/// Every SVM configuration: the three variants, plain and squared hinge, and Weston–Watkins with
/// the correct class included (quiz 1.3).
let everySVM: [MulticlassSVMLoss] = SVMVariant.allCases.flatMap { variant in
    [false, true].map { MulticlassSVMLoss(variant: variant, squared: $0) }
} + [false, true].map { MulticlassSVMLoss(squared: $0, includesCorrectClass: true) }

extension MulticlassSVMLoss: CustomTestStringConvertible {
    public var testDescription: String {
        "\(variant.rawValue)\(squared ? ", squared" : "")\(includesCorrectClass ? ", j = y included" : ""), Δ = \(margin)"
    }
}

@Suite("Multiclass SVM loss — lecture slides")
struct MulticlassSVMLossTests {
    // MARK: Slide examples

    /// The lecture's three images; score columns dog, bird, truck.
    static let dogImage = [3.0, 6.2, -2.1], birdImage = [0.9, 5.1, 3.4], truckImage = [1.6, 2.3, -4.5]

    /// Columns: scores, label, margin Δ, expected Lᵢ (Weston–Watkins).
    static let westonWatkinsExamples: [([Double], Int, Double, Double)] = [
        (dogImage, 0, 1, 4.2),     // max(0, 6.2 − 3.0 + 1) + max(0, −2.1 − 3.0 + 1) = 4.2 + 0
        (birdImage, 1, 1, 0),      // both wrong classes beaten by more than Δ
        (truckImage, 2, 1, 14.9),  // 7.1 + 7.8
        ([15, -3, 7], 0, 1, 0),
        ([15, -3, 7], 1, 1, 30),   // 19 + 11
        ([15, -3, 7], 0, 20, 14),  // 2 + 12
    ]

    @Test("dog/bird/truck → 4.2, 0, 14.9; s = [15, −3, 7] → 0 and 30 (Δ = 1), 14 (Δ = 20, y = 0)",
          arguments: westonWatkinsExamples)
    func westonWatkinsSlideExamples(scores: [Double], label: Int, margin: Double, expected: Double) {
        let loss = MulticlassSVMLoss(margin: margin)
        let value = loss.dataLoss(scores: Matrix([scores]), labels: [label])
        expectClose(value, expected, tolerance: 1e-12, "scores \(scores), y = \(label), Δ = \(margin)")
        expectClose(loss.marginTerms(scores: scores, label: label).reduce(0, +), expected, tolerance: 1e-12,
                    "Σ marginTerms")
    }

    @Test("s = [15, −3, 7], Δ = 20, y = 1 → 68 (38 + 30; the slide prints 48, but max(0, 7 − (−3) + 20) = 30)")
    func correctedSixtyEight() {
        let loss = MulticlassSVMLoss(margin: 20)
        #expect(loss.marginTerms(scores: [15, -3, 7], label: 1) == [38, 0, 30])
        #expect(loss.dataLoss(scores: Matrix([[15, -3, 7]]), labels: [1]) == 68)
    }

    @Test("the batch of the three images: (4.2 + 0 + 14.9)/3 = 6.3667")
    func batchMean() {
        let scores = Matrix([Self.dogImage, Self.birdImage, Self.truckImage])
        expectClose(MulticlassSVMLoss().dataLoss(scores: scores, labels: [0, 1, 2]), 19.1 / 3, tolerance: 1e-12)
        expectClose(MulticlassSVMLoss().dataLoss(scores: scores, labels: [0, 1, 2]), 6.3667, tolerance: 1e-4)
    }

    @Test("marginTerms: the per-class columns of the dog/bird/truck table, 0 for the correct class")
    func marginTermsTable() {
        let loss = MulticlassSVMLoss()
        expectClose(Matrix([loss.marginTerms(scores: Self.dogImage, label: 0)]), Matrix([[0, 4.2, 0]]))
        expectClose(Matrix([loss.marginTerms(scores: Self.truckImage, label: 2)]), Matrix([[7.1, 7.8, 0]]))
        #expect(loss.marginTerms(scores: Self.birdImage, label: 1) == [0, 0, 0])
    }

    /// Columns: variant, squared, scores, label, margin Δ, expected Lᵢ, each worked out in the comment.
    static let otherVariantExamples: [(SVMVariant, Bool, [Double], Int, Double, Double)] = [
        (.crammerSinger, false, dogImage, 0, 1, 4.2),      // max(6.2, −2.1) − 3.0 + 1
        (.crammerSinger, false, truckImage, 2, 1, 7.8),    // max(1.6, 2.3) + 4.5 + 1
        (.oneVsRest, false, dogImage, 0, 1, 7.2),          // [1 − 3]₊ + [1 + 6.2]₊ + [1 − 2.1]₊
        (.oneVsRest, false, truckImage, 2, 1, 11.4),       // (1 + 1.6) + (1 + 2.3) + (1 + 4.5)
        (.westonWatkins, true, dogImage, 0, 1, 17.64),     // 4.2²
        (.westonWatkins, true, truckImage, 2, 1, 111.25),  // 7.1² + 7.8² = 50.41 + 60.84
        (.westonWatkins, true, [15, -3, 7], 1, 20, 2344),  // 38² + 30² = 1444 + 900
        (.crammerSinger, true, truckImage, 2, 1, 60.84),   // 7.8²
        (.oneVsRest, true, dogImage, 0, 1, 51.84),         // 7.2²
        (.oneVsRest, true, truckImage, 2, 1, 47.9),        // 2.6² + 3.3² + 5.5² = 6.76 + 10.89 + 30.25
    ]

    @Test("Crammer–Singer, one-vs-rest and the squared hinge on the slide's images (hand-computed)",
          arguments: otherVariantExamples)
    func otherVariants(variant: SVMVariant, squared: Bool, scores: [Double], label: Int, margin: Double,
                       expected: Double) {
        let loss = MulticlassSVMLoss(variant: variant, margin: margin, squared: squared)
        expectClose(loss.dataLoss(scores: Matrix([scores]), labels: [label]), expected, tolerance: 1e-12,
                    "\(loss.testDescription), scores \(scores), y = \(label)")
        expectClose(loss.marginTerms(scores: scores, label: label).reduce(0, +), expected, tolerance: 1e-12,
                    "\(loss.testDescription): Σ marginTerms")
    }

    /// Columns: scores, label, margin Δ, squared, expected Lᵢ with the j = y term max(0, Δ) (Δ²) added.
    static let correctClassIncludedExamples: [([Double], Int, Double, Bool, Double)] = [
        (dogImage, 0, 1, false, 5.2),          // 4.2 + max(0, 3.0 − 3.0 + 1)
        (birdImage, 1, 1, false, 1),           // 0 + 1: no longer 0, though every wrong class is beaten
        ([15, -3, 7], 1, 20, false, 88),       // 38 + 30 + 20
        ([15, -3, 7], 1, 20, true, 2744),      // 38² + 30² + 20² = 1444 + 900 + 400
    ]

    @Test("quiz 1.3, the sum including j = y: dog 4.2 → 5.2, bird 0 → 1, [15, −3, 7] (Δ = 20) 68 → 88; the gradient is unchanged",
          arguments: correctClassIncludedExamples)
    func correctClassIncluded(scores: [Double], label: Int, margin: Double, squared: Bool, expected: Double) {
        let included = MulticlassSVMLoss(margin: margin, squared: squared, includesCorrectClass: true)
        let plain = MulticlassSVMLoss(margin: margin, squared: squared)
        let (value, gradient) = included.dataLossAndGradient(scores: Matrix([scores]), labels: [label])
        expectClose(value, expected, tolerance: 1e-12, "scores \(scores), y = \(label)")
        #expect(gradient == plain.dataLossAndGradient(scores: Matrix([scores]), labels: [label]).scoresGradient)
        #expect(included.naiveDataLossAndGradient(scores: Matrix([scores]), labels: [label]).scoresGradient
                == plain.naiveDataLossAndGradient(scores: Matrix([scores]), labels: [label]).scoresGradient)
        #expect(included.marginTerms(scores: scores, label: label)[label] == (squared ? margin * margin : margin))
    }

    @Test("Crammer–Singer ties: the subgradient goes to the lowest-index rival")
    func crammerSingerTie() {
        let loss = MulticlassSVMLoss(variant: .crammerSinger)
        let (value, gradient) = loss.dataLossAndGradient(scores: Matrix([[0, 2, 2]]), labels: [0])
        #expect(value == 3)
        #expect(gradient == Matrix([[-1, 1, 0]]))
        #expect(loss.marginTerms(scores: [0, 2, 2], label: 0) == [0, 3, 0])
        #expect(loss.naiveDataLossAndGradient(scores: Matrix([[0, 2, 2]]), labels: [0]).scoresGradient == gradient)
    }

    @Test("a hinge exactly at its kink (s_j − s_y + Δ = 0) costs 0 and gets subgradient 0")
    func kinkSubgradient() {
        let (value, gradient) = MulticlassSVMLoss().dataLossAndGradient(scores: Matrix([[10, 9, 9]]), labels: [0])
        #expect(value == 0)
        #expect(gradient == Matrix(rows: 1, columns: 3))
    }

    @Test("the squared hinge punishes a large violation more and is smooth at the margin")
    func squaredVersusPlain() {
        let plain = MulticlassSVMLoss(), squared = MulticlassSVMLoss(squared: true)
        let small = Matrix([[0, 0.5]]), large = Matrix([[0, 3]])   // violations 1.5 and 4
        #expect(squared.dataLoss(scores: small, labels: [0]) == 2.25 && plain.dataLoss(scores: small, labels: [0]) == 1.5)
        #expect(squared.dataLoss(scores: large, labels: [0]) == 16 && plain.dataLoss(scores: large, labels: [0]) == 4)
        // Just inside the margin the squared hinge's slope is ≈ 0, the plain one's is 1.
        let edge = Matrix([[0, -0.999]])
        #expect(abs(squared.dataLossAndGradient(scores: edge, labels: [0]).scoresGradient[0, 1]) < 0.01)
        #expect(plain.dataLossAndGradient(scores: edge, labels: [0]).scoresGradient[0, 1] == 1)
    }

    // MARK: Value at W = 0

    @Test("all-zero scores: (K − 1)·Δ, Δ, K·Δ (squared: Δ²) = expectedInitialLoss", arguments: everySVM, [1, 2, 3, 10])
    func valueAtZero(loss: MulticlassSVMLoss, classes: Int) {
        for margin in [1.0, 0.5, 20] {
            var configured = loss
            configured.margin = margin
            let zeros = Matrix(rows: 4, columns: classes), labels = (0..<4).map { $0 % classes }
            let power = configured.squared ? margin * margin : margin
            let expected: Double = switch configured.variant {
            case .westonWatkins: Double(configured.includesCorrectClass ? classes : classes - 1) * power
            case .crammerSinger: classes > 1 ? power : 0
            case .oneVsRest: Double(classes) * power
            }
            #expect(configured.expectedInitialLoss(classCount: classes) == expected, "\(configured.testDescription), K = \(classes)")
            expectClose(configured.dataLossAndGradient(scores: zeros, labels: labels).loss, expected,
                        "\(configured.testDescription), K = \(classes)")
        }
    }

    @Test("SVM loss with all-zero scores is K − 1 (Δ = 1)")
    func slideZeroScores() {
        #expect(MulticlassSVMLoss().dataLoss(scores: Matrix(rows: 2, columns: 10), labels: [3, 7]) == 9)
    }

    // MARK: Naive matches fast

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)", arguments: everySVM)
    func naiveMatchesFast(loss: MulticlassSVMLoss) {
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, loss.testDescription)
        var wide = loss
        wide.margin = 3
        expectNaiveMatchesFast(wide, naive: wide.naiveDataLossAndGradient, wide.testDescription)
    }

    // MARK: Gradient check

    /// The distance of one batch from the nearest kink: the smallest |h| over every hinge argument,
    /// and for Crammer–Singer also the gap between the two highest wrong scores (where the rival
    /// switches).
    static func distanceToKink(_ loss: MulticlassSVMLoss, scores: Matrix, labels: [Int]) -> Double {
        var distance = Double.infinity
        for i in 0..<scores.rows {
            let row = scores.row(i), y = labels[i]
            let wrong = row.indices.filter { $0 != y }.map { row[$0] }.sorted(by: >)
            switch loss.variant {
            case .westonWatkins:
                for s in wrong { distance = min(distance, abs(s - row[y] + loss.margin)) }
            case .crammerSinger:
                distance = min(distance, abs(wrong[0] - row[y] + loss.margin))
                if wrong.count > 1 { distance = min(distance, wrong[0] - wrong[1]) }
            case .oneVsRest:
                for j in row.indices { distance = min(distance, abs(loss.margin - (j == y ? 1 : -1) * row[j])) }
            }
        }
        return distance
    }

    @Test("central differences agree with ∂L/∂S to 1e−6, away from kinks", arguments: everySVM)
    func gradientCheck(loss: MulticlassSVMLoss) {
        expectGradientCheckPasses(loss, loss.testDescription) { scores, labels in
            Self.distanceToKink(loss, scores: scores, labels: labels) > 1e-3
        }
    }

    // MARK: Bad input

    @Test("scores of ±1e4 give a finite loss and gradient", arguments: everySVM)
    func hugeScores(loss: MulticlassSVMLoss) {
        expectFiniteForHugeScores(loss, loss.testDescription)
    }

    @Test("the variants' config names: weston_watkins, crammer_singer, one_vs_rest")
    func variantNames() {
        #expect(SVMVariant.allCases.map(\.rawValue) == ["weston_watkins", "crammer_singer", "one_vs_rest"])
        #expect(SVMVariant(rawValue: "westonwatkins") == nil)
        #expect(MulticlassSVMLoss() == MulticlassSVMLoss(variant: .westonWatkins, margin: 1, squared: false))
    }
}
