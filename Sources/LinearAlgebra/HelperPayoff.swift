/// Whether `WorkerPool`'s helpers have been making one kind of job faster, measured, not assumed.
///
/// On a machine busier than it has cores, a helper may be descheduled while it holds a piece, or
/// wake on the caller's own core, and a step then waits for the scheduler: a parallel run can be
/// slower than one thread. So the pool times windows of jobs, each job from its start to the end of
/// its last piece, in two modes: `helped` (the invited helpers take pieces) and `alone` (the caller
/// computes every piece). It starts alone (or as `HelperPayoffByJobKind` starts a new kind of job),
/// works in the mode that has been faster, and now and then runs one window in the other mode as a
/// probe: after 2 windows (a start alone after one short window), then 4, 8, … up to 16 while the
/// helpers pay (64 while alone) as long as the choice holds, and back to 2 when a probe changes it.
/// Two kinds of window alone are short, a quarter of a window: a probe of working alone, and the
/// first window of a start alone, after which it probes the helpers. A probe is compared with the
/// (up to) two windows just before it. Helpers must be faster by `worthwhileShare` to be chosen, so
/// that one thread's speed is what a busy machine gets, not less.
///
/// The pool keeps one payoff per kind of job (`HelperPayoffByJobKind`), so that a window compares
/// like with like: the training steps, an evaluation's larger jobs and the elementwise updates of
/// W each have their own. Timed together, from one window's start to the next (the serial work
/// between jobs included), a window of steps was compared with one that held the per-epoch
/// evaluation, and a probe came out 20 times faster or 7 times slower than it was (mid, 2 threads,
/// evaluated every epoch: 64–82 % of the steps helped, against 93 % without the evaluation).
///
/// Only the speed depends on it: the pieces, and so the bits, are the same in both modes.
struct HelperPayoff {
    enum Mode: Equatable {
        case helped, alone
    }

    /// A window ends after this many jobs, or once its jobs have taken this much time (about 20
    /// training steps of `cifar-like`, 200 of the small-step shape).
    static let windowJobs = 256
    static let windowTime: Duration = .milliseconds(10)
    /// A short window alone is this many times shorter (64 jobs or 2.5 ms): a probe of working
    /// alone while the helpers pay, and the first window of a payoff that starts alone. Alone is
    /// what costs on a quiet machine (up to twice the helped time). Quiet cifar-like on 2 threads,
    /// with probes of whole windows: 4 % slower than with the helpers forced on; a start of two
    /// whole windows alone: mid's first epoch 35 ms longer than the next ones, 30 ms with a short
    /// one. The first window's steps are cold (cifar-like, 2–4 steps at up to twice their later
    /// time), which favours the helpers' first probe; a wrong win costs 2 helped windows and a
    /// short probe alone. A probe of the helpers keeps the whole window: on a busy machine a short
    /// one is too easily lucky.
    static let shortWindowShortening = 4
    /// The jobs and the time of a short window alone.
    static let shortWindowJobs = windowJobs / shortWindowShortening
    static let shortWindowTime = windowTime / shortWindowShortening
    /// Helped windows must take less than this share of the time of alone ones.
    static let worthwhileShare = 0.9
    /// Windows between two probes, while the choice holds. While the helpers pay, at most 16 (160 ms
    /// of training): a machine that turns busy in the middle of a run gets one thread's speed back
    /// within a fifth of a second, and 16 short probes cost what whole ones every 64 did. While
    /// working alone, at most 64: a machine that turns quiet only waits a little longer for the
    /// helpers, and a probe of them beside a busy process is slow.
    static let probeIntervals = 2...64
    /// The longest interval while the helpers pay (`probeIntervals` gives the one while alone).
    static let longestIntervalWhileHelped = 16
    /// How many windows of the preferred mode before a probe the comparison averages.
    static let remembered = 2

