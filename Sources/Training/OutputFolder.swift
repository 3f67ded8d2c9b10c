import Foundation

/// Why the results could not be written. Exit status 2 when the folder is taken, else 1.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// `--out` names a folder that exists, and `--force` was not given.
    case exists(path: String)
    /// The file system refused.
    case writeFailed(path: String, reason: String)
    /// `--force` on a folder that is not earlier results (no `config.resolved.json`), or that
    /// holds the working directory: replacing it would delete the student's own files.
    case notResults(path: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path): the output folder exists; choose another with --out, or pass --force to replace it"
        case .writeFailed(let path, let reason): "\(path): cannot write the results: \(reason)"
        case .notResults(let path):
            "\(path): --force replaces only a folder of earlier results (one with config.resolved.json, not the working directory); this one is kept, so choose another --out"
        }
    }
}

/// Writes an experiment's files all at once or not at all: everything goes into a hidden
/// temporary folder beside the destination, which is renamed into place at the end.
public enum OutputFolder {
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

    /// Writes `files` (relative path → text) into `path`, replacing an existing folder only when
    /// `force`. Nothing half-written is left behind on failure.
    public static func write(_ files: [(path: String, text: String)], to path: String, force: Bool) throws(OutputError) {
        let fileManager = FileManager.default
        let destination = URL(fileURLWithPath: path)
        let parent = destination.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: temporary.path) { try fileManager.removeItem(at: temporary) }
            for file in files {
                let url = temporary.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
            if fileManager.fileExists(atPath: destination.path) {
                guard force else { throw OutputError.exists(path: path) }
                guard isReplaceable(path) else { throw OutputError.notResults(path: path) }
                try fileManager.removeItem(at: destination)
            }
            try fileManager.moveItem(at: temporary, to: destination)
        } catch let error as OutputError {
            try? fileManager.removeItem(at: temporary)
            throw error
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw .writeFailed(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Every file of an experiment's results: the resolved config, each run's history, model and
    /// summary, the comparison, and any `extra` files (the report).
    public static func files(of experiment: Experiment, results: [RunResult], extra: [(path: String, text: String)] = []) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = [("config.resolved.json", JSONWriter.string(experiment.resolvedConfiguration))]
        for result in results {
            let folder = result.run.name
            files.append(("\(folder)/history.csv", ResultFiles.historyCSV(result.history)))
            files.append(("\(folder)/model.json", JSONWriter.string(experiment.modelFile(for: result).json)))
            files.append(("\(folder)/summary.json", JSONWriter.string(ResultFiles.summary(result))))
        }
        files.append(("comparison.csv", ResultFiles.comparisonCSV(results)))
        return files + extra
    }
}
