import Foundation
import Synchronization

/// Why the results could not be written. Exit status 2 when the folder is taken, else 1.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// `--out` names a folder that exists, and `--force` was not given.
    case exists(path: String)
    /// The file system refused.
    case writeFailed(path: String, reason: String)
    /// `--force` on a folder that is not earlier results (no `config.resolved.json`), or that
    /// holds the working directory: replacing it would delete the student's own files.
    case notResults(path: String)
    /// The folder cannot be made, found before anything is trained or written: a name longer than
    /// the file system allows, a file where a folder should be, no permission.
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path): the output folder exists; choose another with --out, or pass --force to replace it"
        case .writeFailed(let path, let reason): "\(path): cannot write the results: \(reason)"
        case .notResults(let path):
            "\(path): --force replaces only a folder of earlier results (one with config.resolved.json, not the working directory); this one is kept, so choose another --out"
        case .unusable(let path, let reason):
            "\(Self.shortened(path)): cannot write the results here: \(reason)"
        }
    }

    /// A path of at most 200 characters for a message: a 5,000-character `output.dir` is shown by
    /// its start and end.
    static func shortened(_ path: String) -> String {
        path.count <= 200 ? path : "\(path.prefix(100))…\(path.suffix(60)) (\(path.utf8.count) bytes)"
    }
}

extension OutputError {
    /// Why writing at `path` failed, in words: the folder that is missing or not writable.
    public static func reason(writing path: String) -> String {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        var existing = folder
        while !fileManager.fileExists(atPath: existing.path) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        if !fileManager.isWritableFile(atPath: existing.path) { return "no permission to write in \(existing.path)" }
        if existing != folder { return "the folder \(folder.path) does not exist" }
        return "the file system refused (is the disk full, or is a file in the way?)"
    }
}

/// Writes an experiment's files all at once or not at all: everything goes into a hidden
/// temporary folder beside the destination, which is renamed into place at the end. A failure
/// removes the temporary folder and every parent folder the write created; a second Ctrl-C
/// (`abandonWriting`) removes the temporary folder before the process ends.
public enum OutputFolder {
    /// The longest file name (one path component) Linux and macOS file systems take, in bytes.
    public static let nameLimit = 255
    /// The longest path the system calls take, in bytes (PATH_MAX, less its terminating zero).
    public static let pathLimit = 4095

