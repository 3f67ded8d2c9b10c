/// The options of one benchmark command and its defaults: the parser of its arguments and the list
/// that `benchmark NAME --help` prints, both from the same `BenchmarkOption`s, so the help names
/// every option the parser takes and the defaults the command starts from.
struct BenchmarkOptions<Settings> {
    /// The command's name, for its errors ("see benchmark kernels --help").
    let command: String
    let defaults: Settings
    let options: [BenchmarkOption<Settings>]

    /// The options' names, in the help's order.
    var names: [String] { options.map(\.name) }

    /// One line per option: its name and value, what it sets, and its default ("  none" without options).
    var help: String {
        guard !options.isEmpty else { return "  none" }
        let width = options.map(\.usage.count).max() ?? 0
        return options.map { option in
            let shown = option.shownDefault(defaults).map { " (default \($0))" } ?? ""
            return "  " + option.usage.padding(toLength: width + 3, withPad: " ", startingAt: 0) + option.meaning + shown
        }.joined(separator: "\n")
    }

    /// The settings that `arguments` ask for, from the defaults.
    /// - Throws: `BenchmarkUsageError` for an unknown option, a missing value or one that does not fit.
    func parse(_ arguments: [String]) throws -> Settings {
        var settings = defaults
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let option = options.first(where: { $0.name == name }) else {
                throw BenchmarkUsageError(description: "unknown option \(name); expected \(expected)")
            }
            guard let expectedValue = option.value else {
                _ = option.set(&settings, "")
                continue
            }
            guard let value = remaining.popFirst() else {
                throw BenchmarkUsageError(description: "\(name) needs a value, \(expectedValue) (see benchmark \(command) --help)")
            }
            guard option.set(&settings, value) else {
                throw BenchmarkUsageError(description: "\(name) \(value): expected \(expectedValue), \(option.meaning) "
                                          + "(see benchmark \(command) --help)")
            }
        }
        return settings
    }

    /// The options by name, as an error lists them.
    private var expected: String {
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") : names.first ?? "none"
        return "\(list) (see benchmark \(command) --help)"
    }
}
