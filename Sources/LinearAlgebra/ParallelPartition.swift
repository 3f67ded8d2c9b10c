import Dispatch
import Foundation

/// How the fast kernels split their work over threads: a fixed partition of `units` independent
/// pieces (row tiles of a batch, column tiles of a gradient) into contiguous runs, one per thread.
///
/// Every output entry of a kernel is computed by exactly one piece, with an arithmetic order that
/// depends only on the entry, never on which thread or which run computes it. So the results are
/// bit-identical for any thread count and any `minimumWork`: the tests compare 1, 2 and 4 threads
/// byte for byte.
public enum ParallelPartition {
    /// The threads a kernel uses unless told otherwise: the positive integer in the environment
    /// variable `TRAINER_THREADS` when set (as `OMP_NUM_THREADS` is for BLAS, e.g. to time one
    /// thread), else this machine's active cores. Read once, at the first kernel call.
    public static let defaultThreadCount = threadCount(environment: ProcessInfo.processInfo.environment)

    /// `TRAINER_THREADS` from `environment` when it is a positive integer, else the active cores.
    static func threadCount(environment: [String: String]) -> Int {
        if let text = environment["TRAINER_THREADS"], let requested = Int(text), requested > 0 { return requested }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Below this many multiply–adds per thread a kernel stays on the calling thread: a worker
    /// woken by `concurrentPerform` costs a few microseconds (a spinning helper about one), about
    /// what 2¹⁶ multiply–adds take, so small runs (the spiral) stay instant.
    public static let minimumWorkPerThread = 1 << 16

    /// The number of threads worth using for `work` multiply–adds split into `units` pieces.
    static func threadCount(requested: Int, units: Int, work: Int) -> Int {
        precondition(requested >= 1, "a kernel runs on at least one thread")
        return max(1, min(requested, units, work / minimumWorkPerThread))
    }

    /// Below this many entries per thread an elementwise update (axpy, an SGD step) stays on the
    /// calling thread (an estimate: a pass over 2¹³ doubles and a hand-off to a spinning helper
    /// both take on the order of a microsecond). Measured: on `cifar-like` (W: 30,720 entries)
    /// the step's updates on 2 threads took the epoch from 0.060 to 0.055 s; on one, the other
    /// core waited through them at every step.
    public static let minimumElementsPerThread = 1 << 13

    /// Calls `body` with contiguous runs of 0..<count that together cover it, on up to `threads`
    /// threads when each gets at least `minimumElementsPerThread` entries (an element may stand
    /// for `entriesPerElement` entries, e.g. a row): for elementwise updates of a large matrix,
    /// each entry computed alone, so the bits never depend on the split. `cifar-like`'s W
    /// (K·D = 30,720) goes on 2 threads, `mid`'s (1,000) stays on one.
    public static func forEachElementRange(
        count: Int, entriesPerElement: Int = 1, threads: Int = defaultThreadCount, _ body: @Sendable (Range<Int>) -> Void
    ) {
        let parts = count * entriesPerElement / minimumElementsPerThread
        forEachPart(units: count, threads: max(1, min(threads, count, parts)), body)
    }

    /// Calls `body` with the run of units of each part, 0..<units split into `threads` contiguous
    /// runs in order; the parts run concurrently when `threads > 1` and must write disjoint outputs.
    /// Part 0 runs on the calling thread and the others on `SpinningWorkers` when they are free.
    public static func forEachPart(units: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard threads > 1 else {
            body(0..<units)
            return
        }
        func part(_ index: Int) -> Range<Int> { units * index / threads ..< units * (index + 1) / threads }
        if #available(macOS 15.0, *) {
            let done = withoutActuallyEscaping(body) { body in
                SpinningWorkers.shared.withHelpers(count: threads - 1) { helpers in
                    for index in 1..<threads { helpers[index - 1].post(part(index), to: body) }
                    body(part(0))
                    for index in 1..<threads { helpers[index - 1].waitUntilFinished() }
                }
            }
            if done { return }
        }
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            body(units * part / threads ..< units * (part + 1) / threads)
        }
    }
}
