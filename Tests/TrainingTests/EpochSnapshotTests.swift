import Testing
@testable import Training

@Suite("Epoch snapshots — what the report's epoch slider steps through")
struct EpochSnapshotTests {
    @Test("geometric epochs moved to evaluated ones", arguments: [
        // epochs, evaluate_every, snapshot epochs
        (60, 1, [0, 1, 2, 4, 6, 11, 19, 34, 60]),
        (3, 1, [0, 1, 2, 3]),
        (100, 10, [0, 10, 20, 30, 60, 100]),
        (1, 1, [0, 1]),
        (0, 1, [0]),
    ])
    func epochs(total: Int, every: Int, expected: [Int]) {
        #expect(EpochSnapshot.epochs(total: total, evaluateEvery: every) == expected)
    }

    @Test("a run keeps [W b] at those epochs, the last one its final weights")
    func kept() throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(#", "optimizer": {"epochs": 5}"#))
        let experiment = try Experiment(configuration: configuration)
        let result = experiment.trainAll()[0]
        #expect(result.snapshots.map(\.epoch) == [0, 1, 2, 3, 4, 5])
        #expect(result.snapshots.first?.classifier == experiment.initialClassifier(for: configuration.runs[0]))
        #expect(result.snapshots.last?.classifier == result.classifier)
    }
}
