import Foundation

/// The `trainer` command: reads the subcommand and hands the rest of the arguments to it.
enum Trainer {
    /// The version `trainer --version` prints.
    static let version = "0.1.0"

    /// Runs `trainer` with `arguments` (without the program name) and returns the exit status:
    /// 0 success, 1 a run failed at run time, 2 a usage, config or data error.
    static func main(arguments: [String], standardOutput: TextOutput, standardError: TextOutput) -> Int32 {
        standardOutput.write("trainer \(version)\n")
        return 0
    }
}
