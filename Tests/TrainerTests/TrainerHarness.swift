import Foundation
@testable import trainer

/// One run of `trainer`: its exit status and what it wrote.
struct Invocation: CustomStringConvertible {
    var status: Int32
    var output: String
    var errors: String

    var description: String { "exit \(status)\n--- stdout\n\(output)--- stderr\n\(errors)" }
}

/// How a test runs `trainer`: in this process through `Trainer.main`, or the built executable as
/// a subprocess (what a student runs, with its real exit status and streams).
enum TrainerMode: String, CaseIterable, CustomStringConvertible, Sendable {
    case inProcess = "in-process"
    case subprocess

    var description: String { rawValue }

    /// The modes this machine can run: the subprocess only when the executable is built.
    static var available: [TrainerMode] {
        TrainerHarness.executable == nil ? [.inProcess] : allCases
    }
}

enum TrainerHarness {
    /// The package root: three folders above this file (Tests/TrainerTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `trainer` beside the test bundle, else in the package's `.build/debug`; nil when missing.
    static let executable: URL? = {
        let bundleFolder = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("trainer"),
            bundleFolder.appendingPathComponent("trainer"),
            packageRoot.appendingPathComponent(".build/debug/trainer"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `trainer arguments` in `mode`. Use absolute paths: tests run in parallel, and the
    /// in-process mode shares this process's working directory.
    static func run(_ arguments: [String], mode: TrainerMode) throws -> Invocation {
        switch mode {
        case .inProcess:
            let output = TextOutput.capturing(), errors = TextOutput.capturing()
            let status = Trainer.main(arguments: arguments, standardOutput: output, standardError: errors)
            return Invocation(status: status, output: output.text, errors: errors.text)
        case .subprocess:
            guard let executable else { throw HarnessError.executableMissing }
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let outputURL = folder.appendingPathComponent("stdout"), errorsURL = folder.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorsURL)
            try process.run()
            process.waitUntilExit()
            return Invocation(status: process.terminationStatus,
                              output: try String(contentsOf: outputURL, encoding: .utf8),
                              errors: try String(contentsOf: errorsURL, encoding: .utf8))
        }
    }

    /// A fresh, empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `folder` and returns its path.
    @discardableResult
    static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// `relative` resolved against the package root, e.g. `data/linear.csv`.
    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }
}

enum HarnessError: Error, CustomStringConvertible {
    case executableMissing

    var description: String { "the built trainer executable was not found; run `swift build` first" }
}
