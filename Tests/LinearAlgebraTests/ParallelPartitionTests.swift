import Synchronization
import Testing
@testable import LinearAlgebra
import TestSupport

@Suite("Splitting elementwise work over threads")
struct ParallelPartitionTests {
    /// The ranges `forEachElementRange` hands out for `count` elements on `threads` threads, in order.
    static func ranges(count: Int, entriesPerElement: Int = 1, threads: Int) -> [Range<Int>] {
        let seen = Mutex<[Range<Int>]>([])
        ParallelPartition.forEachElementRange(count: count, entriesPerElement: entriesPerElement, threads: threads) { range in
            seen.withLock { $0.append(range) }
        }
        return seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
    }

    @Test("the ranges cover 0..<count once, in contiguous runs",
          arguments: [0, 1, 8_191, 16_384, 30_720, 100_003], [1, 2, 3, 4])
    func rangesCoverEveryElementOnce(count: Int, threads: Int) {
        let ranges = Self.ranges(count: count, threads: threads)
        #expect(ranges.first?.lowerBound ?? 0 == 0 && ranges.last?.upperBound ?? 0 == count)
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            #expect(earlier.upperBound == later.lowerBound, "\(ranges) leave a gap or overlap")
        }
    }

    @Test("a run gets at least minimumElementsPerThread entries: W of cifar-like (30,720) is 3 runs, mid's (1,000) one")
    func smallWorkStaysOnOneThread() {
        let minimum = ParallelPartition.minimumElementsPerThread
        #expect(Self.ranges(count: 30_720, threads: 2).count == 3)
        #expect(Self.ranges(count: 1_000, threads: 2).count == 1)
        #expect(Self.ranges(count: 2 * minimum - 1, threads: 4).count == 1)
        #expect(Self.ranges(count: 3 * minimum, threads: 4).count == 3)
        // 3,072 features of 8 entries each: Wᵀ's transposition is 3 runs.
        #expect(Self.ranges(count: 3_072, entriesPerElement: 8, threads: 2).count == 3)
    }

    @Test("the runs depend on the count alone, not on the threads", arguments: [1_000, 30_720, 100_003])
    func runsIgnoreTheThreadCount(count: Int) {
        let single = Self.ranges(count: count, threads: 1)
        for threads in [2, 3, 8] {
            #expect(Self.ranges(count: count, threads: threads) == single, "\(threads) threads")
        }
    }

    /// It splits over threads on a machine of 2 or more cores (the default thread count); the
    /// ranges themselves are checked above for any count.
    @Test("axpy on a matrix large enough to split gives, entry by entry, self + α·other", arguments: 0..<3 as Range<UInt64>)
    func axpyMatchesItsDefinition(seed: UInt64) {
        var result = randomMatrix(rows: 10, columns: 3_072, seed: seed)
        let start = result, other = randomMatrix(rows: 10, columns: 3_072, seed: seed + 100)
        result.add(other, scaledBy: -0.3)
        for index in result.elements.indices {
            #expect(result.elements[index] == start.elements[index] + -0.3 * other.elements[index], "entry \(index)")
        }
    }

    @Test("TRAINER_THREADS sets the kernels' default thread count; anything but a positive integer is ignored",
          arguments: [("3", 3), ("1", 1), ("0", nil), ("-2", nil), ("two", nil), ("", nil)] as [(String, Int?)])
    func threadsFromEnvironment(text: String, expected: Int?) {
        let cores = ParallelPartition.threadCount(environment: [:])
        #expect(ParallelPartition.threadCount(environment: ["TRAINER_THREADS": text]) == expected ?? cores, "TRAINER_THREADS='\(text)'")
    }
}
