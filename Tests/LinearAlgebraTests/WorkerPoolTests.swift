import Foundation
import Synchronization
import Testing
@testable import LinearAlgebra

@Suite("Worker pool — every piece once, on whichever thread is free")
struct WorkerPoolTests {
    /// How often each piece ran, over `repeats` jobs.
    static func counts(pieces: Int, threads: Int, repeats: Int = 50) -> [Int] {
        let seen = Mutex([Int](repeating: 0, count: pieces))
        for _ in 0..<repeats {
            WorkerPool.shared.run(kind: JobKind(pieces: pieces, file: #fileID, line: #line), threads: threads) { piece in seen.withLock { $0[piece] += 1 } }
        }
        return seen.withLock { $0 }
    }

    @Test("each piece runs exactly once per job", arguments: [1, 2, 7, 64], [1, 2, 3, 8])
    func everyPieceOnce(pieces: Int, threads: Int) {
        #expect(Self.counts(pieces: pieces, threads: threads) == Array(repeating: 50, count: pieces))
    }

    @Test("withHelpersAlwaysInvited: a job's pieces run on more than the calling thread (a new kind of job alone would not)")
    func helpersAlwaysInvited() {
        let threads = Mutex<Set<pthread_t>>([])
        // Another suite's job may hold the pool (the job then runs alone): some of 20 jobs get it.
        for _ in 0..<20 where threads.withLock({ $0.count }) < 2 {
            ParallelPartition.withHelpersAlwaysInvited {
                ParallelPartition.forEachPiece(16, threads: 2) { _ in
                    threads.withLock { _ = $0.insert(pthread_self()) }
                    let start = ContinuousClock.now
                    while ContinuousClock.now - start < .microseconds(200) {}
                }
            }
        }
        #expect(threads.withLock { $0.count } == 2)
    }

    @Test("a job started inside a piece runs its own pieces (alone) and both finish")
    func nestedJobs() {
        let inner = Mutex(0)
        WorkerPool.shared.run(kind: JobKind(pieces: 4, file: #fileID, line: #line), threads: 2) { _ in
            WorkerPool.shared.run(kind: JobKind(pieces: 3, file: #fileID, line: #line), threads: 2) { _ in inner.withLock { $0 += 1 } }
        }
        #expect(inner.withLock { $0 } == 12)
    }

    /// A count that tasks share.
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    @Test("callers on several threads at once each get all their pieces done")
    func concurrentCallers() async {
        let total = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<20 { WorkerPool.shared.run(kind: JobKind(pieces: 9, file: #fileID, line: #line), threads: 3) { _ in total.value.withLock { $0 += 1 } } }
                }
            }
        }
        #expect(total.value.withLock { $0 } == 4 * 20 * 9)
    }
}
