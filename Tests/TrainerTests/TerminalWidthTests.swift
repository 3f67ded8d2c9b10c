import Foundation
import Testing
@testable import trainer
import Training

/// SPEC §5 and issue 17: on a terminal, and whenever COLUMNS is set, no printed line is wider.
@Suite("Output that fits the terminal — COLUMNS = 80 and 40")
struct TerminalWidthTests {
    // COLUMNS, the width
    @Test("COLUMNS sets the width, also in a pipe; unset, empty, 0 or a word: any width (not a terminal)",
          arguments: [("80", 80), ("40", 40), (" 100 ", 100)] as [(String, Int?)] + [("", nil), ("0", nil), ("wide", nil), ("-5", nil)])
    func columns(text: String, expected: Int?) {
        let pipe = Pipe()
        #expect(TerminalWidth.of(descriptor: pipe.fileHandleForWriting.fileDescriptor, environment: ["COLUMNS": text]) == expected)
        #expect(TerminalWidth.of(descriptor: pipe.fileHandleForWriting.fileDescriptor, environment: [:]) == nil)
    }

    @Test("help pages are filled to the width, at most 80 columns, not cut line by line: only command lines are wider",
          arguments: [nil, 80, 60] as [Int?])
    func helpIsFilled(width: Int?) {
        let limit = min(width ?? Trainer.helpWidth, Trainer.helpWidth)
        for text in [Trainer.overview(width: width)] + Trainer.commands.map({ $0.helpText(width: width) }) {
            let tooWide = text.split(separator: "\n").filter { $0.count > limit && !$0.drop { $0 == " " }.hasPrefix("trainer ") }
            #expect(tooWide.isEmpty, "\(tooWide)")
        }
        #expect(TrainCommand.helpText(width: 80).contains("\nthe same minibatches in the same order, so a difference between runs is their\n"),
                "the discussion refilled: no line of a few words left over from the source's breaks")
    }

    /// A sweep of two runs with long names: a wide table, long progress lines.
    static let sweepConfig = """
        {"name": "a-sweep-with-a-rather-long-name", "seed": 2,
         "data": {"train": "\(TrainerHarness.path("data/linear.csv"))", "test_fraction": 0.2},
         "optimizer": {"epochs": 30, "batch_size": 32},
         "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}],
         "sweep": {"optimizer.learning_rate": [0.016666666666666666, 0.1], "optimizer.momentum": [0, 0.9]}}
        """

    @Test("train, evaluate, help and an error at 80 and 40 columns: no line of stdout or stderr is wider (JSON for scripts stays one line)",
          arguments: [80, 40])
    func everyLineFits(width: Int) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TrainerHarness.write(Self.sweepConfig, to: "sweep.json", in: folder)
        for mode in TrainerMode.available {
            let out = folder.appendingPathComponent("out-\(mode)").path
            let runs: [[String]] = [
                ["train", config, "--out", out],
                ["evaluate", out + "/softmax,learning_rate=0.1,momentum=0.9", "--split", "test"],
                ["evaluate", out + "/svm,learning_rate=0.1,momentum=0", "--split", "validation", "--json"],
                ["help", "train"], ["--help"],
                ["train", folder.appendingPathComponent("missing-config-with-a-long-name.json").path],
            ]
            for arguments in runs {
                let run = try TrainerHarness.run(arguments, mode: mode, columns: width)
                if arguments.first == "train", arguments.count == 4 { #expect(run.status == 0, "\(run)") }
                if arguments.contains("--json") {
                    #expect(run.status == 0 && (try? JSONParser.parse(run.output)) != nil && run.output.filter { $0 == "\n" }.count == 1, "\(run)")
                    continue
                }
                for line in (run.output + run.errors).split(separator: "\n") {
                    #expect(line.count <= width, "\(mode) \(arguments.prefix(2)) at \(width): '\(line)' (\(line.count))")
                }
            }
            let csv = try String(contentsOfFile: out + "/comparison.csv", encoding: .utf8)
            #expect(csv.split(separator: "\n").first?.contains("optimizer.momentum") == true, "the full table stays in comparison.csv")
        }
    }
}
