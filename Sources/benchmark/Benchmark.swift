import Foundation

/// `swift run -c release benchmark COMMAND [OPTIONS]`: timings that are not unit tests.
///
/// Each command is a type that conforms to `BenchmarkCommand`, listed in `commands`.
enum Benchmark {
    /// The benchmarks, in the order `benchmark --help` lists them.
    static let commands: [any BenchmarkCommand.Type] = [
        LoadBenchmark.self, ImageLoadBenchmark.self, KernelBenchmark.self, TrainBenchmark.self,
        TripletBenchmark.self, PoolBenchmark.self, BusyProcess.self,
    ]

    /// The first arguments that ask for help instead of a run.
    static let helpArguments: Set<String> = ["--help", "-h", "help"]

    /// The list of commands, after `problem` when there is one.
    static func usage(problem: String = "") -> String {
        let list = commands.map { "  \($0.name.padding(toLength: 8, withPad: " ", startingAt: 0))\($0.summary)" }
        return problem + "USAGE: swift run -c release benchmark COMMAND [OPTIONS]   (COMMAND --help: its options and an example)"
            + "\n\nCOMMANDS:\n" + list.joined(separator: "\n") + "\n"
    }

    /// What `arguments` ask to be printed instead of a run: the list of commands for `--help`, `-h`
    /// or `help` alone; a command's help for `help NAME`, or `NAME` with `--help` or `-h` among its
    /// options (not `help`, which may be an option's value); nil otherwise.
    static func help(for arguments: [String]) -> String? {
        guard let first = arguments.first else { return nil }
        if helpArguments.contains(first) {
            guard arguments.count > 1 else { return usage() }
            return commands.first { $0.name == arguments[1] }?.help ?? usage()
        }
        guard arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) else { return nil }
        return commands.first { $0.name == first }?.help
    }

    /// Runs the command named by the first argument, or prints the help asked for; returns the exit
    /// status (2 for a usage error).
    static func main(arguments: [String]) -> Int32 {
        if let help = help(for: arguments) {
            print(help, terminator: "")
            return 0
        }
        guard let name = arguments.first, let command = commands.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data(usage(problem: arguments.first.map { "unknown benchmark '\($0)'\n" } ?? "").utf8))
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
