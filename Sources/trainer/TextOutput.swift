import Foundation
import Reports

/// Where a command writes text: a file handle (stdout, stderr) or, in tests, a buffer; optionally
/// with every line wrapped to a terminal's width (`limited(to:)`).
final class TextOutput: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private var buffer = ""
    /// The output this one wraps lines for, nil for an output of its own.
    private let base: TextOutput?
    /// The width every written line is wrapped to, nil: any width.
    let width: Int?

    /// Text written to the process's standard output.
    static let standardOutput = TextOutput(handle: .standardOutput)
    /// Text written to the process's standard error.
    static let standardError = TextOutput(handle: .standardError)

    /// An output that writes to `handle`, or collects the text when `handle` is nil.
    init(handle: FileHandle?) {
        self.handle = handle
        base = nil
        width = nil
    }

    private init(base: TextOutput, width: Int?) {
        handle = nil
        self.base = base
        self.width = width
    }

    /// An output that collects what is written, for tests.
    static func capturing() -> TextOutput { TextOutput(handle: nil) }

    /// This output with every line wrapped to `width` characters (nil: as it is).
    func limited(to width: Int?) -> TextOutput {
        guard let width else { return self }
        return TextOutput(base: base ?? self, width: width)
    }

    /// Writes `text`, its lines wrapped to `width` (add the newline yourself, and write whole lines).
    func write(_ text: String) {
        writeUnwrapped(width.map { wrapLines(text, width: $0) } ?? text)
    }

    /// Writes `text` as it is: for a progress line that fits itself and redraws with "\r".
    func writeUnwrapped(_ text: String) {
        if let base { return base.writeUnwrapped(text) }
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
        if let base { return base.text }
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
