import Foundation
import Testing
@testable import trainer

/// The EXAMPLES of every `trainer help COMMAND` are in the README, so the two cannot drift apart.
@Suite("Help examples match the README")
struct HelpExamplesTests {
    @Test("every example command line of the help appears in README.md")
    func examplesInReadme() throws {
        let readme = try String(contentsOf: TrainerHarness.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for command in Trainer.commands {
            for example in command.examples {
                #expect(readme.contains(example.command), "trainer help \(command.name): '\(example.command)' is not in README.md")
            }
        }
    }
}
