import Foundation

/// One subcommand of `trainer`: its help text, its parser, its checks and its work, kept apart
/// (parse → validate → run), after swift-argument-parser's shape.
protocol Command {
    /// The word after `trainer`, e.g. `train`.
    static var name: String { get }
    /// One line: what it does.
    static var abstract: String { get }
    /// The USAGE line(s).
    static var usage: String { get }
    /// Extra paragraphs of explanation for OVERVIEW, after the abstract (may be empty).
    static var discussion: String { get }
    /// Each option with its description, e.g. ("--out DIR", "write the results into DIR").
    static var options: [(flag: String, help: String)] { get }
    /// Command lines that teach by example, each with a comment.
    static var examples: [(command: String, comment: String)] { get }

    /// Reads the arguments after the subcommand's name.
    init(parsing cursor: inout ArgumentCursor) throws
    /// Checks that do not need the file system: ranges, combinations.
    func validate() throws
    /// Does the work; returns the exit status.
    func run(_ console: Console) throws -> Int32
}

extension Command {
    static var discussion: String { "" }

    /// The option names (the first word of each flag), for "did you mean".
    static var optionNames: [String] {
        options.map { String($0.flag.split(separator: " ").first ?? "") } + ["--help"]
    }

    func validate() throws {}

    /// The help text: OVERVIEW, USAGE, OPTIONS, EXAMPLES.
    static var helpText: String {
        var text = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        text += "\nUSAGE: \(usage)\n"
        if !options.isEmpty {
            text += "\nOPTIONS:\n"
            let width = options.map(\.flag.count).max() ?? 0
            for option in options {
                text += "  " + option.flag.padding(toLength: width + 2, withPad: " ", startingAt: 0) + option.help + "\n"
            }
        }
        if !examples.isEmpty {
            text += "\nEXAMPLES:\n"
            for example in examples {
                text += "  # \(example.comment)\n  \(example.command)\n"
            }
        }
        return text
    }

    /// The positional arguments and flags parsed by the shared loop: `handle` gets each option
    /// and returns false when it is not one of the command's; positionals are collected.
    static func parseArguments(
        _ cursor: inout ArgumentCursor, handle: (String, inout ArgumentCursor) throws -> Bool
    ) throws -> [String] {
        var positionals: [String] = []
        while let argument = try cursor.next() {
            if argument.hasPrefix("-") && argument.count > 1 {
                if argument == "--help" || argument == "-h" { throw HelpRequest(command: name) }
                guard try handle(argument, &cursor) else { throw cursor.unknownOption(argument, among: optionNames) }
            } else {
                positionals.append(argument)
            }
        }
        return positionals
    }
}

/// `trainer X --help`: print X's help instead of running it.
struct HelpRequest: Error {
    let command: String
}

/// The streams a command writes to, and whether standard error is a terminal (for progress).
struct Console {
    let output: TextOutput
    let errors: TextOutput
    let errorsIsTerminal: Bool
}
