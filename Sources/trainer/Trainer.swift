import Foundation
import Training
import Datasets
import Reports

/// The `trainer` command: reads the subcommand and hands the rest of the arguments to it.
enum Trainer {
    /// The version `trainer --version` prints.
    static let version = "1.0.0"

    /// Every subcommand, in the order the help lists them.
    static var commands: [any Command.Type] {
        [TrainCommand.self, GenerateCommand.self, EvaluateCommand.self, PredictCommand.self,
         GradcheckCommand.self, ExplainCommand.self, ConventionsCommand.self, HelpCommand.self]
    }

    /// The subcommands' names, in the same order.
    static var commandNames: [String] { commands.map { $0.name } }

    /// Runs `trainer` with `arguments` (without the program name) and returns the exit status:
    /// 0 success, 1 a run failed at run time, 2 a usage, config or data error, 130 interrupted.
    static func main(
        arguments: [String], standardOutput: TextOutput, standardError: TextOutput, environment: RunEnvironment = RunEnvironment()
    ) -> Int32 {
        let console = Console(output: standardOutput.limited(to: environment.outputWidth),
                              errors: standardError.limited(to: environment.errorsWidth), environment: environment)
        let standardOutput = console.output
        guard let first = arguments.first else {
            standardOutput.write(overview(width: standardOutput.width))
            return 0
        }
        switch first {
        case "--help", "-h":
            standardOutput.write(overview(width: standardOutput.width))
            return 0
        case "--version":
            standardOutput.write("trainer \(version)\n")
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            return report(UsageError.unknownCommand(first, suggestion: closestMatch(to: first, among: commandNames)), to: console)
        }
        do {
            var cursor = ArgumentCursor(Array(arguments.dropFirst()), command: first)
            let parsed = try command.init(parsing: &cursor)
            try parsed.validate()
            return try parsed.run(console)
        } catch let help as HelpRequest {
            standardOutput.write(helpText(for: help.command, width: standardOutput.width))
            return 0
        } catch {
            return report(error, to: console)
        }
    }

    /// The widest line of the help pages: they are filled to the terminal's width, but no wider.
    static let helpWidth = 80

    /// The width a help page is filled to on a terminal `width` wide (nil: not a terminal).
    static func helpWidth(terminal width: Int?) -> Int {
        min(width ?? helpWidth, helpWidth)
    }

    /// The help of subcommand `name`, or the overview, for a terminal `width` wide (nil: any).
    static func helpText(for name: String, width: Int?) -> String {
        commands.first { $0.name == name }?.helpText(width: width) ?? overview(width: width)
    }

    /// `trainer --help`: what the tool is for, the subcommands, and the first steps, filled as
    /// `Command.helpText(width:)` is.
    static func overview(width: Int?) -> String {
        let column = commandNames.map { $0.count }.max() ?? 0, width = helpWidth(terminal: width)
        var text = """
            OVERVIEW: train linear classifiers (multiclass SVM, softmax and their relatives) from a JSON
            config and compare them side by side.

            USAGE: trainer <command> [options]

            COMMANDS:

            """
        for command in commands {
            text += fillHanging(command.abstract, lead: "  " + command.name.padding(toLength: column + 2, withPad: " ", startingAt: 0),
                                width: width) + "\n"
        }
        text += "\nEXAMPLES:\n"
        for (comment, command) in [
            ("the main job: an SVM and a softmax classifier side by side on the spiral", "trainer train configs/svm-vs-softmax.json"),
            ("a dataset of your own", "trainer generate spiral --out my-spiral.csv --samples 600 --classes 4 --seed 1"),
            ("a trained run on the examples it held out (the folder that train names)",
             "trainer evaluate runs/svm-vs-softmax/softmax --split validation"),
        ] {
            text += fillHanging(comment, lead: "  # ", width: width) + "\n  \(command)\n"
        }
        text += "\nSee 'trainer help <command>' for the options of each command, and 'trainer --version'.\n"
        return fillParagraphs(text, width: width)
    }

    /// Prints `error` as one sentence on standard error and returns its exit status.
    static func report(_ error: Error, to console: Console) -> Int32 {
        console.errors.write("error: \(message(for: error))\n")
        return exitStatus(for: error)
    }

    /// The one sentence that explains `error` to a student.
    static func message(for error: Error) -> String {
        String(describing: error)
    }

    /// 2 for usage, config and data errors and an output folder that exists (SPEC §6); 1 for
    /// failures at run time.
    static func exitStatus(for error: Error) -> Int32 {
        switch error {
        case is UsageError, is ConfigError, is DatasetError, is ModelFileError, is RunFolderError, is GenerateError: 2
        case OutputError.exists, OutputError.notResults, OutputError.unusable: 2
        default: 1
        }
    }
}