    /// The folder to write to. A taken name from the config moves on to the next free one
    /// (`runs/x-2`, `runs/x-3`, …); a taken `--out` name is an error unless `force`.
    public static func destination(for path: String, fromConfig: Bool, force: Bool) throws(OutputError) -> String {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: path) else { return path }
        if force {
            guard isReplaceable(path) else { throw .notResults(path: path) }
            return path
        }
        guard fromConfig else { throw .exists(path: path) }
        var suffix = 2
        while fileManager.fileExists(atPath: "\(path)-\(suffix)") { suffix += 1 }
        return "\(path)-\(suffix)"
    }

    /// Checks, before anything is trained or created, that `files` (relative paths) can be written
    /// under `path`: every name within `nameLimit` bytes, every path within `pathLimit`, no NUL
    /// byte, and the nearest existing folder above `path` a writable folder.
    public static func checkUsable(_ path: String, files: [String]) throws(OutputError) {
        if path.utf8.contains(0) || files.contains(where: { $0.utf8.contains(0) }) {
            throw .unusable(path: path, reason: "a path cannot hold a NUL character")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        for component in absolute.pathComponents + [temporaryName()] + files.flatMap({ $0.split(separator: "/").map(String.init) })
        where component.utf8.count > nameLimit {
            throw .unusable(path: path, reason: "the name '\(OutputError.shortened(component))' is longer than the \(nameLimit) bytes a file system allows in one name")
        }
        let longest = files.map { absolute.path.utf8.count + 1 + $0.utf8.count }.max() ?? absolute.path.utf8.count
        if longest > pathLimit {
            throw .unusable(path: path, reason: "its files' paths would be \(longest) bytes long, more than the \(pathLimit) the system allows")
        }
        var existing = absolute.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        if !isFolder.boolValue { throw .unusable(path: path, reason: "\(existing.path) is a file, not a folder") }
        if !FileManager.default.isWritableFile(atPath: existing.path) { throw .unusable(path: path, reason: "no permission to write in \(existing.path)") }
    }

    /// True when `path` may be deleted by `--force`: an empty folder, or one holding earlier
    /// results, and in either case not the working directory or a folder above it.
    static func isReplaceable(_ path: String) -> Bool {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let working = URL(fileURLWithPath: fileManager.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath().path
        if working == folder || working.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") { return false }
        guard let contents = try? fileManager.contentsOfDirectory(atPath: path) else { return false }
        return contents.isEmpty || contents.contains("config.resolved.json")
    }

    /// The name of the hidden folder beside the destination that a write fills before renaming it:
    /// short whatever the destination's name (so that a name near `nameLimit` still fits), and
    /// unique to this process and write (tests write in parallel in one process).
    static func temporaryName() -> String {
        ".trainer-partial-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    /// The temporary folder of the write in progress, if any. Held while a file is written or the
    /// folder renamed, so that `abandonWriting` never sees half a step.
    private static let writeInProgress = Mutex<URL?>(nil)

    /// Writes `files` (relative path → text) into `path`, replacing an existing folder only when
    /// `force`. Nothing half-written is left behind on failure: neither the temporary folder nor a
    /// parent folder that this write created.
    public static func write(_ files: [(path: String, text: String)], to path: String, force: Bool) throws(OutputError) {
        try checkUsable(path, files: files.map(\.path))
        let fileManager = FileManager.default
        let destination = URL(fileURLWithPath: path)
        let parent = destination.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(temporaryName())
        var createdParents: [URL] = []
        var missing = parent.standardizedFileURL
        while !fileManager.fileExists(atPath: missing.path) && missing.path != "/" {
            createdParents.append(missing)
            missing = missing.deletingLastPathComponent()
        }
        func step(_ body: () throws -> Void) throws {
            try writeInProgress.withLock { active in
                active = temporary
                try body()
            }
        }
        do {
            try step { try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true) }
            for file in files {
                let url = temporary.appendingPathComponent(file.path)
                try step {
                    try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.text.utf8).write(to: url)
                }
            }
            try step {
                if fileManager.fileExists(atPath: destination.path) {
                    guard force else { throw OutputError.exists(path: path) }
                    guard isReplaceable(path) else { throw OutputError.notResults(path: path) }
                    try fileManager.removeItem(at: destination)
                }
                try fileManager.moveItem(at: temporary, to: destination)
            }
            writeInProgress.withLock { $0 = nil }
        } catch {
            writeInProgress.withLock { active in
                try? fileManager.removeItem(at: temporary)
                for folder in createdParents where (try? fileManager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                    try? fileManager.removeItem(at: folder)
                }
                active = nil
            }
            if let error = error as? OutputError { throw error }
            throw .writeFailed(path: path, reason: OutputError.reason(writing: path))
        }
    }

    /// For a second Ctrl-C: waits for the file being written, removes the temporary folder of the
    /// write in progress (if any) and calls `exit` without giving the write back its turn, so no
    /// half-written results are left whatever the moment.
    public static func abandonWriting(then exit: () -> Never) -> Never {
        writeInProgress.withLock { active -> Never in
            if let active { try? FileManager.default.removeItem(at: active) }
            exit()
        }
    }

    /// Every file of one seed's results: the resolved config, each run's history, model and
    /// summary, the comparison, and any `extra` files (the report).
    public static func files(of experiment: Experiment, results: [RunResult], extra: [(path: String, text: String)] = []) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = [("config.resolved.json", JSONWriter.string(experiment.resolvedConfiguration))]
        for result in results {
            let folder = result.run.name
            files.append(("\(folder)/history.csv", ResultFiles.historyCSV(result.history)))
            files.append(("\(folder)/model.json", JSONWriter.string(experiment.modelFile(for: result).json)))
            files.append(("\(folder)/summary.json", JSONWriter.string(ResultFiles.summary(result))))
        }
        files.append(("comparison.csv", ResultFiles.comparisonCSV(results, seed: experiment.configuration.seed)))
        return files + extra
    }

    /// The relative paths `files(of:results:)` will write for `runNames` (with `seed-S/` folders
    /// for `seeds` when repeated), for `checkUsable` before training.
    public static func plannedFiles(runNames: [String], seeds: [UInt64]) -> [String] {
        let perSeed = ["config.resolved.json", "comparison.csv", "report.html"]
            + runNames.flatMap { ["\($0)/history.csv", "\($0)/model.json", "\($0)/summary.json"] }
        guard seeds.count > 1 else { return perSeed }
        return perSeed + seeds.flatMap { seed in perSeed.map { "seed-\(seed)/\($0)" } }
    }
}
