import Foundation

/// How the fast kernels split their work over threads: into a fixed number of independent pieces
/// that depends on the shapes of the work alone (rows of a batch, column tiles of a gradient, runs
/// of entries), never on the thread count; whichever thread is free takes the next piece
/// (`WorkerPool`).
///
/// Every output entry of a kernel is computed by exactly one piece, with an arithmetic order that
/// depends only on the entry, never on which thread computes it or when. So the results are
/// bit-identical for any thread count: the tests compare 1, 2, 3, 4 and 8 threads byte for byte.
public enum ParallelPartition {
    /// The threads a kernel uses unless told otherwise: the count set by `withThreadCount` for the
    /// calling task, else `processThreadCount`.
    public static var defaultThreadCount: Int {
        threadCountOfTask ?? processThreadCount
    }

    /// The positive integer in the environment variable `TRAINER_THREADS` when set (as
    /// `OMP_NUM_THREADS` is for BLAS, e.g. to time one thread), else the cores this process may use
    /// (`AvailableCores`: its CPU affinity and cgroup CPU quota). Read once, at the first kernel call.
    public static let processThreadCount = threadCount(environment: ProcessInfo.processInfo.environment)

    @TaskLocal static var threadCountOfTask: Int?

    /// Whether every job of the calling task invites the helpers, whatever `HelperPayoff` has
    /// measured (`withHelpersAlwaysInvited`).
    @TaskLocal static var helpersAlwaysInvitedForTask = false

    /// Runs `body` with every job of the calling task handed to the helpers too, without asking
    /// the payoff (which starts a new kind of job alone, and would keep a test's few jobs on one
    /// thread): how the tests make sure that pieces do run on several threads when they compare
    /// thread counts. A job still runs alone when another thread's job holds the pool.
    public static func withHelpersAlwaysInvited<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $helpersAlwaysInvitedForTask.withValue(true, operation: body)
    }

    /// Runs `body` with `defaultThreadCount` = `count` for the calling task (and the tasks it
    /// creates), whatever `TRAINER_THREADS` says: how tests and benchmarks compare thread counts
    /// inside one process. The results do not depend on it, only the speed.
    /// - Precondition: `count` ≥ 1.
    public static func withThreadCount<Result>(_ count: Int, _ body: () throws -> Result) rethrows -> Result {
        precondition(count >= 1, "a kernel runs on at least one thread")
        return try $threadCountOfTask.withValue(count, operation: body)
    }

    /// `TRAINER_THREADS` from `environment` when it is a positive integer, else the available cores.
    static func threadCount(environment: [String: String]) -> Int {
        if let text = environment["TRAINER_THREADS"], let requested = Int(text), requested > 0 { return requested }
        return AvailableCores.count()
    }

    /// Below this many multiply–adds per thread a kernel stays on the calling thread: handing a
    /// piece to a helper costs about a microsecond (a few when the helper sleeps), about what 2¹⁶
    /// multiply–adds take, so small runs (the spiral) stay instant.
    public static let minimumWorkPerThread = 1 << 16

    /// The number of threads worth using for `work` multiply–adds split into `pieces` pieces:
    /// max(1, min(requested, pieces, ⌊work / 2¹⁶⌋)).
    /// - Precondition: `requested` ≥ 1.
    public static func threadCount(requested: Int, pieces: Int, work: Int) -> Int {
        precondition(requested >= 1, "a kernel runs on at least one thread")
        return max(1, min(requested, pieces, work / minimumWorkPerThread))
    }

    /// Below this many entries per piece an elementwise update (axpy, an SGD step) stays on the
    /// calling thread (an estimate: a pass over 2¹³ doubles and a hand-off to a helper both take on
    /// the order of a microsecond). Measured: on `cifar-like` (W: 30,720 entries) the step's updates
    /// on 2 threads took the epoch from 0.060 to 0.055 s; on one, the other core waited through them
    /// at every step.
    public static let minimumElementsPerThread = 1 << 13

    /// Calls `body` with contiguous runs of 0..<count that together cover it, each run once, on up
    /// to `threads` threads: ⌊count·entriesPerElement / minimumElementsPerThread⌋ runs (at least
    /// one, at most `count`), so that each gets at least `minimumElementsPerThread` entries (an
    /// element may stand for `entriesPerElement` entries, e.g. a row). For elementwise updates of a
    /// large matrix, each entry computed alone, so the bits never depend on the split. `cifar-like`'s
    /// W (K·D = 30,720) is 3 runs, `mid`'s (1,000) one.
    public static func forEachElementRange(
        count: Int, entriesPerElement: Int = 1, threads: Int = defaultThreadCount, file: StaticString = #fileID, line: UInt = #line,
        _ body: @Sendable (Range<Int>) -> Void
    ) {
        let pieces = max(1, min(count, count * entriesPerElement / minimumElementsPerThread))
        forEachPiece(pieces, threads: threads, file: file, line: line) { piece in
            body(count * piece / pieces ..< count * (piece + 1) / pieces)
        }
    }

    /// Calls `body(piece)` for each piece in 0..<pieces, on the calling thread and on up to
    /// `threads − 1` helpers, each piece taken by whichever thread is free; returns when all have
    /// finished. The pieces run concurrently in any order, so they must write disjoint outputs.
    /// `file` and `line`, the caller's, tell this kind of job apart from others with as many pieces
    /// (`JobKind`): the pool times each kind's payoff on its own.
    public static func forEachPiece(
        _ pieces: Int, threads: Int, file: StaticString = #fileID, line: UInt = #line, _ body: @Sendable (Int) -> Void
    ) {
        guard threads > 1, pieces > 1 else {
            for piece in 0..<pieces { body(piece) }
            return
        }
        WorkerPool.shared.run(kind: JobKind(pieces: pieces, file: file, line: line), threads: threads, body)
    }

    /// Makes the pool forget whether its helpers have been paying (`HelperPayoff`), so that the next
    /// jobs start alone and probe, as in a new process: `benchmark train` calls it before each
    /// timed run, which would otherwise inherit what the runs before it measured (a quiet run's
    /// helpers, kept for 16 windows into a run beside a busy process). The results never depend on it.
    public static func startHelperPayoffAfresh() {
        WorkerPool.shared.startPayoffAfresh()
    }
}
