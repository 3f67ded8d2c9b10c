import Foundation
import LinearAlgebra

/// `benchmark pool [--pieces P] [--work N,…] [--jobs J] [--threads T,…]`: the worker pool alone,
/// on scalar integer work that two cores run side by side whatever their vector units: J jobs (a
/// multiple of 5, timed as 5 runs of J/5; default 2,000) of P pieces (default 8, as a training
/// step of batch 200), each piece N iterations of a multiply–add hash (default 2,000, 20,000 and
/// 200,000: about 1, 10 and 100 µs). Prints, per piece size and thread count, the median µs per
/// job and its ratio to one thread: the hand-off's cost for small pieces, the speed-up for large
/// ones. Jobs go back to back, as the kernels of a step do; the pool's payoff rule applies, afresh
/// for each size and thread count, so on a machine where helpers do not pay it works alone.
enum PoolBenchmark: BenchmarkCommand {
    static let name = "pool"
    static let summary = "time the worker pool's jobs on 1 and more threads: hand-off, speed-up"
    static let example = "benchmark pool --pieces 2 --work 20000 --threads 1,2"

    struct Settings {
        var pieces = 8
        var jobs = 2_000
        var work = [2_000, 20_000, 200_000]
        var threadCounts = [1, ParallelPartition.processThreadCount]
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .integer("--pieces", "P", "pieces per job", \.pieces),
            .value("--jobs", "J", "jobs per size and thread count, in 5 runs",
                   requirement: "a multiple of 5, at least 5", \.jobs,
                   parse: { Int($0).flatMap { $0 >= 5 && $0 % 5 == 0 ? $0 : nil } }, show: { String($0) }),
            .integers("--work", "N[,N…]", "work per piece, 2,000 ≈ 1 µs", \.work),
            .integers("--threads", "T[,T…]", "thread counts to time", \.threadCounts),
        ])
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parser.parse(arguments)
        let (pieces, jobs, sizes, threadCounts) = (settings.pieces, settings.jobs, settings.work, settings.threadCounts)
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
