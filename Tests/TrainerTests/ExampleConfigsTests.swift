import Foundation
import Testing
import Training
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

    @Test("trains in 3 epochs and writes every file", arguments: configs)
    func trains(name: String) throws {
        let root = TrainerHarness.packageRoot
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("configs-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let config = root.appendingPathComponent("configs/\(name)").path
        // The configs name their data relative to the package root, where students run them; the
        // tests share one working directory, so they point at the same files by absolute path.
        let rootJSON = try JSONParser.parse(String(contentsOfFile: config, encoding: .utf8))
        var arguments = ["train", config, "--out", out.path, "--set", "optimizer.epochs=3", "--quiet"]
        for split in ["train", "validation", "test"] {
            if let path = rootJSON["data"]?[split]?.stringValue {
                arguments += ["--set", "data.\(split)=" + root.appendingPathComponent(path).path]
            }
        }
        let output = TextOutput.capturing(), errors = TextOutput.capturing()
        let status = Trainer.main(arguments: arguments, standardOutput: output, standardError: errors)
        #expect(status == 0, "\(name): \(errors.text)")
        for file in ["config.resolved.json", "comparison.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(name): \(file) missing")
        }
        #expect(output.text.contains("Results in"), "\(name): \(output.text)")
    }
}
