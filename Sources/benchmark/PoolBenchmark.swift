import Foundation
import LinearAlgebra

/// `benchmark pool [--pieces P] [--work N,…] [--jobs J] [--threads T,…]`: the worker pool alone,
/// on scalar integer work that two cores run side by side whatever their vector units: J jobs of P
/// pieces (default 8, as a training step of batch 200), each piece N iterations of a multiply–add
/// hash (default 2,000, 20,000 and 200,000: about 1, 10 and 100 µs). Prints, per piece size and
/// thread count, the median µs per job and its ratio to one thread: the hand-off's cost for small
/// pieces, the speed-up for large ones. Jobs go back to back, as the kernels of a step do; the
/// pool's payoff rule applies, afresh for each size and thread count, so on a machine where
/// helpers do not pay it works alone.
enum PoolBenchmark: BenchmarkCommand {
    static let name = "pool"
    static let summary = "time the worker pool's jobs of scalar pieces on 1 and more threads (hand-off cost, speed-up)"
    static let optionsHelp = "--pieces P, --jobs J, --work N[,N…] or --threads T[,T…] (positive integers)"
    static let example = "benchmark pool --pieces 2 --work 20000 --threads 1,2"

    static func run(_ arguments: [String]) throws {
        var pieces = 8, jobs = 2_000, sizes = [2_000, 20_000, 200_000], threadCounts = [1, ParallelPartition.processThreadCount]
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw BenchmarkUsageError(description: "\(option) needs a value; expected \(optionsHelp)") }
            let numbers = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
            switch option {
            case "--pieces" where numbers.count == 1: pieces = numbers[0]
            case "--jobs" where numbers.count == 1: jobs = numbers[0]
            case "--work" where !numbers.isEmpty: sizes = numbers
            case "--threads" where !numbers.isEmpty: threadCounts = numbers
            default:
                throw BenchmarkUsageError(description: "unknown option or bad value: \(option) \(value); expected \(optionsHelp)")
            }
        }
        print("\(jobs) jobs of \(pieces) pieces; µs per job (median of 5 runs of \(jobs / 5) jobs)")
        print("work/piece  threads  µs/job    × 1 thread")
        for size in sizes {
            var single: Double?
            for threads in Array(Set(threadCounts)).sorted() {
                // All sizes and thread counts are one kind of job (one call site, one piece count):
                // each starts with a fresh payoff, as a new process would, not with the last choice.
                ParallelPartition.startHelperPayoffAfresh()
                let perJob = Benchmark.median((0..<5).map { _ in
                    Benchmark.seconds { runJobs(jobs / 5, pieces: pieces, work: size, threads: threads) } / Double(jobs / 5) * 1e6
                })
                if threads == 1 { single = perJob }
                print(String(format: "%10d  %7d  %8.2f  %@", size, threads, perJob,
                             single.map { String(format: "%.2f×", perJob / $0) } ?? "—"))
            }
        }
    }

    /// `count` jobs back to back, each piece `work` steps of a multiply–add hash written to its own element.
    static func runJobs(_ count: Int, pieces: Int, work: Int, threads: Int) {
        var results = [UInt64](repeating: 0, count: pieces)
        for _ in 0..<count {
            ParallelPartition.forEachPiece(updating: &results, threads: threads) { piece, result in
                var state = UInt64(piece + 1)
                for _ in 0..<work { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
                result = state
            }
        }
        if results.contains(0) { print("") }
    }
}
