import Foundation
import Testing

@Suite("trainer generate — a failed write leaves nothing behind")
struct GenerateCommandTests {
    @Test("a folder in the way of the labels file: exit 2, and not even the features file is left", arguments: TrainerMode.available)
    func npyPairAllOrNothing(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("x-labels.npy"), withIntermediateDirectories: true)
        let run = try TrainerHarness.run(["generate", "blobs", "--out", folder.appendingPathComponent("x.npy").path], mode: mode)
        #expect(run.status == 2 && run.errors.contains("x-labels.npy: cannot write the file: a folder of that name is in the way"), "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x-labels.npy"], "no x.npy, no temporary file")
    }

    @Test("a missing folder: the error names the student's path, not a temporary one", arguments: TrainerMode.available)
    func missingFolder(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nowhere/x.csv").path
        let run = try TrainerHarness.run(["generate", "blobs", "--out", path], mode: mode)
        #expect(run.status == 2 && run.errors.contains("\(path): cannot read or write the file") && !run.errors.contains("partial"), "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("an existing file is replaced whole", arguments: TrainerMode.available)
    func replaces(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TrainerHarness.write("old", to: "x.csv", in: folder)
        let run = try TrainerHarness.run(["generate", "blobs", "--out", path, "--samples", "30"], mode: mode)
        #expect(run.status == 0, "\(run)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("x1,x2,label\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x.csv"])
    }
}
