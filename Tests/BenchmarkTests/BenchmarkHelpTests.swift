import Testing
@testable import benchmark

@Suite("benchmark --help — the list of commands, and each command's options and an example")
struct BenchmarkHelpTests {
    @Test("--help, -h and help alone print the list of commands, which names every command; nothing and an unknown command print no help")
    func listOfCommands() throws {
        for argument in ["--help", "-h", "help"] {
            let text = try #require(Benchmark.help(for: [argument]))
            for command in Benchmark.commands { #expect(text.contains("  \(command.name)"), "\(argument): \(command.name)") }
        }
        #expect(Benchmark.help(for: ["help", "nope"]) == Benchmark.usage())
        #expect(Benchmark.help(for: []) == nil && Benchmark.help(for: ["nope", "--help"]) == nil)
    }

    @Test("NAME --help, NAME -h and help NAME print the command's summary, options and an example of itself",
          arguments: Benchmark.commands.map { $0.name })
    func commandHelp(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        let text = try #require(Benchmark.help(for: [name, "--blobs", "1,2,3", "--help"]))
        #expect(text.contains(command.summary) && text.contains("OPTIONS: \(command.optionsHelp)"))
        #expect(text.contains("EXAMPLE: swift run -c release benchmark \(name) "), "the example runs this command")
        #expect(Benchmark.help(for: [name, "-h"]) == text && Benchmark.help(for: ["help", name]) == text)
        #expect(Benchmark.help(for: [name]) == nil && Benchmark.help(for: [name, "--threads", "2"]) == nil)
    }

    @Test("help as an option's value is a value, not a request for help")
    func helpAsAValue() {
        #expect(Benchmark.help(for: ["load", "--directory", "help"]) == nil)
        #expect(Benchmark.help(for: ["triplet", "--data", "help"]) == nil)
    }

    @Test("a wrong option's error, an option without its value and an argument to busy list the options that --help prints",
          arguments: Benchmark.commands.map { $0.name })
    func usageErrorsNameTheOptions(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        // Each throws before it reads a file or starts timing (busy would spin until its parent ends).
        for arguments in [["--bogus", "1"], ["--threads"]] {
            #expect {
                try command.run(arguments)
            } throws: { error in
                "\(error)".contains(command.optionsHelp)
            }
        }
    }
}
