import Dispatch
import Foundation
import Synchronization

/// Helper threads that stay awake between kernel calls, for `ParallelPartition.forEachPart`: an SGD
/// step calls its parallel kernel every few hundred microseconds, and `concurrentPerform` woke a
/// worker thread for each call (13–19 µs measured here per call of two 7 µs parts: a tenth of a
/// `cifar-like` step's parallel time). A helper spins on its job counter for up to
/// `spinDuration` after each job, then sleeps on a semaphore until the next one.
///
/// One caller at a time holds the helpers (`withHelpers`); any other caller, or a kernel called
/// from inside a part, falls back to `concurrentPerform`. Which thread runs a part never changes
/// what the part computes, so the results stay bit-identical for any thread count.
@available(macOS 15.0, *)
final class SpinningWorkers: @unchecked Sendable {
    static let shared = SpinningWorkers()
    /// How long an idle helper spins before sleeping: longer than the gap between two kernel
    /// calls of a training loop (a `cifar-like` step's serial tail is tens of microseconds).
    static let spinDuration: UInt64 = 1_000_000

    private let lock = NSLock()
    private var helpers: [Helper] = []

    /// Calls `body` with `count` helpers when no other caller holds them, else returns false.
    func withHelpers(count: Int, _ body: ([Helper]) -> Void) -> Bool {
        guard lock.try() else { return false }
        defer { lock.unlock() }
        while helpers.count < count { helpers.append(Helper()) }
        body(helpers)
        return true
    }

    /// One helper thread: runs each part posted to it, then spins, then sleeps.
    final class Helper: @unchecked Sendable {
        /// The number of parts posted and finished so far; a part is waiting while they differ.
        private let posted = Atomic<Int>(0)
        private let finished = Atomic<Int>(0)
        private let sleeping = Atomic<Bool>(false)
        private let wake = DispatchSemaphore(value: 0)
        /// Written by the caller before `posted` grows, read by the helper after it sees that.
        private var body: (@Sendable (Range<Int>) -> Void)?
        private var units = 0 ..< 0

        fileprivate init() {
            Thread.detachNewThread { [self] in work() }
        }

        /// Hands `units` to the helper; the caller must `waitUntilFinished()` before `body` ends
        /// its life and before posting again.
        func post(_ units: Range<Int>, to body: @escaping @Sendable (Range<Int>) -> Void) {
            self.body = body
            self.units = units
            posted.add(1, ordering: .sequentiallyConsistent)
            if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        }

        /// Spins until the last part posted has run.
        func waitUntilFinished() {
            let target = posted.load(ordering: .relaxed)
            while finished.load(ordering: .acquiring) != target {}
        }

        private func work() {
            var seen = 0
            while true {
                if posted.load(ordering: .acquiring) == seen && !spin(whilePostedIs: seen) {
                    sleeping.store(true, ordering: .sequentiallyConsistent)
                    // A post between the spin and this store saw `sleeping` false: take it without
                    // sleeping, unless the poster already reset the flag (and so signals).
                    if posted.load(ordering: .sequentiallyConsistent) == seen
                        || !sleeping.exchange(false, ordering: .sequentiallyConsistent) {
                        wake.wait()
                    }
                    continue
                }
                seen += 1
                body?(units)
                body = nil
                finished.store(seen, ordering: .releasing)
            }
        }

        /// Spins up to `spinDuration`; true when a part was posted meanwhile.
        private func spin(whilePostedIs seen: Int) -> Bool {
            let deadline = DispatchTime.now().uptimeNanoseconds + SpinningWorkers.spinDuration
            while true {
                for _ in 0..<256 where posted.load(ordering: .acquiring) != seen { return true }
                if DispatchTime.now().uptimeNanoseconds > deadline { return false }
            }
        }
    }
}
