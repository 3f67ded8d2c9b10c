import Foundation
import Testing
import Training
import TestSupport
@testable import trainer

/// Every config in configs/ trains (with few epochs), so that none of the README's experiments can rot.
@Suite("configs/ — every example experiment runs")
struct ExampleConfigsTests {
    static let configs: [String] = {
        let folder = TrainerHarness.packageRoot.appendingPathComponent("configs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test("there are example configs, the main job among them")
    func present() {
        #expect(Self.configs.contains("svm-vs-softmax.json"), "found \(Self.configs)")
    }

    /// The arguments that train configs/`name` for 3 epochs into `out`. The configs name their data
    /// relative to the package root, where students run them; the tests share one working
    /// directory, so they point at the same files by absolute path. CIFAR-10, which is not in the
    /// repository, is replaced by a small folder in its format written into `scratch`, and a
    /// generated set larger than `generatedSamples` (naive-vs-fast's 20,000 rows through the naive
    /// loops of a debug build) by one of that many rows.
    static let generatedSamples = 2_000

    static func trainArguments(_ name: String, out: URL, scratch: URL) throws -> [String] {
        let root = TrainerHarness.packageRoot
        let config = root.appendingPathComponent("configs/\(name)").path
        let rootJSON = try JSONParser.parse(String(contentsOfFile: config, encoding: .utf8))
        var arguments = ["train", config, "--out", out.path, "--set", "optimizer.epochs=3", "--quiet"]
        if let samples = rootJSON["data"]?["train"]?["generate"]?["samples"]?.numberValue, samples > Double(generatedSamples) {
            arguments += ["--set", "data.train.generate.samples=\(generatedSamples)"]
        }
        for split in ["train", "validation", "test"] {
            if let path = rootJSON["data"]?[split]?.stringValue {
                arguments += ["--set", "data.\(split)=" + root.appendingPathComponent(path).path]
            }
            if rootJSON["data"]?[split]?["cifar10"] != nil {
                arguments += ["--set", "data.\(split).cifar10=" + (try smallCIFAR10Folder(in: scratch)).path]
            }
        }
        return arguments
    }

    /// Each config trains once, into `.build/report-screenshots/<config>/` (kept for a person to
    /// look at), and its report is then opened in a browser where Chromium is installed.
    @Test("trains in 3 epochs, writes every file, and its report works in a browser (with Chromium)", arguments: configs)
    func trains(name: String) throws {
        let config = String(name.dropLast(".json".count))
        let out = ReportInBrowserTests.folder.appendingPathComponent(config)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("configs-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let arguments = try Self.trainArguments(name, out: out, scratch: scratch) + ["--force"]
        let output = TextOutput.capturing(), errors = TextOutput.capturing()
        let status = Trainer.main(arguments: arguments, standardOutput: output, standardError: errors)
        #expect(status == 0, "\(name): \(errors.text)")
        for file in ["config.resolved.json", "comparison.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(name): \(file) missing")
        }
        #expect(output.text.contains("Results in"), "\(name): \(output.text)")
        if status == 0, let chromium = ReportInBrowserTests.chromium {
            try ReportInBrowserTests.check(config: config, in: out, chromium: chromium)
        }
    }

    /// `cifar-10-batches-bin` in `folder` with five training batches of 60 records and a test
    /// batch of 20, labels cycling through the ten classes.
    static func smallCIFAR10Folder(in folder: URL) throws -> URL {
        let batches = folder.appendingPathComponent("cifar-10-batches-bin")
        guard !FileManager.default.fileExists(atPath: batches.path) else { return batches }
        try FileManager.default.createDirectory(at: batches, withIntermediateDirectories: true)
        for (name, count) in (1...5).map({ ("data_batch_\($0).bin", 60) }) + [("test_batch.bin", 20)] {
            let bytes = (0..<count).flatMap { cifarRecord(label: UInt8($0 % 10), seed: $0 * 31 + name.count) }
            try Data(bytes).write(to: batches.appendingPathComponent(name))
        }
        return batches
    }

    @Test("configs/cifar10.json without the dataset: exit 2, naming the folder, the key and where CIFAR-10 is published")
    func cifar10Missing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("configs-test-\(UUID().uuidString)")
        let config = TrainerHarness.packageRoot.appendingPathComponent("configs/cifar10.json").path
        let output = TextOutput.capturing(), errors = TextOutput.capturing()
        let missing = folder.appendingPathComponent("cifar-10-batches-bin").path
        let status = Trainer.main(arguments: ["train", config, "--out", folder.path, "--set", "data.train.cifar10=" + missing, "--quiet"],
                                  standardOutput: output, standardError: errors)
        #expect(status == 2)
        #expect(errors.text.hasPrefix("error: \(config): data.train: no such file \(missing); CIFAR-10 is published at https://www.cs.toronto.edu/~kriz/cifar.html"),
                "\(errors.text)")
    }
}
