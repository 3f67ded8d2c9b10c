import Foundation
import Testing
@testable import trainer

/// A generator parameter out of range names what the student typed: the option, or the config key.
@Suite("Generator parameters name the option or the key path")
struct GeneratorErrorsTests {
    @Test("trainer generate spiral --samples 3 names --samples", arguments: TrainerMode.available)
    func option(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        let result = try TrainerHarness.run(["generate", "spiral", "--out", folder.appendingPathComponent("s.csv").path, "--samples", "3"], mode: mode)
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("--samples '3': expected from 6"), "\(result)")
    }

    @Test("a generate source with 3 samples names data.train.generate.samples", arguments: TrainerMode.available)
    func configKey(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        let config = try TrainerHarness.write(#"{"data": {"train": {"generate": {"kind": "spiral", "samples": 3}}}}"#, to: "g.json", in: folder)
        let result = try TrainerHarness.run(["train", config, "--out", folder.appendingPathComponent("out").path], mode: mode)
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("g.json: data.train.generate.samples: expected from 6"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing is written")
    }
}
