import Foundation

/// `swift run -c release benchmark COMMAND [OPTIONS]`: timings that are not unit tests.
///
/// Each command is one entry of `commands`; add a benchmark by adding an entry.
enum Benchmark {
    /// A benchmark: its name, one line of help, and the function that runs it with its options.
    struct Command: Sendable {
        let name: String
        let summary: String
        let run: @Sendable ([String]) throws -> Void
    }

    static let commands: [Command] = [
        Command(name: "load", summary: LoadBenchmark.summary, run: LoadBenchmark.run),
        Command(name: "images", summary: ImageLoadBenchmark.summary, run: ImageLoadBenchmark.run),
        Command(name: "kernels", summary: KernelBenchmark.summary, run: KernelBenchmark.run),
        Command(name: "train", summary: TrainBenchmark.summary, run: TrainBenchmark.run),
        Command(name: "triplet", summary: TripletBenchmark.summary, run: TripletBenchmark.run),
        Command(name: "pool", summary: PoolBenchmark.summary, run: PoolBenchmark.run),
        Command(name: "busy", summary: BusyProcess.summary, run: BusyProcess.run),
    ]

    /// Runs the command named by the first argument; returns the exit status (2 for a usage error).
    static func main(arguments: [String]) -> Int32 {
        guard let name = arguments.first, let command = commands.first(where: { $0.name == name }) else {
            let list = commands.map { "  \($0.name.padding(toLength: 8, withPad: " ", startingAt: 0))\($0.summary)" }
            let problem = arguments.first.map { "unknown benchmark '\($0)'\n" } ?? ""
            FileHandle.standardError.write(Data((problem + "USAGE: swift run -c release benchmark COMMAND [OPTIONS]\n\nCOMMANDS:\n"
                + list.joined(separator: "\n") + "\n").utf8))
            return 2
        }
        do {
            try command.run(Array(arguments.dropFirst()))
            return 0
        } catch {
            FileHandle.standardError.write(Data("benchmark \(name): \(error)\n".utf8))
            return 2
        }
    }

    /// The median of `samples` (the mean of the middle two for an even count).
    static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Seconds taken by `body`, by the monotonic clock.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// A usage error of a benchmark's options, rendered as one sentence.
struct BenchmarkUsageError: Error, CustomStringConvertible {
    let description: String
}
