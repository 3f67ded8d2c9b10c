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
    /// `columns` is the terminal width: `COLUMNS` for the subprocess (which otherwise runs without
    /// it, whatever the test's environment), the widths of the in-process run.
    static func run(_ arguments: [String], mode: TrainerMode, columns: Int? = nil) throws -> Invocation {
        switch mode {
        case .inProcess:
            let output = TextOutput.capturing(), errors = TextOutput.capturing()
            let status = Trainer.main(arguments: arguments, standardOutput: output, standardError: errors,
                                      environment: RunEnvironment(outputWidth: columns, errorsWidth: columns))
            return Invocation(status: status, output: output.text, errors: errors.text)
        case .subprocess:
            let child = try Child(arguments, columns: columns)
            defer { child.remove() }
            return try child.finish()
        }
    }

    /// The built `trainer` running as a child process, its stdout and stderr going to files, so that
    /// a test can watch it and send it signals.
    final class Child {
        let process = Process()
        let folder: URL
        let outputURL: URL, errorsURL: URL

        init(_ arguments: [String], columns: Int? = nil, workingDirectory: URL? = nil) throws {
            guard let executable else { throw HarnessError.executableMissing }
            folder = try temporaryFolder()
            outputURL = folder.appendingPathComponent("stdout")
            errorsURL = folder.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
            process.executableURL = executable
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["COLUMNS"] = columns.map(String.init)
            process.environment = environment
            if let workingDirectory { process.currentDirectoryURL = workingDirectory }
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorsURL)
            try process.run()
        }

        /// What it has written to stderr so far.
        var errors: String { (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? "" }

        /// Waits (up to `seconds`) until its stderr contains `text`; false if it did not, or it ended.
        func waitForErrors(containing text: String, seconds: Double = 60) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if errors.contains(text) { return true }
                if !process.isRunning { return errors.contains(text) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return false
        }

        /// Waits for it to end and returns what it did.
        func finish() throws -> Invocation {
            process.waitUntilExit()
            return Invocation(status: process.terminationStatus,
                              output: try String(contentsOf: outputURL, encoding: .utf8),
                              errors: try String(contentsOf: errorsURL, encoding: .utf8))
        }

        /// Ends it if it still runs (SIGKILL: a failed test must not leave it training) and removes the
        /// files of its streams.
        func remove() {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: folder)
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
