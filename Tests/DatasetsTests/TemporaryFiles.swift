import Foundation

/// A fresh directory under the system's temporary directory for one test's files.
func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("DatasetsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Writes `contents` (as UTF-8) to a file named `name` in a fresh temporary directory; returns its path.
func temporaryFile(named name: String = "data.csv", contents: String) throws -> String {
    try temporaryFile(named: name, bytes: Array(contents.utf8))
}

/// Writes `bytes` to a file named `name` in a fresh temporary directory; returns its path.
func temporaryFile(named name: String, bytes: [UInt8]) throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// The rendered message of the `DatasetError` that `body` throws, or nil when it throws none.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}
