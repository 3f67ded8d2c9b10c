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

    @Test("the caller starts alone and probes the helpers after one short window; a payoff that starts helped probes alone after 2 windows")
    func startsAlone() {
        var payoff = HelperPayoff()
        #expect(payoff.mode == .alone && payoff.preferred == .alone && payoff.isShortWindow)
        #expect(Self.windows(&payoff, helped: 50, alone: 100, until: .helped) == 1)
        var helped = HelperPayoff(preferring: .helped)
        #expect(!helped.isShortWindow)
        #expect(Self.windows(&helped, helped: 50, alone: 100, until: .alone) == 2)
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

    @Test("helpers that slow the jobs down, or gain less than 10 %, are not taken, and probed after 4, 8, … windows (8, 32, … when they lose by far)")
    func helpersThatDoNotPay() {
        for helped: Int64 in [150, 95] {
            var payoff = HelperPayoff()
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1)
            // A wide margin (alone under 3/4 of the helped time) grows the interval ×4, else ×2.
            let wide = helped > 133
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1 + (wide ? 8 : 4),
                    "helped at \(helped) µs per job against 100 alone: the probe, then 4 (8) windows alone")
            #expect(payoff.preferred == .alone)
            #expect(Self.windows(&payoff, helped: helped, alone: 100, until: .helped) == 1 + (wide ? 32 : 8), "then 8 (32)")
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

    @Test("a window ends after 256 jobs, or once they have taken 10 ms; a short one (the first, alone, and a probe of working alone while helpers pay) after 64 jobs, or 2.5 ms")
    func windowLength() {
        var payoff = HelperPayoff()
        func jobs(_ count: Int, taking time: Duration) {
            for _ in 0..<count { payoff.record(jobTime: time) }
        }
        jobs(HelperPayoff.shortWindowJobs - 1, taking: .microseconds(10))
        #expect(payoff.mode == .alone, "63 jobs into the first window, alone")
        jobs(1, taking: .microseconds(10))
        #expect(payoff.mode == .helped, "one short window alone, 64 jobs, then the first probe, of the helpers")
        jobs(HelperPayoff.windowJobs - 1, taking: .microseconds(5))
        #expect(payoff.mode == .helped && payoff.preferred == .alone, "a probe of the helpers is a whole window")
        jobs(1 + HelperPayoff.windowJobs * 2, taking: .microseconds(5))
        #expect(payoff.mode == .alone && payoff.preferred == .helped, "helpers at 5 µs a job against 10 pay; after 2 windows, a probe alone")
        jobs(63, taking: .microseconds(10))
        #expect(payoff.mode == .alone, "the probe's 64 jobs")
        jobs(1, taking: .microseconds(10))
        #expect(payoff.mode == .helped && payoff.preferred == .helped, "then the short probe has ended: alone is still slower")
        var timed = HelperPayoff()
        timed.record(jobTime: .milliseconds(2))
        #expect(timed.mode == .alone, "2 ms into the first window alone")
        timed.record(jobTime: .milliseconds(4))
        #expect(timed.mode == .helped, "after 6 ms the short first window has ended (a whole one would not have): the first probe")
        for _ in 0..<9 { timed.record(jobTime: .milliseconds(1)) }
        #expect(timed.mode == .helped && timed.preferred == .alone, "9 ms into the probe of the helpers")
        timed.record(jobTime: .milliseconds(1))
        #expect(timed.preferred == .helped, "after 10 ms the probe has ended: helpers at 1 ms a job against 3 alone pay")
    }

    @Test("only those two windows alone are short: after a probe that turns the caller alone, its windows alone are whole ones")
    func laterWindowsAloneAreWhole() {
        func jobs(_ count: Int, taking time: Duration, on payoff: inout HelperPayoff) {
            for _ in 0..<count { payoff.record(jobTime: time) }
        }
        var turnedBusy = HelperPayoff(preferring: .helped)
        jobs(HelperPayoff.windowJobs * 2, taking: .microseconds(20), on: &turnedBusy)
        #expect(turnedBusy.mode == .alone && turnedBusy.isShortWindow, "after 2 windows helped, a short probe alone")
        jobs(HelperPayoff.shortWindowJobs, taking: .microseconds(10), on: &turnedBusy)
        #expect(turnedBusy.preferred == .alone && !turnedBusy.isShortWindow, "alone at 10 µs a job against 20 helped wins")
        jobs(HelperPayoff.windowJobs * 2 - 1, taking: .microseconds(10), on: &turnedBusy)
        #expect(turnedBusy.mode == .alone, "two whole windows alone, less one job")
        jobs(1, taking: .microseconds(10), on: &turnedBusy)
        #expect(turnedBusy.mode == .helped, "then a probe of the helpers")
        var busyFromTheStart = HelperPayoff()
        jobs(HelperPayoff.shortWindowJobs, taking: .microseconds(10), on: &busyFromTheStart)
        jobs(HelperPayoff.windowJobs, taking: .microseconds(20), on: &busyFromTheStart)
        #expect(busyFromTheStart.preferred == .alone && busyFromTheStart.mode == .alone && !busyFromTheStart.isShortWindow,
                "a first probe of the helpers that loses: whole windows alone after it")
    }
}
