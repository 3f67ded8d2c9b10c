import Testing
import Optimizers
import TestSupport

@Suite("Learning-rate schedules — SPEC §3")
struct LearningRateScheduleTests {
    @Test("constant: lr₀ every epoch")
    func constant() {
        #expect((0..<4).map { LearningRateSchedule.constant.learningRate(initial: 0.1, epoch: $0) } == [0.1, 0.1, 0.1, 0.1])
    }

    @Test("step every 2, γ = 0.5: 1, 1, 0.5, 0.5, 0.25")
    func step() {
        let rates = (0..<5).map { LearningRateSchedule.step(every: 2, gamma: 0.5).learningRate(initial: 1, epoch: $0) }
        #expect(rates == [1, 1, 0.5, 0.5, 0.25])
    }

    @Test("exponential γ = 0.5: 1, 0.5, 0.25, 0.125")
    func exponential() {
        let rates = (0..<4).map { LearningRateSchedule.exponential(gamma: 0.5).learningRate(initial: 1, epoch: $0) }
        #expect(rates == [1, 0.5, 0.25, 0.125])
    }

    @Test("inverse_time decay 1: 1, 1/2, 1/3, 1/4")
    func inverseTime() {
        let rates = (0..<4).map { LearningRateSchedule.inverseTime(decay: 1).learningRate(initial: 1, epoch: $0) }
        for (rate, expected) in zip(rates, [1, 0.5, 1.0 / 3, 0.25]) { expectClose(rate, expected) }
    }
}
