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

    @Test("step every 3, γ = 0.1 from lr₀ = 0.5: 0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005")
    func stepEveryThree() {
        let rates = (0..<7).map { LearningRateSchedule.step(every: 3, gamma: 0.1).learningRate(initial: 0.5, epoch: $0) }
        for (epoch, (rate, expected)) in zip(rates, [0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005]).enumerated() {
            expectClose(rate, expected, tolerance: 1e-15, "epoch \(epoch):")
        }
    }

    @Test("inverse_time decay 0.5 from lr₀ = 0.3: 0.3, 0.2, 0.15, 0.12")
    func inverseTimeHalf() {
        let rates = (0..<4).map { LearningRateSchedule.inverseTime(decay: 0.5).learningRate(initial: 0.3, epoch: $0) }
        for (epoch, (rate, expected)) in zip(rates, [0.3, 0.2, 0.15, 0.12]).enumerated() {
            expectClose(rate, expected, tolerance: 1e-15, "epoch \(epoch):")
        }
    }

    static let everySchedule: [LearningRateSchedule] = [
        .constant, .step(every: 4, gamma: 0.3), .exponential(gamma: 0.9), .inverseTime(decay: 2),
    ]

    @Test("every schedule starts at lr₀ in epoch 0", arguments: everySchedule)
    func epochZeroIsInitial(schedule: LearningRateSchedule) {
        #expect(schedule.learningRate(initial: 0.07, epoch: 0) == 0.07)
    }

    @Test("each schedule's type is in the table, with its config keys", arguments: everySchedule)
    func namesAndKeys(schedule: LearningRateSchedule) {
        #expect(ScheduleType.allCases.contains(schedule.type))
        #expect(schedule.type.keys.first == "type")
    }

    // (config name, its keys); nil: not a schedule
    static let keys: [(String, [String]?)] = [
        ("constant", ["type"]), ("step", ["type", "every", "gamma"]), ("exponential", ["type", "gamma"]),
        ("inverse_time", ["type", "decay"]), ("cosine", nil),
    ]

    @Test("the keys of each schedule type; no type for an unknown name", arguments: keys)
    func configKeys(name: String, expected: [String]?) {
        #expect(ScheduleType(rawValue: name)?.keys == expected)
    }

    @Test("a step schedule with every = 0 stops the program (the config validation rejects it first)")
    func stepEveryZero() async {
        await #expect(processExitsWith: .failure) {
            _ = LearningRateSchedule.step(every: 0, gamma: 0.5).learningRate(initial: 1, epoch: 3)
        }
    }
}
