/// A command line that cannot be run as written. Exit status 2, and a pointer to the help.
enum UsageError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(option: String, command: String)
    case invalidValue(String, option: String, expected: String, command: String)
    case unexpectedValue(String, command: String)
    case missingArgument(String, command: String)
    case extraArgument(String, command: String)
    case invalid(String, command: String)

    /// The subcommand whose help to point at, if any.
    var command: String? {
        switch self {
        case .unknownCommand: nil
        case .unknownOption(_, let command, _), .missingValue(_, let command), .invalidValue(_, _, _, let command),
             .unexpectedValue(_, let command), .missingArgument(_, let command), .extraArgument(_, let command),
             .invalid(_, let command):
            command
        }
    }

    var description: String {
        let sentence: String
        switch self {
        case .unknownCommand(let name, let suggestion):
            sentence = "trainer: unknown command '\(name)'" + didYouMean(suggestion)
        case .unknownOption(let option, let command, let suggestion):
            sentence = "trainer \(command): unknown option '\(option)'" + didYouMean(suggestion)
        case .missingValue(let option, let command):
            sentence = "trainer \(command): option '\(option)' needs a value"
        case .invalidValue(let value, let option, let expected, let command):
            sentence = "trainer \(command): \(option) '\(value)': expected \(expected)"
        case .unexpectedValue(let value, let command):
            sentence = "trainer \(command): unexpected value '\(value)' for an option that takes none"
        case .missingArgument(let name, let command):
            sentence = "trainer \(command): missing \(name)"
        case .extraArgument(let argument, let command):
            sentence = "trainer \(command): unexpected argument '\(argument)'"
        case .invalid(let message, let command):
            sentence = "trainer \(command): \(message)"
        }
        let help = command.map { "See 'trainer help \($0)'." } ?? "See 'trainer --help'."
        return sentence + "\n" + help
    }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}
