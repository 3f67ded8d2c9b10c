import Testing
@testable import benchmark

@Suite("BenchmarkOptions — one parser and one help text for every benchmark's options")
struct BenchmarkOptionsTests {
    struct Settings {
        var rows = 10
        var threads = [1, 2]
        var directory: String?
        var epochs: Int?
        var json = false
    }

    static var options: BenchmarkOptions<Settings> {
        BenchmarkOptions(command: "test", defaults: Settings(), options: [
            .integer("--rows", "N", "rows", \.rows, atLeast: 2),
            .integers("--threads", "T[,T…]", "thread counts", \.threads),
            .path("--directory", "DIR", "where", \.directory, absent: "a temporary folder"),
            .optionalValue("--epochs", "E", "epochs", \.epochs, parse: { Int($0).flatMap { $0 >= 3 ? $0 : nil } }, show: { _ in "automatic" }),
            .flag("--json", "JSON lines", \.json),
        ])
    }

    @Test("no arguments give the defaults; each option sets its own setting, a flag by its name alone")
    func parsesIntoTheSettings() throws {
        let defaults = try Self.options.parse([])
        #expect(defaults.rows == 10 && defaults.threads == [1, 2] && defaults.directory == nil && defaults.epochs == nil && !defaults.json)
        let set = try Self.options.parse(["--json", "--rows", "2", "--threads", "4,8,1", "--directory", "out", "--epochs", "3"])
        #expect(set.rows == 2 && set.threads == [4, 8, 1] && set.directory == "out" && set.epochs == 3 && set.json)
    }

    @Test("a value that does not fit is an error naming the option, the value and what it expects, never a default or a nil",
          arguments: [["--rows", "1"], ["--rows", "x"], ["--threads", "0"], ["--threads", "1,,2"], ["--threads", ""],
                      ["--directory", ""], ["--epochs", "2"], ["--epochs", "many"]])
    func refusesValuesThatDoNotFit(arguments: [String]) {
        #expect {
            try Self.options.parse(arguments)
        } throws: { error in
            "\(error)".hasPrefix("\(arguments[0]) \(arguments[1]): expected ") && "\(error)".contains("benchmark test --help")
        }
    }

    @Test("an unknown option lists the options by name; a missing value says what the option needs")
    func unknownOptionAndMissingValue() {
        #expect {
            try Self.options.parse(["--row", "3"])
        } throws: { error in
            "\(error)" == "unknown option --row; expected --rows, --threads, --directory, --epochs or --json (see benchmark test --help)"
        }
        #expect {
            try Self.options.parse(["--rows", "3", "--threads"])
        } throws: { error in
            "\(error)" == "--threads needs a value, T[,T…] (see benchmark test --help)"
        }
    }

    @Test("the help: one line per option, the names padded to one column, what each sets and its default")
    func helpLines() {
        #expect(Self.options.help == """
              --rows N           rows, at least 2 (default 10)
              --threads T[,T…]   thread counts (default 1,2)
              --directory DIR    where (default a temporary folder)
              --epochs E         epochs (default automatic)
              --json             JSON lines
            """)
    }

    @Test("positive integers: every item of the list, none empty")
    func positiveIntegers() {
        #expect(BenchmarkOption<Settings>.positiveIntegers("1,20,300") == [1, 20, 300])
        for text in ["", "0", "1,", ",1", "1,-2", "1.5", "a"] {
            #expect(BenchmarkOption<Settings>.positiveIntegers(text) == nil, "\(text)")
        }
    }
}
