import Testing
import Training
import LinearModel

/// Ctrl-C during training (SPEC §5): the run in progress stops at the end of its step and is
/// marked interrupted at that epoch, the runs not yet started are skipped.
@Suite("Interruption — Ctrl-C stops at the end of the step, keeps what was done")
struct InterruptionTests {
    @Test("request() counts the requests (the second Ctrl-C is the one that stops at once)")
    func counting() {
        let interruption = Interruption()
        #expect(!interruption.isRequested)
        #expect(interruption.request() == 1)
        #expect(interruption.isRequested)
        #expect(interruption.request() == 2)
    }

    /// Two runs on data/linear.csv (240 training rows) with `optimizer` members; the interruption
    /// is requested when the first run reports epoch `stopAfter`.
    static func interrupted(optimizer: String, stopAfter: Int) throws -> (results: [RunResult], started: [String]) {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(#"""
            , "optimizer": {\#(optimizer)}, "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]
            """#))
        let experiment = try Experiment(configuration: configuration)
        let interruption = Interruption()
        var started: [String] = []
        let hooks = TrainingHooks(
            runStarting: { started.append($0.name) },
            progress: { if $0.epoch == stopAfter { interruption.request() } },
            interruption: interruption)
        return (experiment.trainAll(hooks: hooks), started)
    }

    @Test("full batch (one step per epoch): interrupted at epoch 3 of 10 with the weights of a 3-epoch run; the next run skipped")
    func fullBatch() throws {
        let (results, started) = try Self.interrupted(optimizer: #""epochs": 10, "batch_size": 1000"#, stopAfter: 2)
        #expect(started == ["svm"], "softmax never starts")
        try #require(results.count == 1)
        let result = results[0]
        #expect(result.stopReason == .interrupted(epoch: 3))
        #expect(result.epochsRun == 3)
        #expect(result.history.map(\.epoch) == [0, 1, 2, 3], "the state where it stopped is evaluated and recorded")
        let threeEpochs = try Experiment(configuration: TrainingFixtures.configuration(TrainingFixtures.linearConfig(#"""
            , "optimizer": {"epochs": 3, "batch_size": 1000}
            """#))).trainAll()[0]
        #expect(result.classifier.weights == threeEpochs.classifier.weights, "one full-batch step is one epoch")
        #expect(result.history == threeEpochs.history)
    }

    @Test("minibatches: stops after the first step of epoch 3, neither at the end of epoch 2 nor of epoch 3")
    func midEpoch() throws {
        let (results, _) = try Self.interrupted(optimizer: #""epochs": 10, "batch_size": 16"#, stopAfter: 2)
        let result = try #require(results.first)
        #expect(result.stopReason == .interrupted(epoch: 3))
        func weights(epochs: Int) throws -> LinearClassifier {
            try Experiment(configuration: TrainingFixtures.configuration(TrainingFixtures.linearConfig(#"""
                , "optimizer": {"epochs": \#(epochs), "batch_size": 16}
                """#))).trainAll()[0].classifier
        }
        #expect(result.classifier.weights != (try weights(epochs: 2)).weights, "a step of epoch 3 ran")
        #expect(result.classifier.weights != (try weights(epochs: 3)).weights, "but not all 15 steps of it")
        #expect(result.history.last?.epoch == 3 && result.final == result.history.last)
    }

    @Test("a request during the last step of the last epoch leaves nothing undone: completed")
    func lastStep() throws {
        let (results, started) = try Self.interrupted(optimizer: #""epochs": 3, "batch_size": 1000"#, stopAfter: 2)
        // requested after epoch 2, heard after the only step of epoch 3, the last one
        #expect(results.first?.stopReason == .completed)
        #expect(started == ["svm"], "the second run is still skipped")
    }

    @Test("requested before training: no run starts")
    func beforeTraining() throws {
        let experiment = try Experiment(configuration: TrainingFixtures.configuration(TrainingFixtures.linearConfig("")))
        let interruption = Interruption()
        interruption.request()
        #expect(experiment.trainAll(hooks: TrainingHooks(interruption: interruption)).isEmpty)
    }

    @Test("a triplet run stops at the end of its step too")
    func triplet() throws {
        let configuration = try TrainingFixtures.configuration(TrainingFixtures.linearConfig(#"""
            , "loss": {"type": "triplet"}, "optimizer": {"epochs": 10, "batch_size": 1000}
            """#))
        let interruption = Interruption()
        let hooks = TrainingHooks(progress: { if $0.epoch == 1 { interruption.request() } }, interruption: interruption)
        let results = try Experiment(configuration: configuration).trainAll(hooks: hooks)
        #expect(results.first?.stopReason == .interrupted(epoch: 2))
        #expect(results.first?.epochsRun == 2)
    }
}
