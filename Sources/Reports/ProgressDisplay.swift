import Foundation
import Training

/// Training progress for people: on a terminal one line per run that redraws itself (run name,
/// epoch n/N, loss, train and validation accuracy, elapsed and remaining time); elsewhere (CI, a
/// pipe) a plain line every few epochs; with `quiet`, nothing.
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
    private let write: (String) -> Void
    private var lastRecord: EpochRecord?
    private var lastEvent: ProgressEvent?
    /// When the terminal line was last drawn: it is redrawn at most ten times a second.
    private var lastDrawn: Double = -1

    /// A display that writes with `write` (standard error, so results on standard output stay clean).
    public init(mode: Mode, write: @escaping (String) -> Void) {
        self.mode = mode
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
            write("  \(result.run.name): \(result.stopReason.explanation)\n")
        }
        lastRecord = nil
        lastEvent = nil
        lastDrawn = -1
    }

    /// `svm  epoch  40/100  loss 0.5123  train 87.5%  val 85.0%  0.4 s, 0.6 s left`
    func line(for event: ProgressEvent) -> String {
        let width = String(event.epochs).count
        let epoch = String(repeating: " ", count: max(0, width - String(event.epoch).count)) + String(event.epoch)
        var text = "\(event.runName)  epoch \(epoch)/\(event.epochs)"
        if let record = lastRecord {
            text += String(format: abs(record.loss) < 1e5 ? "  loss %.4f" : "  loss %.3e", record.loss)
            text += String(format: "  train %5.1f%%", 100 * record.trainAccuracy)
            if let validation = record.validationAccuracy { text += String(format: "  val %5.1f%%", 100 * validation) }
        }
        text += String(format: "  %.1f s", event.elapsedSeconds)
        if event.epoch > 0 && event.epoch < event.epochs {
            let remaining = event.elapsedSeconds / Double(event.epoch) * Double(event.epochs - event.epoch)
            text += String(format: ", %.1f s left", remaining)
        }
        return text
    }
}
