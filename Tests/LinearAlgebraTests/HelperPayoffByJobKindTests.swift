import Testing
@testable import LinearAlgebra

@Suite("Helper payoff by job kind — one payoff per call site and piece count; a new kind follows the kind that has taken the most time")
struct HelperPayoffByJobKindTests {
    @Test("each kind of job has its own payoff: steps that helpers make twice as fast keep them, updates that they slow down do not, 3 updates to a step")
    func jobSizes() {
        var payoffs = HelperPayoffByJobKind()
        let (step, update) = (JobKind(pieces: 8, file: #fileID, line: 1), JobKind(pieces: 3, file: #fileID, line: 2))
        var helped = (steps: 0, updates: 0)
        for round in 0..<4_000 {
            let stepHelped = payoffs.invitesHelpers(kind: step)
            payoffs.record(kind: step, jobTime: .microseconds(stepHelped ? 50 : 100))
            for _ in 0..<3 {
                let updateHelped = payoffs.invitesHelpers(kind: update)
                payoffs.record(kind: update, jobTime: .microseconds(updateHelped ? 30 : 20))
                if round >= 3_000 && updateHelped { helped.updates += 1 }
            }
            if round >= 3_000 && stepHelped { helped.steps += 1 }
        }
        // Timed as one kind, a helped round (50 + 3·30 µs) beats an alone one (100 + 3·20) by 12 %: all helped.
        #expect(helped.steps >= 950, "of the last 1,000 steps")
        #expect(helped.updates <= 300, "of the last 3,000 updates")
    }

    @Test("two call sites with as many pieces are two kinds: the payoff of one does not see the other's jobs")
    func callSitesApart() {
        var payoffs = HelperPayoffByJobKind()
        let step = JobKind(pieces: 2, file: #fileID, line: 1), validation = JobKind(pieces: 2, file: #fileID, line: 2)
        #expect(step != validation && step == JobKind(pieces: 2, file: #fileID, line: 1))
        var helpedSteps = 0
        for round in 0..<2_000 {
            let stepHelped = payoffs.invitesHelpers(kind: step)
            payoffs.record(kind: step, jobTime: .microseconds(stepHelped ? 50 : 100))
            if round >= 1_000 && stepHelped { helpedSteps += 1 }
            // One long job per 200 steps (an epoch's validation pass), which helpers make no faster.
            if round % 200 == 199 {
                _ = payoffs.invitesHelpers(kind: validation)
                payoffs.record(kind: validation, jobTime: .milliseconds(10))
            }
        }
        #expect(helpedSteps >= 950, "of the last 1,000 steps")
    }

    @Test("a kind of job without a probe of its own works in the mode preferred by the kind that has taken the most time; after its own probe, in its own")
    func newKindsFollowTheDominantKind() {
        var payoffs = HelperPayoffByJobKind()
        // The validation pass of a split of 3 chunks: too few pieces to be a long job.
        let (step, update, evaluation) = (JobKind(pieces: 8, file: #fileID, line: 1), JobKind(pieces: 3, file: #fileID, line: 2),
                                          JobKind(pieces: 3, file: #fileID, line: 3))
        let first = payoffs.invitesHelpers(kind: evaluation)
        #expect(!first, "no probe yet anywhere: alone")
        payoffs.record(kind: evaluation, jobTime: .milliseconds(20))
        // Steps that helpers make twice as fast (100 ms in all), and short updates that helpers slow
        // down (the latest probes are theirs, but they take less time than the steps).
        for _ in 0..<2_000 {
            let stepHelped = payoffs.invitesHelpers(kind: step)
            payoffs.record(kind: step, jobTime: .microseconds(stepHelped ? 50 : 100))
            let updateHelped = payoffs.invitesHelpers(kind: update)
            payoffs.record(kind: update, jobTime: .microseconds(updateHelped ? 3 : 2))
        }
        let second = payoffs.invitesHelpers(kind: evaluation)
        #expect(second, "the steps have taken the most time, and prefer the helpers")
        // The evaluation's own jobs, a window each: 30 ms helped against 20 alone. Two windows helped,
        // a probe alone that wins, two windows alone, then a probe of the helpers.
        var modes: [Bool] = []
        for index in 0..<6 {
            let helped = index == 0 ? second : payoffs.invitesHelpers(kind: evaluation)
            modes.append(helped)
            payoffs.record(kind: evaluation, jobTime: .milliseconds(helped ? 30 : 20))
        }
        #expect(modes == [true, true, false, false, false, true], "after its own probe, its own choice: \(modes)")
    }

    @Test("when the dominant kind changes its preference, a new kind follows the new one: steps helped, then the machine turns busy and they work alone")
    func newKindsFollowTheDominantKindsLatestChoice() {
        var payoffs = HelperPayoffByJobKind()
        let step = JobKind(pieces: 8, file: #fileID, line: 1)
        func steps(_ count: Int, helpedTime: Duration, aloneTime: Duration) {
            for _ in 0..<count {
                let helped = payoffs.invitesHelpers(kind: step)
                payoffs.record(kind: step, jobTime: helped ? helpedTime : aloneTime)
            }
        }
        steps(2_000, helpedTime: .microseconds(50), aloneTime: .microseconds(100))  // quiet: helpers pay
        let whileHelped = payoffs.invitesHelpers(kind: JobKind(pieces: 3, file: #fileID, line: 2))
        #expect(whileHelped, "a new kind, while the steps prefer helpers")
        steps(8_000, helpedTime: .microseconds(200), aloneTime: .microseconds(100))  // busy: a probe alone wins
        let onceAlone = payoffs.invitesHelpers(kind: JobKind(pieces: 3, file: #fileID, line: 3))
        #expect(!onceAlone, "a new kind, once the steps prefer alone")
    }

    @Test("jobs of 4 or more pieces that each fill a window invite the helpers, never probing alone; 3 pieces, or a short job once held up, stay with the payoff")
    func longJobsAlwaysHelped() {
        var payoffs = HelperPayoffByJobKind()
        let long = JobKind(pieces: 11, file: #fileID, line: 1), few = JobKind(pieces: 3, file: #fileID, line: 2),
            short = JobKind(pieces: 11, file: #fileID, line: 3)
        let first = payoffs.invitesHelpers(kind: long)
        #expect(first, "no probe yet anywhere, but a first job of many pieces counts as long")
        payoffs.record(kind: long, jobTime: HelperPayoff.windowTime)
        // The short kind's first job was held up for a window (its thread descheduled): long, until
        // its next job shows it is not.
        payoffs.record(kind: short, jobTime: HelperPayoff.windowTime * 2)
        #expect(payoffs.hasLongJobs(kind: long) && payoffs.hasLongJobs(kind: short))
        // Helped jobs that look slower than alone ones (a busy machine): a payoff would probe the
        // helpers after one short window alone and keep to working alone.
        var helped: [JobKind: Int] = [:]
        for round in 0..<100 {
            for kind in [long, few, short] {
                let invited = payoffs.invitesHelpers(kind: kind)
                let time: Duration = kind == short ? .milliseconds(invited ? 3 : 2) : .milliseconds(invited ? 30 : 20)
                payoffs.record(kind: kind, jobTime: time)
                if invited { helped[kind, default: 0] += 1 }
            }
            if round == 50 {  // a short job held up in the middle of the run: still a short kind
                payoffs.record(kind: short, jobTime: HelperPayoff.windowTime * 2)
                #expect(!payoffs.hasLongJobs(kind: short))
            }
        }
        #expect(helped[long] == 100 && !payoffs.hasLongJobs(kind: short))
        #expect(helped[few, default: 0] < 50 && helped[short, default: 0] < 50, "only the payoff's probes of the helpers: \(helped.values)")
    }

    @Test("long is judged by the caller's own pace: helped jobs held up past a window by a descheduled helper do not keep a kind long")
    func longByTheCallersPace() {
        var payoffs = HelperPayoffByJobKind()
        let kind = JobKind(pieces: 8, file: #fileID, line: 1)
        payoffs.record(kind: kind, jobTime: .milliseconds(2))
        #expect(!payoffs.hasLongJobs(kind: kind))
        payoffs.record(kind: kind, jobTime: .milliseconds(20))  // a job whose thread was descheduled: its alone time
        #expect(!payoffs.hasLongJobs(kind: kind), "the shortest job decides")
        let other = JobKind(pieces: 8, file: #fileID, line: 2)
        payoffs.record(kind: other, jobTime: .milliseconds(20))  // a first job whose thread was descheduled
        #expect(payoffs.hasLongJobs(kind: other))
        // Helped, 12 ms while a helper sat on its piece, but the caller's pieces took 0.75 ms each: 6 alone.
        payoffs.record(kind: other, jobTime: .milliseconds(12), aloneTime: .milliseconds(6))
        #expect(!payoffs.hasLongJobs(kind: other))
    }

    @Test("a kind of 4 or more pieces counts as long until its first job is timed, so that job invites the helpers; then it is long only if that job filled a window alone")
    func firstJobOfManyPiecesHelped() {
        var payoffs = HelperPayoffByJobKind()
        let kind = JobKind(pieces: 4, file: #fileID, line: 1), few = JobKind(pieces: 3, file: #fileID, line: 2)
        #expect(payoffs.hasLongJobs(kind: kind) && !payoffs.hasLongJobs(kind: few))
        let (first, firstOfFew) = (payoffs.invitesHelpers(kind: kind), payoffs.invitesHelpers(kind: few))
        #expect(first && !firstOfFew, "nothing timed yet: only the kind of many pieces invites the helpers")
        payoffs.record(kind: kind, jobTime: .milliseconds(1), aloneTime: .milliseconds(2))
        #expect(!payoffs.hasLongJobs(kind: kind))
        let second = payoffs.invitesHelpers(kind: kind)
        #expect(!second, "a short kind: its payoff, alone before any probe")
        let long = JobKind(pieces: 4, file: #fileID, line: 3)
        _ = payoffs.invitesHelpers(kind: long)
        payoffs.record(kind: long, jobTime: HelperPayoff.windowTime / 2, aloneTime: HelperPayoff.windowTime)
        let secondOfLong = payoffs.invitesHelpers(kind: long)
        #expect(payoffs.hasLongJobs(kind: long) && secondOfLong, "a first job that filled a window alone: long, helped")
    }
}
