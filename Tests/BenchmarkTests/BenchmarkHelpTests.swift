import Testing
@testable import benchmark

@Suite("benchmark --help — the list of commands, and each command's options and an example")
struct BenchmarkHelpTests {
    @Test("--help, -h and help first print the list of commands, which names every command")
    func listOfCommands() throws {
        for argument in ["--help", "-h", "help"] {
            let text = try #require(Benchmark.help(for: [argument]))
            for command in Benchmark.commands { #expect(text.contains("  \(command.name)"), "\(argument): \(command.name)") }
        }
    }

    @Test("COMMAND --help prints the command's summary, options and an example of itself; an unknown command or no --help prints nothing",
          arguments: Benchmark.commands.map(\.name))
    func commandHelp(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        let text = try #require(Benchmark.help(for: [name, "--blobs", "1,2,3", "--help"]))
        #expect(text.contains(command.summary) && text.contains("OPTIONS: \(command.optionsHelp)"))
        #expect(text.contains("EXAMPLE: swift run -c release benchmark \(name) "), "the example runs this command")
        #expect(Benchmark.help(for: [name]) == nil && Benchmark.help(for: [name, "--threads", "2"]) == nil)
        #expect(Benchmark.help(for: ["nope", "--help"]) == nil && Benchmark.help(for: []) == nil)
    }

    @Test("a wrong option's error lists the options that --help prints",
          arguments: ["load", "images", "kernels", "train", "triplet", "pool"])
    func usageErrorsNameTheOptions(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        #expect {
            try command.run(["--bogus", "1"])
        } throws: { error in
            "\(error)".contains(command.optionsHelp)
        }
    }
}
