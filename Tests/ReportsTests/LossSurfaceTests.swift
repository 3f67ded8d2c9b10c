import Testing
import LinearAlgebra
import LinearModel
import Training
@testable import Reports

@Suite("Loss surface — the plane through W_T and the line from W₀ (SPEC §3.2)")
struct LossSurfaceTests {
    @Test("filter normalisation: each row of a direction gets the length of the same row of W; a zero row stays 0")
    func filterNormalised() {
        let direction = Matrix([[3, 4], [1, 0], [2, 2]])
        let weights = Matrix([[0, 10], [0, 0], [1, 0]])
        let scaled = LossSurface.filterNormalised(direction, like: weights)
        #expect(scaled == Matrix([[6, 8], [0, 0], [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()]]))
    }

    @Test("the same directions for every run of a config; the centre of the plane and α = 1 are the final loss; α = 0 the initial")
    func plane() throws {
        let report = try trainedReport(data: ExperimentReportTests.blobs2D, extra: ExperimentReportTests.twoRuns)
        let data = report.experiment.data
        let directions = LossSurface.directions(classCount: data.classCount, featureCount: data.featureCount, seed: 3)
        #expect(directions.0 == LossSurface.directions(classCount: data.classCount, featureCount: data.featureCount, seed: 3).0)
        #expect(directions.0 != directions.1)
        for result in report.results {
            let initial = report.experiment.initialClassifier(for: result.run)
            let surface = LossSurface(result: result, initial: initial, data: data, directions: directions)
            let middle = LossSurface.gridSize / 2
            let final = try #require(result.history.last?.loss)
            #expect(abs(surface.plane[middle][middle] - final) < 1e-9 * max(1, final), "\(result.run.name)")
            let atOne = try #require(surface.line.first { abs($0.alpha - 1) < 1e-12 })
            #expect(abs(atOne.loss - final) < 1e-9 * max(1, final))
            let atZero = try #require(surface.line.first { abs($0.alpha) < 1e-12 })
            let start = try #require(result.history.first?.loss)
            #expect(abs(atZero.loss - start) < 1e-9 * max(1, start), "α = 0 is [W b]₀: the initial loss")
            // A corner (a = 1, b = −1) from its own weights, not from the combined scores.
            var moved = result.classifier.weights
            moved.add(LossSurface.filterNormalised(directions.0, like: moved), scaledBy: 1)
            moved.add(LossSurface.filterNormalised(directions.1, like: result.classifier.weights), scaledBy: -1)
            let corner = LinearClassifier(weights: moved, bias: result.classifier.bias)
            let direct = Evaluation.lossAndAccuracy(of: corner, loss: result.run.loss.makeLoss(), on: data.train).dataLoss
                + Evaluation.regularizationLoss(of: corner, result.run.regularizer)
            let observed = surface.plane[0][LossSurface.gridSize - 1]
            #expect(abs(observed - direct) < 1e-9 * max(1, direct), "\(result.run.name): corner \(observed) vs \(direct)")
        }
    }
}
