import Testing
@testable import benchmark

@Suite("BenchmarkOptionParser — one parser and one help text for every benchmark's options")
struct BenchmarkOptionParserTests {
    struct Settings {
        var rows = 10
        var threads = [1, 2]
        var directory: String?
        var epochs: Int?
        var json = false
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: "test", defaults: Settings(), options: [
            .integer("--rows", "N", "rows", \.rows, atLeast: 2),
            .integers("--threads", "T[,T…]", "thread counts", \.threads),
            .path("--directory", "DIR", "where", \.directory, absent: "a temporary folder"),
            .optionalValue("--epochs", "E", "epochs", requirement: "an integer of at least 3", \.epochs,
                           parse: { Int($0).flatMap { $0 >= 3 ? $0 : nil } }, show: { _ in "automatic" }),
            .flag("--json", "JSON lines", \.json),
        ], missing: { $0.rows == 7 ? "7 rows are not allowed" : nil })
    }

    @Test("no arguments give the defaults; each option sets its own setting, a flag by its name alone")
    func parsesIntoTheSettings() throws {
        let defaults = try Self.parser.parse([])
        #expect(defaults.rows == 10 && defaults.threads == [1, 2] && defaults.directory == nil && defaults.epochs == nil && !defaults.json)
        let set = try Self.parser.parse(["--json", "--rows", "2", "--threads", "4,8,1", "--directory", "out", "--epochs", "3"])
        #expect(set.rows == 2 && set.threads == [4, 8, 1] && set.directory == "out" && set.epochs == 3 && set.json)
    }

    @Test("a value that does not fit is an error naming the option, the value quoted and what a value must be, never a default or a nil",
          arguments: [(["--rows", "1"], "an integer of at least 2"), (["--rows", "x"], "an integer of at least 2"),
                      (["--threads", "0"], "positive integers separated by commas"),
                      (["--threads", "1,,2"], "positive integers separated by commas"), (["--directory", ""], "a path"),
                      (["--epochs", "2"], "an integer of at least 3"), (["--epochs", "many"], "an integer of at least 3")])
    func refusesValuesThatDoNotFit(arguments: [String], requirement: String) {
        #expect {
            try Self.parser.parse(arguments)
        } throws: { error in
            "\(error)" == "\(arguments[0]) '\(arguments[1])': expected \(requirement) (see benchmark test --help)"
        }
    }

    @Test("an unknown option: the nearest name when it looks like a typo, else the list of names; a missing value, or an option where the value should be, says what the option needs")
    func unknownOptionAndMissingValue() {
        func message(_ arguments: [String]) -> String {
            do { _ = try Self.parser.parse(arguments) } catch { return "\(error)" }
            return ""
        }
        #expect(message(["--row", "3"]) == "unknown option --row; did you mean --rows? (see benchmark test --help)")
        #expect(message(["--bogus", "3"])
                == "unknown option --bogus; expected --rows, --threads, --directory, --epochs or --json (see benchmark test --help)")
        #expect(message(["--rows", "3", "--threads"]) == "--threads needs a value, T[,T…] (see benchmark test --help)")
        #expect(message(["--directory", "--json"]) == "--directory needs a value, DIR (see benchmark test --help)")
    }

    @Test("settings that lack something as a whole are refused once the options are read")
    func missingAsAWhole() {
        #expect {
            try Self.parser.parse(["--rows", "7"])
        } throws: { error in
            "\(error)" == "7 rows are not allowed (see benchmark test --help)"
        }
    }

    @Test("the help: one line per option, the names padded to one column, what each sets and its default")
    func helpLines() {
        #expect(Self.parser.help == """
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

@Suite("The benchmarks' own options — what each command's parser makes of its arguments")
struct BenchmarkCommandOptionsTests {
    @Test("train: --loss may be repeated, and none means both; the data is required; conditions are quiet, contended or both")
    func trainOptions() throws {
        let both = try TrainBenchmark.parser.parse(["--blobs", "100,2,3"])
        #expect(both.lossesToTime == ["svm", "softmax"] && both.conditions == [.quiet, .contended])
        #expect(both.blobs.map { [$0.samples, $0.features, $0.classes] } == [100, 2, 3])
        let chosen = try TrainBenchmark.parser.parse(["--x", "a.npy", "--y", "b.npy", "--loss", "softmax", "--loss", "svm",
                                                      "--conditions", "contended"])
        #expect(chosen.lossesToTime == ["softmax", "svm"] && chosen.conditions == [.contended] && chosen.features == "a.npy")
        for arguments in [["--x", "a.npy"], ["--loss", "svm"], ["--blobs", "1,2"], ["--blobs", "1,2,3", "--conditions", ""],
                          ["--blobs", "1,2,3", "--conditions", "quiet,"], ["--blobs", "1,2,3", "--epochs", "2"]] {
            #expect(throws: BenchmarkUsageError.self, "\(arguments)") { try TrainBenchmark.parser.parse(arguments) }
        }
    }

    @Test("kernels takes --huge-pages 0 or 1; pool a multiple of 5 jobs (5 timed runs of J/5); triplet at least 2 epochs; images needs both files")
    func otherCommandsOptions() throws {
        #expect(try !KernelBenchmark.parser.parse(["--huge-pages", "0"]).hugePages)
        #expect(try KernelBenchmark.parser.parse([]).hugePages)
        #expect(try PoolBenchmark.parser.parse(["--jobs", "5"]).jobs == 5)
        #expect(try PoolBenchmark.parser.parse(["--jobs", "2000"]).jobs == 2_000)
        #expect(try TripletBenchmark.parser.parse(["--epochs", "2"]).epochs == 2)
        let refused: [() throws -> Void] = [
            { _ = try KernelBenchmark.parser.parse(["--huge-pages", "2"]) }, { _ = try PoolBenchmark.parser.parse(["--jobs", "4"]) },
            { _ = try PoolBenchmark.parser.parse(["--jobs", "7"]) },
            { _ = try TripletBenchmark.parser.parse(["--epochs", "1"]) }, { _ = try ImageLoadBenchmark.parser.parse(["--cifar", "dir"]) },
            { _ = try LoadBenchmark.parser.parse(["--rows", "0"]) },
        ]
        for (index, parse) in refused.enumerated() {
            #expect(throws: BenchmarkUsageError.self, "case \(index)") { try parse() }
        }
    }
}
