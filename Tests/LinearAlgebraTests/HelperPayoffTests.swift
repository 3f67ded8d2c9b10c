import Testing
@testable import LinearAlgebra

@Suite("Helper payoff — helpers only while their windows are faster than the caller's alone, probed now and then")
struct HelperPayoffTests {
    /// Ends windows until the next window in `mode` would start, timing helped windows at `helped`
    /// and alone ones at `alone` µs per job; returns how many windows that took.
    static func windows(_ payoff: inout HelperPayoff, helped: Int64, alone: Int64, until mode: HelperPayoff.Mode) -> Int {
        var count = 0
        repeat {
            payoff.endWindow(timePerJob: .microseconds(payoff.mode == .helped ? helped : alone))
            count += 1
        } while payoff.mode != mode && count < 1_000
        return count
    }

    @Test("the caller starts alone and probes the helpers after 2 windows")
    func startsAlone() {
        var payoff = HelperPayoff()
        #expect(payoff.mode == .alone && payoff.preferred == .alone)
        #expect(Self.windows(&payoff, helped: 50, alone: 100, until: .helped) == 2)
    }

    @Test("helpers that save 20 % are kept, with probes alone after 2, 4, 8, 16, 16, … windows; saving half, after 2, 8, 16, …",
          arguments: [(80, [2, 4, 8, 16, 16]), (50, [2, 8, 16, 16])] as [(Int64, [Int])])
    func helpersThatPay(helped: Int64, intervals: [Int]) {
        var payoff = HelperPayoff()
        _ = Self.windows(&payoff, helped: helped, alone: 100, until: .helped)
        payoff.endWindow(timePerJob: .microseconds(helped))
        #expect(payoff.preferred == .helped && payoff.mode == .helped, "the first probe brings the helpers in")
        for expected in intervals {
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .alone) == expected)
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1, "one probe window")
            #expect(payoff.preferred == .helped)
        }
    }

    @Test("helpers that slow the jobs down, or gain less than 10 %, are not taken, and probed after 4, 8, … windows (8, 16, … when they lose by far)")
    func helpersThatDoNotPay() {
        for helped: Int64 in [150, 95] {
            var payoff = HelperPayoff()
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 2)
            // A wide margin (alone under 3/4 of the helped time) grows the interval ×4, else ×2.
            let wide = helped > 133
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1 + (wide ? 8 : 4),
                    "helped at \(helped) µs per job against 100 alone: the probe, then 4 (8) windows alone")
            #expect(payoff.preferred == .alone)
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1 + (wide ? 16 : 8), "then 8 (16, the longest interval)")
        }
    }

    @Test("when the machine quiets down, the next probe brings the helpers back")
    func helpersComeBack() {
        var payoff = HelperPayoff()
        _ = Self.windows(&payoff, helped: 300, alone: 100, until: .helped)
        _ = Self.windows(&payoff, helped: 300, alone: 100, until: .helped)
        #expect(payoff.preferred == .alone && payoff.mode == .helped, "alone, with a probe of the helpers due")
        payoff.endWindow(timePerJob: .microseconds(10))
        #expect(payoff.preferred == .helped, "the probe is compared with the windows just before it")
    }

    @Test("a window ends after 256 jobs, or after 10 ms of them; a probe window after 64 jobs, or 2.5 ms")
    func windowLength() {
        var payoff = HelperPayoff()
        let start = ContinuousClock.now
        for job in 0..<(HelperPayoff.windowJobs * 2 + 1) {
            _ = payoff.helpersInvited(at: start + .nanoseconds(job))
        }
        #expect(payoff.mode == .helped, "two full windows alone, then the first probe")
        for job in 1..<64 {
            _ = payoff.helpersInvited(at: start + .microseconds(job))
        }
        #expect(payoff.mode == .helped, "the probe's 64 jobs")
        _ = payoff.helpersInvited(at: start + .microseconds(100))
        #expect(payoff.mode == .alone && payoff.preferred == .alone, "then the probe ends: helpers that took as long do not pay")
        var timed = HelperPayoff()
        _ = timed.helpersInvited(at: start)
        _ = timed.helpersInvited(at: start + .milliseconds(11))
        _ = timed.helpersInvited(at: start + .milliseconds(22))
        #expect(timed.mode == .helped, "two windows of 10 ms alone, then the first probe")
        _ = timed.helpersInvited(at: start + .microseconds(24_000))
        #expect(timed.mode == .helped, "2 ms into the probe")
        _ = timed.helpersInvited(at: start + .microseconds(24_600))
        #expect(timed.mode == .helped && timed.preferred == .helped, "after 2.6 ms the probe has ended: helpers at 1.3 ms a job against 11 alone pay")
    }
}
