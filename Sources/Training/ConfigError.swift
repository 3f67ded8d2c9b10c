/// A config that cannot be used as written. Each case carries the file and the JSON key path
/// (`runs[1].optimizer.learning_rate`) and renders as one sentence; exit status 2.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The text is not JSON.
    case syntax(file: String, line: Int, column: Int, expected: String)
    /// A key that no section has; with the nearest known key, if any.
    case unknownKey(file: String, path: String, suggestion: String?)
    /// A key that exists, but not for this section's `type` (e.g. `sigma` on an svm loss).
    case keyNotUsed(file: String, path: String, type: String, usedBy: [String])
    /// A required key that is absent.
    case missingKey(file: String, path: String, expected: String)
    /// A value of the wrong kind or out of range.
    case invalidValue(file: String, path: String, found: String, expected: String)
    /// A `--set PATH=VALUE` argument that is not of that form.
    case invalidOverride(argument: String, expected: String)
    /// A data source whose file cannot be found or is not of the right kind; `problem` says what
    /// is wrong with it (e.g. no such file, the path as resolved, and where the dataset is published).
    case dataSource(file: String, path: String, problem: String)

    /// The JSON key path the error is about; nil when it is about the whole file or a `--set` argument.
    var keyPath: String? {
        switch self {
        case .unknownKey(_, let path, _), .keyNotUsed(_, let path, _, _), .missingKey(_, let path, _),
             .invalidValue(_, let path, _, _), .dataSource(_, let path, _):
            path
        case .unreadable, .syntax, .invalidOverride:
            nil
        }
    }

    /// The same error about a key, its file shown as `shown(file)` (`ConfigOverride.blame`).
    func showingFile(_ shown: (String) -> String) -> ConfigError {
        switch self {
        case .unknownKey(let file, let path, let suggestion): .unknownKey(file: shown(file), path: path, suggestion: suggestion)
        case .keyNotUsed(let file, let path, let type, let usedBy): .keyNotUsed(file: shown(file), path: path, type: type, usedBy: usedBy)
        case .missingKey(let file, let path, let expected): .missingKey(file: shown(file), path: path, expected: expected)
        case .invalidValue(let file, let path, let found, let expected):
            .invalidValue(file: shown(file), path: path, found: found, expected: expected)
        case .dataSource(let file, let path, let problem): .dataSource(file: shown(file), path: path, problem: problem)
        case .unreadable, .syntax, .invalidOverride: self  // about a whole file or argument: no key that `--set` wrote
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read the config: \(reason)"
        case .syntax(let file, let line, let column, let expected):
            "\(file): line \(line), column \(column): not valid JSON: \(expected)"
        case .unknownKey(let file, let path, let suggestion):
            "\(file): \(path): unknown key" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .keyNotUsed(let file, let path, let type, let usedBy):
            "\(file): \(path): this key does not apply to type '\(type)'; it is used by \(usedBy.map { "'\($0)'" }.joined(separator: ", "))"
        case .missingKey(let file, let path, let expected):
            "\(file): \(path): missing; expected \(expected)"
        case .invalidValue(let file, let path, let found, let expected):
            "\(file): \(path): expected \(expected), found \(found)"
        case .invalidOverride(let argument, let expected):
            "--set '\(argument)': expected \(expected)"
        case .dataSource(let file, let path, let problem):
            "\(file): \(path): \(problem)"
        }
    }
}
