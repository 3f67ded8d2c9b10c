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

@Suite("Output folder — a failed write leaves nothing behind")
struct OutputFolderFailureTests {
    @Test("issue 17: an output.dir of 5,000 characters is refused before anything is created")
    func nameTooLong() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = folder.path + "/" + Array(repeating: "sweepruns", count: 500).joined(separator: "/")
        #expect { try OutputFolder.checkUsable(long, files: ["config.resolved.json"]) } throws: {
            "\($0)".contains("more than the 4095 the system allows")
        }
        let oneLongName = folder.path + "/runs/" + String(repeating: "x", count: 300)
        #expect { try OutputFolder.checkUsable(oneLongName, files: []) } throws: { "\($0)".contains("longer than the 255 bytes") }
        #expect(throws: OutputError.self) { try OutputFolder.write([("a.txt", "a")], to: long, force: false) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "not even runs/sweepruns")
    }

    @Test("a file in the way, a NUL byte, no permission: refused with the reason")
    func unusable() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        #expect { try OutputFolder.checkUsable(folder.path + "/file/out", files: []) } throws: { "\($0)".contains("is a file, not a folder") }
        #expect { try OutputFolder.checkUsable(folder.path + "/a\u{0}b", files: []) } throws: { "\($0)".contains("NUL") }
        try OutputFolder.checkUsable(folder.path + "/new/deeper/out", files: ["svm/model.json"])
    }

    @Test("a write that fails half-way removes its temporary folder and the parent folders it created")
    func cleanup() throws {
        let folder = try TrainingFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // "sub" is written as a file, so "sub/inner.txt" cannot be: the write fails after creating
        // new/deeper and its temporary folder
        let destination = folder.path + "/new/deeper/out"
        #expect(throws: OutputError.self) {
            try OutputFolder.write([("sub", "a file"), ("sub/inner.txt", "then a folder")], to: destination, force: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "new/ and new/deeper/ removed")
        // an existing parent is never removed
        try FileManager.default.createDirectory(atPath: folder.path + "/kept", withIntermediateDirectories: true)
        #expect(throws: OutputError.self) {
            try OutputFolder.write([("sub", "a file"), ("sub/inner.txt", "then a folder")], to: folder.path + "/kept/out", force: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/kept").isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/kept"))
    }
}
