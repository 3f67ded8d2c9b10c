import Testing
@testable import trainer

@Suite("trainer — command line")
struct TrainerTests {
    @Test("trainer --version prints the version")
    func version() {
        let output = TextOutput.capturing(), errors = TextOutput.capturing()
        #expect(Trainer.main(arguments: ["--version"], standardOutput: output, standardError: errors) == 0)
        #expect(output.text.contains(Trainer.version))
    }
}
