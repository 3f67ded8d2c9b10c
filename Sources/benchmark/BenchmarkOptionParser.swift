import Training

/// The options of one benchmark command and the settings they start from: the parser of its
/// arguments and the list that `benchmark NAME --help` prints, both from the same
/// `BenchmarkOption`s, so the help names every option the parser takes and the defaults the
/// command starts from.
struct BenchmarkOptionParser<Settings> {
    /// The command's name, for its errors ("see benchmark kernels --help").
    let command: String
    let defaults: Settings
    let options: [BenchmarkOption<Settings>]
    /// What the settings as a whole lack, checked after the last option (e.g. "--x FILE and --y
    /// FILE, or --blobs N,D,K, are required"); nil when they are complete.
    var missing: (Settings) -> String? = { _ in nil }

    /// The options' names, in the help's order.
    var names: [String] { options.map(\.name) }

    /// One line per option: its name and placeholder, what it sets, and its default ("  none"
    /// without options).
    var help: String {
        guard !options.isEmpty else { return "  none" }
        let width = options.map(\.usage.count).max() ?? 0
        return options.map { option in
            let shown = option.shownDefault(defaults).map { " (default \($0))" } ?? ""
            return "  " + option.usage.padding(toLength: width + 3, withPad: " ", startingAt: 0) + option.meaning + shown
        }.joined(separator: "\n")
    }

    /// The settings that `arguments` ask for, from the defaults.
    /// - Throws: `BenchmarkUsageError` for an unknown option, a missing value or one that does not
    ///   fit (a value that starts with "--" is taken for the next option), or settings that lack
    ///   something (`missing`).
    func parse(_ arguments: [String]) throws -> Settings {
        var settings = defaults
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let option = options.first(where: { $0.name == name }) else { throw unknownOption(name) }
            guard let placeholder = option.placeholder else {
                _ = option.set(&settings, "")
                continue
            }
            guard let value = remaining.first, !value.hasPrefix("--") else {
                throw usageError("\(name) needs a value, \(placeholder)")
            }
            remaining.removeFirst()
            guard option.set(&settings, value) else {
                throw usageError("\(name) '\(value)': expected \(option.requirement)")
            }
        }
        if let missing = missing(settings) { throw usageError(missing) }
        return settings
    }

    /// "unknown option --row; did you mean --rows?", or the list of the options.
    private func unknownOption(_ name: String) -> BenchmarkUsageError {
        if let match = closestMatch(to: name, among: names) {
            return usageError("unknown option \(name); did you mean \(match)?")
        }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") : names.first ?? "none"
        return usageError("unknown option \(name); expected \(list)")
    }

    /// `problem`, then where the options are explained.
    private func usageError(_ problem: String) -> BenchmarkUsageError {
        BenchmarkUsageError(description: "\(problem) (see benchmark \(command) --help)")
    }
}
