import Foundation

/// The width a printed line must fit (SPEC §5): `COLUMNS` when it is set to a positive integer
/// (also in a pipe: a student who sets it wants it), else the width of the terminal the stream is
/// (ioctl TIOCGWINSZ), else nil — a file or pipe takes lines of any width.
enum TerminalWidth {
    /// The width for the stream on `descriptor`, given the process's `environment`.
    static func of(descriptor: Int32, environment: [String: String]) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return columns
        }
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
