import Dispatch
import Foundation
import Synchronization
import CachePrefetch

/// The helper threads of `ParallelPartition.forEachPiece`: a job is a number of independent pieces,
/// and the caller and the helpers each take the next piece that nobody has taken yet, until none is
/// left. Which thread computes a piece never changes what the piece computes, so the results stay
/// bit-identical for any number of threads.
///
/// Made for a machine that other programs share. A descheduled thread delays only the piece it is
/// computing: the caller never waits for a helper that has not started (it takes the pieces itself),
/// and it waits for a piece in progress first by spinning, about as long as its own pieces took,
/// then asleep, so that its core can run the helper it waits for. An idle helper spins for
/// `idleSpin` (the gap between two kernel calls of a training step is microseconds), then sleeps
/// until the next job. Nobody calls `sched_yield`: beside a busy process it hands the core to that
/// process for a whole time slice (milliseconds), and a sleeping thread gets it back sooner. Each
/// turn of a spin loop pauses the core (`spinPause`), so that a spinning thread leaves the
/// execution units to a hyperthread sibling that computes: quiet `mid` on this machine's two
/// vCPUs, 2 threads, 0.0222 → 0.0205 s per epoch (medians of 8 runs taking turns).
///
/// A helper that finds itself on the core the caller posted the job from moves to another core
/// before it takes pieces (`leaveCallersProcessor`). On this course machine's virtual processors
/// the scheduler often wakes a helper on the caller's core after the other core has idled a while
/// (it then looks unavailable), and the pair shared one core for several milliseconds: the helper,
/// running first, took all the pieces of a small step (8 then) and then spun, while the caller
/// waited its turn, so a step took 560 µs instead of 40–55 (traced with the cores of both
/// threads). The payoff then judged the helpers slower than working alone, and a quiet run kept
/// to one thread.
///
/// When helpers have not made a kind of job faster, which happens when the machine is busier than
/// it has cores, the caller computes its pieces alone for a while (`HelperPayoff`, one per kind of
/// job: `HelperPayoffByJobKind`). Long jobs of many pieces always invite the helpers, and so does
/// the first job of a kind of many pieces, before it is known to be short.
///
/// One job runs at a time. A caller that finds the pool busy (another thread's job, or a kernel
/// called from inside a piece) computes its pieces alone.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// How long an idle helper waits for the next job before it sleeps. The gaps inside an SGD step
    /// (the serial update of W between two parallel kernels) are 1–30 µs; between epochs (the shuffle,
    /// the history) they are milliseconds, and a helper that sleeps there costs one wake-up.
    static let idleSpin: Duration = .microseconds(500)
    /// The least a caller spins for a piece in progress before it sleeps (its own pieces' time, when
    /// longer, is the bound).
    static let minimumCompletionSpin: Duration = .microseconds(10)

    /// The posted job in one word: how many helpers it invites, how many pieces it has, and the next
    /// piece that nobody has taken (invited helpers · 2⁴⁸ + pieces · 2²⁴ + next piece). A thread that
    /// takes a piece replaces the word with the next one, so it sees the job's count and invitation
    /// in the same word as the piece.
    struct Ticket {
        let word: Int

        /// The helpers that a job of `pieces` pieces on `threads` threads invites: one for each
        /// thread beyond the caller that can have a piece, at most 2¹⁵ − 1 (what bits 48–62 hold),
        /// and none for 2²³ pieces or more, which leaves the next piece's 24 bits room for the
        /// caller's one add past the count (a job would need pieces of a dataset's 2¹³ entries
        /// each, far more than memory holds, to have that many).
        static func invitedHelpers(threads: Int, pieces: Int) -> Int {
            pieces < 1 << 23 ? min(threads, pieces, 1 << 15) - 1 : 0
        }

        /// The ticket that an atomic word holds.
        init(word: Int) {
            self.word = word
        }

        /// The ticket of a job just posted: helpers 0..<invitedHelpers invited (at most 2¹⁵ − 1),
        /// `pieces` pieces (1 to 2²³ − 1), none taken.
        init(pieces: Int, invitedHelpers: Int) {
            assert(0 < pieces && pieces < 1 << 23 && (0..<(1 << 15)).contains(invitedHelpers),
                   "a ticket's fields stay in their bits")
            word = invitedHelpers << 48 | pieces << 24
        }

        /// The next piece, when the job has one left.
        var pieceLeft: Int? {
            let next = word & 0xFF_FFFF, pieces = word >> 24 & 0xFF_FFFF
            return next < pieces ? next : nil
        }

        /// Helpers 0..<invitedHelpers may take pieces.
        var invitedHelpers: Int { word >> 48 }
    }

    /// The job board: the one job in progress, or the latest, posted again for each job, so nothing
    /// is allocated per job and no reference count moves between the cores.
    ///
    /// A helper that comes late may take a piece of the job posted after the one that woke it, when
    /// that job invites it too, never a piece that is not there: the caller posts the next job only
    /// once every piece of this one has finished, and it writes `body` before the ticket, which the
    /// helper reads after it has taken a piece. A helper's stale word does no harm either: its
    /// exchange succeeds only when the posted job is in that very state, and between jobs the board
    /// shows no piece left.
    final class Job: @unchecked Sendable {
        /// The posted job's `Ticket`. The caller, whose job stays posted until it returns, adds 1 for
        /// each piece it takes and once more when none is left (the next piece is then the count
        /// + 1, until the next post); a helper exchanges the word for the next only while the job
        /// has a piece left and invites it.
        let ticket = Atomic<Int>(0)
        /// The pieces not finished yet, plus `callerSleeps` once the caller sleeps until they have: one
        /// word, so that the thread that finishes the last piece knows from its own subtraction
        /// whether to wake the caller.
        let unfinishedPieces = Atomic<Int>(0)
        /// The bit of `unfinishedPieces` that says the caller sleeps.
        static let callerSleeps = 1 << 62
        /// The processor the caller posted the job from (−1 where the platform does not tell).
        let callerProcessor = Atomic<Int>(-1)
        /// Set before the job is posted, cleared by the caller once every piece has finished: a
        /// helper reads it only after taking a piece, so while the job is live.
        var body: ((Int) -> Void)?
        /// The pool's `callerWake`.
        let callerWake: DispatchSemaphore

        /// An empty board (no piece left) whose callers sleep on `callerWake`.
        init(callerWake: DispatchSemaphore) {
            self.callerWake = callerWake
        }

        /// Posts pieces 0..<pieces of `body` for helpers 0..<invitedHelpers (`Ticket.invitedHelpers`):
        /// the caller's part, once the previous job has finished.
        func post(pieces: Int, invitedHelpers: Int, body: @escaping (Int) -> Void) {
            self.body = body
            callerProcessor.store(ProcessorPlacement.current ?? -1, ordering: .relaxed)
            unfinishedPieces.store(pieces, ordering: .relaxed)
            let posted = Ticket(pieces: pieces, invitedHelpers: invitedHelpers)
            ticket.store(posted.word, ordering: .releasing)
        }

        /// The posted job as it stands.
        var posted: Ticket { Ticket(word: ticket.load(ordering: .acquiring)) }

        /// Takes pieces until none is left, as the caller; returns how many it computed.
        func takePieces() -> Int {
            computePieces { Ticket(word: ticket.wrappingAdd(1, ordering: .acquiring).oldValue).pieceLeft }
        }

        /// Takes pieces, as `helper`, while the posted job has some left and invites it; `seen` is the
        /// ticket it read last (the word it expects). Returns how many it computed.
        func takePieces(helper: Int, seen: Ticket) -> Int {
            var word = seen.word
            return computePieces {
                while helper < Ticket(word: word).invitedHelpers, let piece = Ticket(word: word).pieceLeft {
                    let (exchanged, found) = ticket.compareExchange(expected: word, desired: word + 1,
                                                                    ordering: .acquiring)
                    word = exchanged ? word + 1 : found
                    if exchanged { return piece }
                }
                return nil
            }
        }

        /// Computes each piece that `takePiece` hands this thread, until it hands none; returns how
        /// many.
        private func computePieces(_ takePiece: () -> Int?) -> Int {
            var computed = 0
            var run: ((Int) -> Void)?
            while let piece = takePiece() {
                if run == nil { run = body }
                run?(piece)
                computed += 1
            }
            run = nil  // released before the pieces are reported finished, as the caller expects
            return computed
        }

        /// Reports `count` pieces finished; the thread that finishes the last one wakes a sleeping
        /// caller. After its subtraction, which may let the caller post the next job, it touches
        /// only the pool's semaphore.
        func finish(_ count: Int) {
            guard count > 0 else { return }
            let unfinished = unfinishedPieces.subtract(count, ordering: .acquiringAndReleasing).newValue
            if unfinished == Job.callerSleeps { callerWake.signal() }
        }

        /// Waits until every piece has finished: spins until `spin` after `start`, then sleeps.
        func waitUntilFinished(since start: ContinuousClock.Instant, spin: Duration) {
            let clock = ContinuousClock()
            var checks = 0
            while true {
                let unfinished = unfinishedPieces.load(ordering: .acquiring)
                guard unfinished != 0 else { return }
                spinPause()
                checks += 1
                guard checks & 63 == 0, clock.now - start > spin else { continue }
                // Fails when a piece has finished since the load: then look again.
                if unfinishedPieces.compareExchange(expected: unfinished, desired: unfinished | Job.callerSleeps,
                                                    ordering: .acquiringAndReleasing).exchanged {
                    callerWake.wait()
                    _ = unfinishedPieces.load(ordering: .acquiring)
                    return
                }
            }
        }
    }

    /// The cores this process may use, read once: with more threads than cores, threads share
    /// cores anyway, and a helper does not move off the caller's.
    static let cores = AvailableCores.count()

    private let jobLock = Mutex(HelperPayoffByJobKind())
    /// The job board, one for the pool's life, posted again for each job; between jobs it shows no
    /// piece left and no body.
    private let job: Job
    private let generation = Atomic<Int>(0)
    private let helpers = Mutex<[Helper]>([])
    /// How many helpers exist (written with `helpers` locked). While every invited helper exists
    /// and no helper sleeps, a caller posts a job without touching the helpers' lock or their
    /// cache lines: on this course machine, every job of a training step. (A helper that the
    /// current jobs do not invite, made by an earlier job with more pieces, sleeps and so sends
    /// every post the slow way, as before there was a count.)
    private let helperCount = Atomic<Int>(0)
    /// How many helpers sleep or are about to: a helper adds itself before it reads `generation`
    /// for the last time, a poster reads the count after it adds to `generation` (all sequentially
    /// consistent), so either the poster sees the helper or the helper sees the job.
    private let sleepingHelpers = Atomic<Int>(0)
    /// Where the caller of a job sleeps while pieces are in progress elsewhere: one signal for
    /// each wait (`Job.finish` signals only a caller that has announced its sleep), so the jobs,
    /// one at a time, share it.
    private let callerWake = DispatchSemaphore(value: 0)

    /// A pool with no helper yet (the first job that invites helpers makes them).
    init() {
        job = Job(callerWake: callerWake)
    }

    /// Calls `body(piece)` for every piece in 0..<pieces, on the calling thread and up to
    /// `threads − 1` helpers, each piece once; returns when all have finished. The pieces run in
    /// any order and concurrently, so they must write disjoint outputs.
    func run(kind: JobKind, threads: Int, _ body: (Int) -> Void) {
        let pieces = kind.pieces, invited = Ticket.invitedHelpers(threads: threads, pieces: pieces)
        let forced = ParallelPartition.helpersAlwaysInvitedForTask
        let ran = invited > 0 ? jobLock.withLockIfAvailable { payoffs in
            let clock = ContinuousClock(), start = clock.now
            let callerWork = forced || payoffs.invitesHelpers(kind: kind)
                ? runJob(pieces: pieces, invitedHelpers: invited, body)
                : runAlone(pieces: pieces, body)
            let jobTime = clock.now - start
            if !forced { payoffs.record(kind: kind, jobTime: jobTime, aloneTime: callerWork.aloneTime(ofPieces: pieces)) }
            return true
        } : nil
        if ran == nil {
            for piece in 0..<pieces { body(piece) }
        }
    }

    /// Forgets what the payoff has measured, as at the start of a process (waits for a job in
    /// progress).
    func startPayoffAfresh() {
        jobLock.withLock { $0 = HelperPayoffByJobKind() }
    }

    /// The pieces that the calling thread computed in a job, and the time they took it: its own work,
    /// which a helper held up by the scheduler does not lengthen.
    struct CallerWork {
        var pieces = 0
        var time = Duration.zero

        /// The job's time had the caller computed all `total` pieces at its own pace; nil when it
        /// computed none.
        func aloneTime(ofPieces total: Int) -> Duration? {
            pieces > 0 ? time / pieces * total : nil
        }
    }

    /// The pieces on the calling thread, in order.
    private func runAlone(pieces: Int, _ body: (Int) -> Void) -> CallerWork {
        let clock = ContinuousClock(), start = clock.now
        for piece in 0..<pieces { body(piece) }
        return CallerWork(pieces: pieces, time: clock.now - start)
    }

    /// `run` with the job lock held: publishes the job, wakes the invited helpers that sleep, takes
    /// pieces, then waits for the pieces in progress elsewhere. Returns the caller's share.
    private func runJob(pieces: Int, invitedHelpers: Int, _ body: (Int) -> Void) -> CallerWork {
        withoutActuallyEscaping(body) { body in
            job.post(pieces: pieces, invitedHelpers: invitedHelpers, body: body)
            generation.add(1, ordering: .sequentiallyConsistent)
            if helperCount.load(ordering: .relaxed) < invitedHelpers
                || sleepingHelpers.load(ordering: .sequentiallyConsistent) > 0 {
                makeAndWakeHelpers(invitedHelpers)
            }
            let clock = ContinuousClock(), start = clock.now
            let computed = job.takePieces()
            let end = clock.now, ownTime = end - start
            job.finish(computed)
            job.waitUntilFinished(since: end, spin: WorkerPool.completionSpin(ownTime: ownTime, pieces: computed))
            job.body = nil
            return CallerWork(pieces: computed, time: ownTime)
        }
    }

    /// Makes helpers 0..<`count` that do not exist yet (they take the job just posted) and wakes
    /// those that sleep.
    private func makeAndWakeHelpers(_ count: Int) {
        helpers.withLock { helpers in
            while helpers.count < count { helpers.append(Helper(index: helpers.count, pool: self)) }
            helperCount.store(helpers.count, ordering: .relaxed)
            for helper in helpers.prefix(count) { helper.wakeIfSleeping() }
        }
    }

    /// How long a caller that computed `pieces` pieces in `ownTime` spins for the pieces in progress
    /// elsewhere: twice its time per piece, at least `minimumCompletionSpin` (no division of a
    /// `Duration`, 128 bits, for the common single piece).
    static func completionSpin(ownTime: Duration, pieces: Int) -> Duration {
        let perPiece = pieces == 1 ? ownTime : pieces > 1 ? ownTime / pieces : .zero
        return max(minimumCompletionSpin, perPiece * 2)
    }

    /// One helper thread: takes pieces of each job it is invited to, then spins, then sleeps.
    final class Helper: @unchecked Sendable {
        let index: Int
        /// Strong: the pool and its helpers live as long as the process. An `unowned` reference
        /// retained and released the pool at every turn of the spin loop, on the cache line of
        /// `generation` that the caller writes: 8 % of a quiet `mid` run on 2 threads (perf).
        let pool: WorkerPool
        private let sleeping = Atomic<Bool>(false)
        private let wake = DispatchSemaphore(value: 0)

        init(index: Int, pool: WorkerPool) {
            self.index = index
            self.pool = pool
            Thread.detachNewThread { [self] in work() }
        }

        /// Signals the helper when it sleeps (it then takes the current job's pieces, if any are left).
        func wakeIfSleeping() {
            if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        }

        private func work() {
            var seen = 0
            while true {
                seen = waitForJob(after: seen)
                let job = pool.job, posted = job.posted
                guard index < posted.invitedHelpers else { continue }
                leaveCallersProcessor(of: job, posted: posted)
                job.finish(job.takePieces(helper: index, seen: posted))
            }
        }

        /// Moves this helper to another core when the scheduler has put it on the caller's
        /// (`ProcessorPlacement.helperLeaves`): there it can only take the caller's turns. The
        /// scheduler picks the core; the helper is not pinned.
        private func leaveCallersProcessor(of job: Job, posted: Ticket) {
            let caller = job.callerProcessor.load(ordering: .relaxed)
            guard posted.pieceLeft != nil, caller >= 0,
                  ProcessorPlacement.helperLeaves(helper: ProcessorPlacement.current, caller: caller,
                                                  threads: posted.invitedHelpers + 1, cores: WorkerPool.cores) else { return }
            ProcessorPlacement.moveOff(processor: caller)
        }

        /// Returns the job generation once it differs from `seen`: spins, then sleeps.
        private func waitForJob(after seen: Int) -> Int {
            let clock = ContinuousClock(), start = clock.now
            var checks = 0
            while true {
                let latest = pool.generation.load(ordering: .acquiring)
                if latest != seen { return latest }
                spinPause()
                checks += 1
                guard checks & 63 == 0 else { continue }
                let waited = clock.now - start
                if waited > WorkerPool.idleSpin { break }
            }
            sleeping.store(true, ordering: .sequentiallyConsistent)
            pool.sleepingHelpers.add(1, ordering: .sequentiallyConsistent)
            // A poster that read the count before this increment posted before the load of
            // `generation` below (all sequentially consistent): take its job without sleeping,
            // unless the poster has reset the flag (and so signals).
            if pool.generation.load(ordering: .sequentiallyConsistent) == seen
                || !sleeping.exchange(false, ordering: .sequentiallyConsistent) {
                wake.wait()
            }
            pool.sleepingHelpers.subtract(1, ordering: .relaxed)
            return pool.generation.load(ordering: .acquiring)
        }
    }
}
