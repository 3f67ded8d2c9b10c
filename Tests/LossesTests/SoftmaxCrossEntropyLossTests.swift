import Foundation
import Testing
import LinearAlgebra
import LinearModel
import Losses
import TestSupport

@Suite("Softmax cross-entropy loss — lecture slides")
struct SoftmaxCrossEntropyLossTests {
    let loss = SoftmaxCrossEntropyLoss()

    // MARK: Slide examples

    /// Columns: scores (correct class 0), softmax loss, its tolerance, SVM loss (Δ = 1).
    static let softmaxVersusSVM: [([Double], Double, Double, Double)] = [
        ([10, 7, 5], 0.0550, 1e-4, 0),        // −log 0.9465 (the slide rounds it to −log 0.95 = 0.05)
        ([10, 9, 9], 0.5514, 1e-4, 0),        // −log 0.5761; the SVM sits exactly at its margin
        ([10, -10, -10], 4.1223e-9, 1e-13, 0),  // log(1 + 2e^{−20}) ≈ 4.12e−9
    ]

    @Test("softmax vs SVM with correct class 0: [10, 7, 5] → 0.0550, [10, 9, 9] → 0.5514, [10, −10, −10] → 4.12e−9; SVM 0",
          arguments: softmaxVersusSVM)
    func softmaxVersusSVMTable(scores: [Double], softmaxLoss: Double, tolerance: Double, svmLoss: Double) {
        expectClose(loss.dataLoss(scores: Matrix([scores]), labels: [0]), softmaxLoss, tolerance: tolerance, "\(scores)")
        #expect(MulticlassSVMLoss().dataLoss(scores: Matrix([scores]), labels: [0]) == svmLoss)
    }

    @Test("[10, −10, −10] → log(1 + 2e^{−20}) to the last digits: no cancellation when the label is the top class")
    func tinyLossPrecision() {
        let value = loss.dataLoss(scores: Matrix([[10, -10, -10]]), labels: [0])
        #expect(relativeError(value, log1p(2 * exp(-20.0))) < 1e-15, "observed \(value)")
    }

    @Test("softmax with all-equal scores is ln K")
    func allEqualScores() {
        expectClose(loss.dataLoss(scores: Matrix([[4, 4, 4, 4, 4]]), labels: [2]), log(5.0), tolerance: 1e-15)
    }

    @Test("softmax([1000, 1001]): the loss is ln(1 + e) for label 0, finite where the naive softmax overflows")
    func hugeButEqualScale() {
        expectClose(loss.dataLoss(scores: Matrix([[1000, 1001]]), labels: [0]), log(1 + exp(1.0)), tolerance: 1e-14)
        expectClose(loss.dataLoss(scores: Matrix([[1, 2]]), labels: [0]), log(1 + exp(1.0)), tolerance: 1e-14)
    }

    @Test("∂L/∂S = p − t: the gradient row of softmax([1, 2]) with label 1 is [0.2689, −0.2689]")
    func gradientIsProbabilitiesMinusTarget() {
        let (_, gradient) = loss.dataLossAndGradient(scores: Matrix([[1, 2]]), labels: [1])
        let p = softmax([1, 2])
        expectClose(gradient, Matrix([[p[0], p[1] - 1]]), tolerance: 1e-15)
        expectClose(gradient[0, 0], 0.2689, tolerance: 1e-4)
    }

    // MARK: Value at W = 0

    @Test("all-zero scores: ln K = expectedInitialLoss", arguments: [1, 2, 3, 10])
    func valueAtZero(classes: Int) {
        let zeros = Matrix(rows: 3, columns: classes), labels = (0..<3).map { $0 % classes }
        #expect(loss.expectedInitialLoss(classCount: classes) == log(Double(classes)))
        expectClose(loss.dataLossAndGradient(scores: zeros, labels: labels).loss, log(Double(classes)), tolerance: 1e-15,
                    "K = \(classes)")
    }

    // MARK: Naive matches fast

    @Test("naive matches fast on seeds 0..<20 and the edge shapes (B = 1, K = 2, B = 0)")
    func naiveMatchesFast() {
        expectNaiveMatchesFast(loss, naive: loss.naiveDataLossAndGradient, "softmax")
    }

