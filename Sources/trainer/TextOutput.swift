import Foundation

/// Where a command writes text: a file handle (stdout, stderr) or, in tests, a buffer.
final class TextOutput: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private var buffer = ""

    /// Text written to the process's standard output.
    static let standardOutput = TextOutput(handle: .standardOutput)
    /// Text written to the process's standard error.
    static let standardError = TextOutput(handle: .standardError)

    /// An output that writes to `handle`, or collects the text when `handle` is nil.
    init(handle: FileHandle?) {
        self.handle = handle
    }

    /// An output that collects what is written, for tests.
    static func capturing() -> TextOutput { TextOutput(handle: nil) }

    /// Writes `text` as it is (add the newline yourself).
    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if let handle {
            handle.write(Data(text.utf8))
        } else {
            buffer += text
        }
    }

    /// Everything written so far to a capturing output.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
