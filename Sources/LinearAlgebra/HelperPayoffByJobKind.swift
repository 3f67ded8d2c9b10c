/// A kind of job of `WorkerPool`: where its `ParallelPartition.forEachPiece` was called (the
/// file and line) and its number of pieces. The fused step, the transposition of W, each
/// elementwise update and the evaluation of each split are different kinds, even when two of them
/// have as many pieces (cifar-like's step and a validation split of 4,900 rows both have 2).
struct JobKind: Hashable {
    /// The address of the call's `#fileID` text: one per source file.
    let file: Int
    let line: UInt
    let pieces: Int

    init(pieces: Int, file: StaticString, line: UInt) {
        self.file = file.hasPointerRepresentation ? Int(bitPattern: file.utf8Start) : 0
        self.line = line
        self.pieces = pieces
    }
}

/// The pool's payoffs, one per kind of job (`JobKind`), each timed on its own jobs.
///
/// A kind of long jobs of many pieces invites the helpers with no payoff: at least
/// `longJobPieces` pieces, and each of its jobs so far (none yet, for its first) would have
/// filled a payoff window (`HelperPayoff.windowTime`) computed alone, judged by the calling
/// thread's own pace (`WorkerPool.CallerWork`), which a held-up helper does not slow. For such a
/// job a helper that is descheduled, or shares its core with a busy process, holds up only the
/// piece it has taken, while every other piece goes to whichever thread is free; a probe alone
/// costs a whole job at one thread's speed. An evaluation of a split is such a job: cifar-like's
/// training split, 12 chunks, took 0.11 s alone and 0.06 s helped, and the probes had run one
/// evaluation in three or four of a short run alone. The shortest job decides, not the latest: a
/// short job whose thread the scheduler took away for a while is still a short job, and its kind
/// keeps its payoff. A kind of many pieces counts as long until its first job has been timed: a
/// run's first evaluation, before any step has been timed, is helped from its first piece. (It
/// used to start alone and invite the helpers after a window, 10 ms: the first epoch of `benchmark
/// train` took 5 ms longer on mid and 6–11 ms on cifar-like, 2 quiet threads. A short kind's first
/// job helped costs one hand-off; beside a busy process, at most one piece held up.)
///
/// A kind that has not had a probe of its own yet works in the mode preferred by the kind that
/// has taken the most time (the training step, in a run): the evaluation of a split is one large
/// job an epoch, and starting it alone cost a short run its first evaluations at one thread's
/// speed (cifar-like, 4 epochs: 2 to 4 of the 6 on 2 threads, 90–110 ms each against 50–60
/// helped) although the steps' probes had shown that helpers pay. Such a kind starts afresh
/// whenever that preference changes, so on a machine whose load keeps changing it may follow the
/// dominant kind for good, which is what it would be told anyway.
struct HelperPayoffByJobKind {
    /// The fewest pieces of a long job: while one piece is held up, the other threads have at least
    /// three to take.
    static let longJobPieces = 4

    /// What is known of one kind of job.
    private struct Record {
        /// Made by the kind's first `invitesHelpers(kind:)` (for a kind of `longJobPieces` or more
        /// pieces, the first after a job has shown it short), and made afresh there while it has
        /// had no probe and the inherited mode has changed.
        var payoff: HelperPayoff?
        /// The shortest alone time of the kind's jobs so far (kinds of `longJobPieces` or more
        /// pieces): what the job would have taken with the calling thread computing every piece at
        /// its own pace.
        var shortestAloneTime: Duration?

        /// Whether the kind, of `pieces` pieces, has long jobs (`hasLongJobs(kind:)`); true before its
        /// first job has been timed.
        func hasLongJobs(pieces: Int) -> Bool {
            pieces >= HelperPayoffByJobKind.longJobPieces
                && shortestAloneTime.map { $0 >= HelperPayoff.windowTime } ?? true
        }

        /// `HelperPayoffByJobKind.invitesHelpers(kind:)` for this kind.
        mutating func invitesHelpers(pieces: Int, inheritedMode: HelperPayoff.Mode) -> Bool {
            if hasLongJobs(pieces: pieces) { return true }
            if payoff.map({ $0.probes == 0 && $0.preferred != inheritedMode }) ?? true {
                payoff = HelperPayoff(preferring: inheritedMode)
            }
            return payoff?.invitesHelpers ?? false
        }

        /// Records a job; returns the payoff's total time and preferred mode once it has had a
        /// probe, nil for a kind of long jobs or without a payoff or probe.
        mutating func record(jobTime: Duration, aloneTime: Duration?, pieces: Int)
            -> (totalTime: Duration, preferred: HelperPayoff.Mode)? {
            if let aloneTime { shortestAloneTime = min(shortestAloneTime ?? aloneTime, aloneTime) }
            guard !hasLongJobs(pieces: pieces) else { return nil }
            payoff?.record(jobTime: jobTime)
            guard let probes = payoff?.probes, probes > 0, let totalTime = payoff?.totalTime,
                  let preferred = payoff?.preferred else { return nil }
            return (totalTime, preferred)
        }
    }

    /// Looked up once per call: each job asks and records, so the bookkeeping costs a lookup, not
    /// copies of the payoffs (0.67 µs a job before, traced on 2-piece jobs of 13 µs).
    private var records: [JobKind: Record] = [:]
    /// Of the kinds that have had a probe, the one whose jobs have taken the most time.
    private var dominantKind: JobKind?
    /// The mode a kind without a probe of its own works in: the dominant kind's preference, or
    /// alone before any probe.
    private var inheritedMode = HelperPayoff.Mode.alone

    /// Whether the jobs of `kind` are long jobs of many pieces, which always invite the helpers: at
    /// least `longJobPieces` pieces, and every job so far (none, before the first) a window's time or
    /// more alone. (`invitesHelpers(kind:)` and `record(kind:…)` ask the kind's record; this asks it
    /// by kind, for the tests.)
    func hasLongJobs(kind: JobKind) -> Bool {
        (records[kind] ?? Record()).hasLongJobs(pieces: kind.pieces)
    }

    /// Whether the next job of `kind` invites the helpers.
    mutating func invitesHelpers(kind: JobKind) -> Bool {
        records[kind, default: Record()].invitesHelpers(pieces: kind.pieces, inheritedMode: inheritedMode)
    }

    /// Records a job of `kind` that took `time`, and would have taken `aloneTime` (by default `time`)
    /// on the calling thread alone (asked only for kinds of `longJobPieces` or more pieces).
    mutating func record(kind: JobKind, jobTime time: Duration, aloneTime: @autoclosure () -> Duration? = nil) {
        let alone = kind.pieces >= Self.longJobPieces ? aloneTime() ?? time : nil
        let recorded = records[kind, default: Record()].record(jobTime: time, aloneTime: alone, pieces: kind.pieces)
        guard let payoff = recorded else { return }
        if kind != dominantKind {
            if let dominant = dominantKind, let dominantTime = records[dominant]?.payoff?.totalTime,
               dominantTime >= payoff.totalTime { return }
            dominantKind = kind
        }
        inheritedMode = payoff.preferred
    }
}
