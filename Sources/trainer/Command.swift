import Foundation
import Training
import Reports

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

    /// The help text: OVERVIEW, USAGE, OPTIONS, EXAMPLES, its paragraphs filled to the terminal's
    /// `width` but no wider than 80 columns (nil: 80), each option's help continued under itself;
    /// the examples' command lines are never broken.
    static func helpText(width: Int?) -> String {
        let width = Trainer.helpWidth(terminal: width)
        var text = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        text += "\nUSAGE: \(usage)\n"
        if !options.isEmpty {
            text += "\nOPTIONS:\n"
            let column = options.map(\.flag.count).max() ?? 0
            for option in options {
                text += fillHanging(option.help, lead: "  " + option.flag.padding(toLength: column + 2, withPad: " ", startingAt: 0),
                                    width: width) + "\n"
            }
        }
        if !examples.isEmpty {
            text += "\nEXAMPLES:\n"
            for example in examples {
                text += fillHanging(example.comment, lead: "  # ", width: width) + "\n  \(example.command)\n"
            }
        }
        return fillParagraphs(text, width: width)
    }

    /// The config file, the one positional argument of train, gradcheck and conventions.
    static func configFile(among positionals: [String]) throws -> String {
        guard let config = positionals.first else {
            throw UsageError.missingArgument("the config file (e.g. configs/svm-vs-softmax.json)", command: name)
        }
        guard positionals.count == 1 else { throw UsageError.extraArgument(positionals[1], command: name) }
        return config
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

/// The streams a command writes to (each wrapping its lines to its terminal's width, if any), and
/// what `train` needs to know of the process: whether standard error is a terminal (progress that
/// redraws), and how it hears of Ctrl-C.
struct Console {
    let output: TextOutput
    let errors: TextOutput
    let environment: RunEnvironment

    var errorsIsTerminal: Bool { environment.errorsIsTerminal }
}

/// Where `trainer` runs: terminal or not, the widths of its streams, and Ctrl-C. Tests run in-process
/// with the defaults (no terminal, any width, no signal handlers), or with an `interruption` they
/// request themselves.
struct RunEnvironment {
    var errorsIsTerminal = false
    /// The widths lines must fit on standard output and standard error (nil: any).
    var outputWidth: Int?
    var errorsWidth: Int?
    /// What `train` checks between steps; nil: a fresh one that only signals can request.
    var interruption: Interruption?
    /// Whether `train` routes SIGINT and SIGTERM to its interruption (the real process only).
    var handlesSignals = false

    /// The process's own: its terminal, `COLUMNS`, and signal handling.
    static var process: RunEnvironment {
        let environment = ProcessInfo.processInfo.environment
        return RunEnvironment(
            errorsIsTerminal: isatty(STDERR_FILENO) == 1,
            outputWidth: TerminalWidth.of(descriptor: STDOUT_FILENO, environment: environment),
            errorsWidth: TerminalWidth.of(descriptor: STDERR_FILENO, environment: environment),
            interruption: nil, handlesSignals: true)
    }
}