    /// The mode of the window in progress.
    private(set) var mode: Mode
    /// The mode that has been faster; `mode` differs from it during a probe. Alone at first (a
    /// short run on a busy machine must not pay for helpers before a probe has timed them), unless
    /// `HelperPayoffByJobKind` starts this kind as the kind that has taken the most time prefers.
    private(set) var preferred: Mode
    /// How many probes have ended; after the first, the preference is this kind of job's own.
    private(set) var probes = 0
    /// The time of all the jobs recorded.
    private(set) var totalTime = Duration.zero
    private var jobsInWindow = 0
    private var timeInWindow = Duration.zero
    /// Time per job of the last windows in the preferred mode, newest last: empty only until the
    /// first window ends (`isShortWindow` relies on it).
    private var preferredTimes: [Duration] = []
    private var probeInterval = probeIntervals.lowerBound
    private var windowsUntilProbe = probeIntervals.lowerBound

    /// A payoff that starts in `mode` and probes the other one after 2 windows, or, starting alone,
    /// after one short window.
    init(preferring mode: Mode = .alone) {
        self.mode = mode
        preferred = mode
        if mode == .alone { windowsUntilProbe = 1 }
    }

    /// Whether the next job invites the helpers: the mode of the window in progress.
    var invitesHelpers: Bool { mode == .helped }

    /// Records a job that took `time`, from its start to the end of its last piece, and ends the
    /// window when it is full.
    mutating func record(jobTime time: Duration) {
        let short = isShortWindow
        jobsInWindow += 1
        timeInWindow += time
        totalTime += time
        if jobsInWindow >= (short ? Self.shortWindowJobs : Self.windowJobs)
            || timeInWindow >= (short ? Self.shortWindowTime : Self.windowTime) {
            endWindow(timePerJob: timeInWindow / jobsInWindow)
            jobsInWindow = 0
            timeInWindow = .zero
        }
    }

    /// Whether the window in progress is a short one: alone, and either a probe (the helpers pay)
    /// or the first window of a payoff that starts alone (no window timed yet).
    var isShortWindow: Bool {
        mode == .alone && (preferred == .helped || preferredTimes.isEmpty)
    }

    /// Records a finished window, decides after a probe, and starts a probe when one is due.
    mutating func endWindow(timePerJob: Duration) {
        if mode != preferred {
            probes += 1
            let faster = fasterMode(probe: timePerJob)
            if faster == preferred {
                let growth = isWideMargin(probe: timePerJob) ? 4 : 2
                let longest = preferred == .helped ? Self.longestIntervalWhileHelped : Self.probeIntervals.upperBound
                probeInterval = min(growth * probeInterval, longest)
            } else {
                preferred = faster
                probeInterval = Self.probeIntervals.lowerBound
                preferredTimes = [timePerJob]
            }
            mode = preferred
            windowsUntilProbe = probeInterval
        } else {
            Self.remember(timePerJob, in: &preferredTimes)
            windowsUntilProbe -= 1
            if windowsUntilProbe <= 0 { mode = preferred == .helped ? .alone : .helped }
        }
    }

    /// The faster mode given a probe window's time per job and the windows before it: `helped` when
    /// its time is less than `worthwhileShare` of the alone time, else `alone`.
    func fasterMode(probe: Duration) -> Mode {
        guard !preferredTimes.isEmpty else { return preferred }
        let before = preferredTimes.reduce(.zero, +) / preferredTimes.count
        let (helped, alone) = preferred == .helped ? (before, probe) : (probe, before)
        return helped < alone * Self.worthwhileShare ? .helped : .alone
    }

    /// Whether one mode took less than 3/4 of the other's time per job (the probe against the
    /// windows before it).
    func isWideMargin(probe: Duration) -> Bool {
        guard !preferredTimes.isEmpty else { return false }
        let before = preferredTimes.reduce(.zero, +) / preferredTimes.count
        return probe < before * 0.75 || before < probe * 0.75
    }

    private static func remember(_ time: Duration, in times: inout [Duration]) {
        times.append(time)
        if times.count > remembered { times.removeFirst() }
    }
}
