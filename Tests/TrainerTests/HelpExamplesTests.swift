import Foundation
import Testing
@testable import trainer

/// The EXAMPLES of every `trainer help COMMAND` are in the README, so the two cannot drift apart.
@Suite("Help examples match the README")
struct HelpExamplesTests {
    @Test("every example of the help is a line of README.md, with the same comment")
    func examplesInReadme() throws {
        let readme = try String(contentsOf: TrainerHarness.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for command in Trainer.commands {
            for example in command.examples {
                let line = readme.split(separator: "\n").first { $0.hasPrefix(example.command + " ") || $0 == example.command }
                #expect(line != nil, "trainer help \(command.name): '\(example.command)' is not a line of README.md")
                #expect(line.map { $0.hasSuffix("# " + example.comment) } ?? true,
                        "trainer help \(command.name): README.md's line for '\(example.command)' does not end with '# \(example.comment)'")
            }
        }
    }
}