    // MARK: Gradient check

    @Test("central differences agree with ∂L/∂S to 1e−6")
    func gradientCheck() {
        expectGradientCheckPasses(loss, "softmax")
    }

    // MARK: Bad input

    @Test("scores of ±1e4 give a finite loss and gradient (−log p_y of an underflowed p_y would be ∞)")
    func hugeScores() {
        expectFiniteForHugeScores(loss, "softmax")
        #expect(loss.dataLoss(scores: Matrix([[1e4, -1e4]]), labels: [1]) == 2e4)
    }
}

@Suite("Softmax cross-entropy loss — eight rows at a time (the training step's path)")
struct SoftmaxRowsTests {
    let loss = SoftmaxCrossEntropyLoss()

    /// ∂L/∂S of `rows`×`classes` random scores by `writeScoresGradient` and by `exampleLoss` row by row.
    func bothGradients(scores: Matrix, labels: [Int]) -> (rows: [Double], byRow: [Double]) {
        let classes = scores.columns, scale = 1 / Double(max(scores.rows, 1))
        var rows = [Double](repeating: .nan, count: scores.elements.count), byRow = rows
        var rowsView = rows.mutableSpan
        loss.writeScoresGradient(scores: scores.elements.span, labels: labels.span, scale: scale, scoresGradient: &rowsView)
        _ = consume rowsView
        var byRowView = byRow.mutableSpan
        for i in 0..<scores.rows {
            let row = scores.elements.span.extracting(i * classes ..< (i + 1) * classes)
            _ = byRowView.withRow(i, length: classes) { loss.exampleLoss(scores: row, label: labels[i], scale: scale, scoresGradient: &$0) }
        }
        _ = consume byRowView
        return (rows, byRow)
    }

    @Test("matches exampleLoss row by row within 4 ulp of the scale, for short groups and any K (seeds 0..<4)",
          arguments: [1, 7, 8, 9, 17, 32], [1, 2, 3, 10, 17])
    func matchesRowByRow(rowCount: Int, classes: Int) {
        for seed in 0..<4 as Range<UInt64> {
            let (scores, labels) = randomBatch(seed: seed * 1000 + UInt64(rowCount * 100 + classes), batch: rowCount,
                                               classes: classes, scale: 5)
            let (rows, byRow) = bothGradients(scores: scores, labels: labels)
            // Entries are scale·(p − [k = y]) ∈ [−scale, scale]: the exponentials differ by 2 ulp at most.
            let tolerance = 4 * (1.0).ulp / Double(rowCount)
            for index in rows.indices {
                #expect(abs(rows[index] - byRow[index]) <= tolerance,
                        "seed \(seed), entry \(index): \(rows[index]) vs \(byRow[index])")
            }
        }
    }

    @Test("a NaN score makes its own row NaN and leaves the other rows of its group alone")
    func nanStaysInItsRow() {
        var (scores, labels) = randomBatch(seed: 3, batch: 8, classes: 10)
        scores[2, 4] = .nan
        let (rows, byRow) = bothGradients(scores: scores, labels: labels)
        for i in 0..<8 {
            let row = Array(rows[i * 10 ..< (i + 1) * 10]), expected = Array(byRow[i * 10 ..< (i + 1) * 10])
            let hasNaN = row.contains(where: \.isNaN)
            let matches = zip(row, expected).allSatisfy { abs($0 - $1) <= 1e-15 }
            #expect(i == 2 ? hasNaN : matches, "row \(i): \(row)")
        }
    }

    @Test("scores of ±1e4 give a finite gradient that sums to 0 in each row")
    func hugeScoresStayFinite() {
        let scores = Matrix([[1e4, -1e4, 0], [-1e4, -1e4, -1e4], [0, 1e4, 1e4]])
        let (rows, _) = bothGradients(scores: scores, labels: [1, 0, 2])
        let finite = rows.allSatisfy(\.isFinite)
        #expect(finite)
        for i in 0..<3 {
            let sum = rows[i * 3 ..< (i + 1) * 3].reduce(0, +)
            #expect(abs(sum) <= 1e-15, "row \(i)")
        }
    }
}
