import Training

/// Walks the command line one argument at a time, for the hand-written subcommand parsers.
///
/// Understands `--option value` and `--option=value`; everything else is the command's business.
struct ArgumentCursor {
    private var arguments: ArraySlice<String>
    /// The value of the last `--option=value` argument, handed out by the next `value(for:)`.
    private var pendingValue: String?
    /// The subcommand being parsed, for error messages.
    let command: String

    /// A cursor over `arguments` (the words after the subcommand's name).
    init(_ arguments: [String], command: String) {
        self.arguments = arguments[...]
        self.command = command
    }

    /// The next argument, or nil at the end. `--option=value` comes out as `--option`, its value
    /// kept for `value(for:)`.
    mutating func next() throws -> String? {
        if let pendingValue {
            throw UsageError.unexpectedValue(pendingValue, command: command)
        }
        guard let argument = arguments.popFirst() else { return nil }
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            pendingValue = String(argument[argument.index(after: equals)...])
            return String(argument[..<equals])
        }
        return argument
    }

    /// The value of `option`: the part after `=`, or else the next argument.
    mutating func value(for option: String) throws -> String {
        if let value = pendingValue {
            pendingValue = nil
            return value
        }
        guard let value = arguments.popFirst() else {
            throw UsageError.missingValue(option: option, command: command)
        }
        return value
    }

    /// The value of `option` as an integer within `range`.
    mutating func integer(for option: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try value(for: option)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError.invalidValue(text, option: option, expected: "an integer from \(range.lowerBound) to \(range.upperBound)", command: command)
        }
        return number
    }

    /// The value of `option` as a finite number within `range`.
    mutating func number(for option: String, in range: ClosedRange<Double>) throws -> Double {
        let text = try value(for: option)
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw UsageError.invalidValue(text, option: option, expected: "a number from \(range.lowerBound) to \(range.upperBound)", command: command)
        }
        return number
    }

    /// Fails on `argument` as an option this command does not have, suggesting the nearest one.
    func unknownOption(_ argument: String, among options: [String]) -> UsageError {
        .unknownOption(argument, command: command, suggestion: closestMatch(to: argument, among: options))
    }
}
