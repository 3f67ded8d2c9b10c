/// One benchmark: its name, one line of help, its options and their defaults, an example command
/// line, and its run.
protocol BenchmarkCommand: SendableMetatype {
    /// What the command's options set.
    associatedtype Settings
    /// The command's name: `benchmark NAME`.
    static var name: String { get }
    /// What it times, in one line.
    static var summary: String { get }
    /// Its options and the settings they start from.
    static var parser: BenchmarkOptionParser<Settings> { get }
    /// A command line that runs it (from `benchmark` on).
    static var example: String { get }
    /// Runs it with its options; throws `BenchmarkUsageError` for a wrong one.
    static func run(_ arguments: [String]) throws
}

extension BenchmarkCommand {
    /// The names of its options (`--rows`, …).
    static var optionNames: [String] { parser.names }

    /// Its options, one line each, with what each sets and its default.
    static var optionsHelp: String { parser.help }

    /// What `benchmark NAME --help` prints.
    static var help: String {
        "USAGE: swift run -c release benchmark \(name) [OPTIONS]\n\n\(summary)\n\nOPTIONS:\n\(optionsHelp)\n\n"
            + "EXAMPLE: swift run -c release \(example)\n\nHow these figures were taken: docs/performance.md\n"
    }
}
