/// One benchmark: its name, one line of help, its options, an example command line, and its run.
protocol BenchmarkCommand: SendableMetatype {
    /// The command's name: `benchmark NAME`.
    static var name: String { get }
    /// What it times, in one line.
    static var summary: String { get }
    /// Its options, as its usage errors list them.
    static var optionsHelp: String { get }
    /// A command line that runs it (from `benchmark` on).
    static var example: String { get }
    /// Runs it with its options; throws `BenchmarkUsageError` for a wrong one.
    static func run(_ arguments: [String]) throws
}

extension BenchmarkCommand {
    /// What `benchmark NAME --help` prints.
    static var help: String {
        "USAGE: swift run -c release benchmark \(name) [OPTIONS]\n\n\(summary)\n\nOPTIONS: \(optionsHelp)\n\n"
            + "EXAMPLE: swift run -c release \(example)\n\nHow these figures were taken: docs/performance.md\n"
    }
}
