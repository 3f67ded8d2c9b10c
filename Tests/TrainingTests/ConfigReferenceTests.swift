import Foundation
import Testing
import Training

@Suite("docs/config.md is the schema")
struct ConfigReferenceTests {
    @Test("the committed reference equals the one generated from the schema (regenerate: see the test's message)")
    func upToDate() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = packageRoot.appendingPathComponent("docs/config.md").path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == ConfigReference.markdown,
                "docs/config.md is out of date: run `swift run trainer help config > docs/config.md`")
    }

    @Test("every section and key of the schema appears in the reference")
    func complete() {
        let text = ConfigReference.markdown
        for section in ConfigSchema.all {
            for key in section.keys {
                #expect(text.contains("`\(key.name)`"), "\(section.path).\(key.name) missing")
            }
        }
    }
}
