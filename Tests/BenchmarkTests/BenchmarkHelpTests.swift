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
        #expect(text.contains(command.summary) && text.contains("OPTIONS:\n\(command.optionsHelp)\n"))
        for option in command.optionNames { #expect(command.optionsHelp.contains("  \(option) "), "\(name): \(option)") }
        #expect(text.contains("EXAMPLE: swift run -c release benchmark \(name) "), "the example runs this command")
        #expect(Benchmark.help(for: [name, "-h"]) == text && Benchmark.help(for: ["help", name]) == text)
        #expect(Benchmark.help(for: [name]) == nil && Benchmark.help(for: [name, "--threads", "2"]) == nil)
    }

    @Test("help as an option's value is a value, not a request for help")
    func helpAsAValue() {
        #expect(Benchmark.help(for: ["load", "--directory", "help"]) == nil)
        #expect(Benchmark.help(for: ["triplet", "--data", "help"]) == nil)
    }

    @Test("the list of commands and each command's options fit a terminal of 80 columns",
          arguments: Benchmark.commands.map { $0.name })
    func linesFitTheTerminal(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        let lines = command.optionsHelp.split(separator: "\n") + Benchmark.usage().split(separator: "\n").filter { $0.hasPrefix("  ") }
        for line in lines { #expect(line.count <= 80, "\(line)") }
    }

    @Test("each command's help shows the defaults it starts from")
    func helpShowsDefaults() {
        let lines = [
            (KernelBenchmark.optionsHelp, "  --rows N           rows of random features (default 49000)"),
            (KernelBenchmark.optionsHelp, "  --huge-pages 0|1   1: ask Linux for 2 MiB pages for the features (default 1)"),
            (PoolBenchmark.optionsHelp, "  --work N[,N…]      work per piece, 2,000 ≈ 1 µs (default 2000,20000,200000)"),
            (TrainBenchmark.optionsHelp, "  --epochs E            epochs per run, at least 3 (default 6 to 40 by size)"),
            (TrainBenchmark.optionsHelp, "  --conditions C[,C…]   quiet and/or contended: busy machine (default both)"),
            (LoadBenchmark.optionsHelp, "  --directory DIR   keep the files there (default a temporary folder, removed)"),
        ]
        for (help, line) in lines { #expect(help.split(separator: "\n").contains(Substring(line)), "\(line)") }
        #expect(BusyProcess.optionsHelp == "  none")
    }

    @Test("a wrong option's error names every option of the command, and an option without its value says what it needs",
          arguments: Benchmark.commands.map { $0.name })
    func usageErrorsNameTheOptions(name: String) throws {
        let command = try #require(Benchmark.commands.first { $0.name == name })
        // Each throws before it reads a file or starts timing (busy would spin until its parent ends).
        #expect {
            try command.run(["--bogus", "1"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("unknown option --bogus") && text.contains("benchmark \(name) --help")
                && (command.optionNames.isEmpty ? text.contains("expected none") : command.optionNames.allSatisfy(text.contains))
        }
        guard let first = command.optionNames.first else { return }
        #expect {
            try command.run([first])
        } throws: { error in
            "\(error)".contains("\(first) needs a value")
        }
    }
}
