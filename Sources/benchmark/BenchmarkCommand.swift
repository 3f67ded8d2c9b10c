/// One benchmark: one line of help, its options, an example command line, and its run.
protocol BenchmarkCommand: SendableMetatype {
    /// What it times, in one line.
    static var summary: String { get }
    /// Its options, as its usage errors list them.
    static var optionsHelp: String { get }
    /// A command line that runs it (from `benchmark` on).
    static var example: String { get }
    /// Runs it with its options; throws `BenchmarkUsageError` for a wrong one.
    static func run(_ arguments: [String]) throws
}
