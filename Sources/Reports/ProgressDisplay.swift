import Foundation
import Training

/// Training progress for people: on a terminal one line per run that redraws itself (run name,
/// epoch n/N, loss, train and validation accuracy, elapsed and remaining time); elsewhere (CI, a
/// pipe) a plain line every few epochs; with `quiet`, nothing. Given a terminal width, every line
/// fits it (SPEC §5): the least useful parts go first (time left, elapsed time, train accuracy,
/// loss), and a name too long for the rest is cut with "…". A redrawn line keeps one column free,
/// so that no terminal wraps it and leaves a fragment behind.
public final class ProgressDisplay {
    public enum Mode: Sendable {
        /// Redraw one line per run with a carriage return.
        case terminal
        /// A plain line about every tenth of the run.
        case plain
        /// Nothing.
        case quiet
    }

    private let mode: Mode
    /// The terminal's width in characters, nil: any.
    private let width: Int?
    private let write: (String) -> Void
    private var lastRecord: EpochRecord?
    private var lastEvent: ProgressEvent?
    /// When the terminal line was last drawn: it is redrawn at most ten times a second.
    private var lastDrawn: Double = -1

    /// A display that writes with `write` (standard error, so results on standard output stay
    /// clean), every line within `width` characters when given.
    public init(mode: Mode, width: Int? = nil, write: @escaping (String) -> Void) {
        self.mode = mode
        self.width = width.map { max($0, 1) }
        self.write = write
    }

    /// Shows `event`.
    public func show(_ event: ProgressEvent) {
        if let record = event.record { lastRecord = record }
        lastEvent = event
        switch mode {
        case .quiet:
            return
        case .terminal:
            let last = event.epoch == event.epochs
            guard last || event.epoch == 0 || event.elapsedSeconds - lastDrawn >= 0.1 else { return }
            lastDrawn = event.elapsedSeconds
            write("\r\u{1B}[2K" + line(for: event) + (last ? "\n" : ""))
        case .plain:
            let every = max(1, event.epochs / 10)
            if event.epoch > 0 && (event.epoch % every == 0 || event.epoch == event.epochs) && event.record != nil {
                write(line(for: event) + "\n")
            }
        }
    }

    /// Ends the current run's line (a run that stopped early leaves its line open on a terminal).
    public func finishRun(_ result: RunResult) {
        if mode == .terminal, result.epochsRun < result.run.optimizer.epochs, let lastEvent {
            write("\r\u{1B}[2K" + line(for: lastEvent) + "\n")  // the epoch it stopped at, not a stale one
        }
        if mode != .quiet, result.stopReason != .completed {
            let text = "  \(result.run.name): \(result.stopReason.explanation)\n"
            write(width.map { wrapLines(text, width: $0) } ?? text)
        }
        lastRecord = nil
        lastEvent = nil
        lastDrawn = -1
    }

    /// The line of `event`, within the display's width: a redrawn one a column narrower.
    func line(for event: ProgressEvent) -> String {
        guard let width else { return parts(for: event).joined() }
        return Self.fitted(parts(for: event), width: mode == .terminal ? max(width - 1, 1) : width)
    }

    /// `svm  epoch  40/100  loss 0.5123  train 87.5%  val 85.0%  0.4 s, 0.6 s left` in its parts,
    /// each after the first with its separator.
    func parts(for event: ProgressEvent) -> [String] {
        let width = String(event.epochs).count
        let epoch = String(repeating: " ", count: max(0, width - String(event.epoch).count)) + String(event.epoch)
        var parts = [event.runName, "  epoch \(epoch)/\(event.epochs)"]
        if let record = lastRecord {
            parts.append("  loss " + formatLoss(record.loss))
            parts.append("  train " + Self.padded(formatAccuracy(record.trainAccuracy)))
            if let validation = record.validationAccuracy { parts.append("  val " + Self.padded(formatAccuracy(validation))) }
        }
        parts.append("  " + formatFixed(event.elapsedSeconds, decimals: 1) + " s")
        if event.epoch > 0 && event.epoch < event.epochs {
            let remaining = event.elapsedSeconds / Double(event.epoch) * Double(event.epochs - event.epoch)
            parts.append(", " + formatFixed(remaining, decimals: 1) + " s left")
        }
        return parts
    }

    /// An accuracy padded to "100.0%"'s width, so that the redrawn columns stay put.
    static func padded(_ text: String) -> String {
        String(repeating: " ", count: max(0, 6 - text.count)) + text
    }

    /// `parts` joined within `width`: leaving out the time left, the elapsed time, the train
    /// accuracy and the loss in turn, then cutting the name.
    static func fitted(_ parts: [String], width: Int) -> String {
        var parts = parts
        for prefix in [", ", "  ", "  train ", "  loss "] {
            if parts.joined().count <= width { break }
            // The time parts are the only ones that start with ", " or are "  N s"; the others by name.
            if let index = parts.lastIndex(where: { prefix == "  " ? $0.hasSuffix(" s") : $0.hasPrefix(prefix) }), index > 0 {
                parts.remove(at: index)
            }
        }
        let rest = parts.dropFirst().joined()
        if parts[0].count + rest.count <= width { return parts.joined() }
        let room = width - rest.count
        if room >= 2 { return String(parts[0].prefix(room - 1)) + "…" + rest }
        let line = parts.joined()
        return width >= 2 ? String(line.prefix(width - 1)) + "…" : String(line.prefix(width))
    }
}
