import Foundation
import Testing
import Training

@Suite("Output folder — all files or none, and --force never deletes a student's own files")
struct OutputFolderTests {
    @Test("--force refuses the working directory and the folders above it")
    func workingDirectoryIsNeverReplaced() {
        let working = FileManager.default.currentDirectoryPath
        for path in [working, URL(fileURLWithPath: working).deletingLastPathComponent().path, "."] {
            #expect(throws: OutputError.notResults(path: path)) {
                try OutputFolder.destination(for: path, fromConfig: false, force: true)
            }
        }
    }

    @Test("--force replaces an empty folder or earlier results, not a folder of other files")
    func replaceable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("output-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try OutputFolder.destination(for: folder.path, fromConfig: false, force: true) == folder.path)
        try Data("x".utf8).write(to: folder.appendingPathComponent("thesis.tex"))
        #expect(throws: OutputError.notResults(path: folder.path)) {
            try OutputFolder.destination(for: folder.path, fromConfig: false, force: true)
        }
        #expect(throws: OutputError.notResults(path: folder.path)) {
            try OutputFolder.write([("a.txt", "a")], to: folder.path, force: true)
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("thesis.tex").path))

        let results = folder.appendingPathComponent("results").path
        try OutputFolder.write([("config.resolved.json", "{}\n"), ("run/history.csv", "epoch\n")], to: results, force: false)
        #expect(throws: OutputError.exists(path: results)) {
            try OutputFolder.destination(for: results, fromConfig: false, force: false)
        }
        #expect(try OutputFolder.destination(for: results, fromConfig: true, force: false) == results + "-2")
        try OutputFolder.write([("config.resolved.json", "{\"new\": 1}\n")], to: results, force: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: results) == ["config.resolved.json"])
    }
}
