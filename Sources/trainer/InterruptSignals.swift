import Foundation
import Dispatch
import Training

/// Ctrl-C (SIGINT) and SIGTERM during `train` (SPEC §5). The first asks training to stop
/// (`Interruption`): the run in progress ends at the end of its step, the rest are skipped, and the
/// results of what was done are written. A second one stops at once: the results being written,
/// if any, are removed (`OutputFolder.abandonWriting`) and the process exits with 130.
///
/// The signals are turned into Dispatch events (the signal's default action set to "ignore"), so
/// the handler runs on an ordinary thread where taking a lock and deleting files are safe, unlike
/// in a C signal handler.
enum InterruptSignals {
    /// The exit status of a command stopped by a signal: 128 + SIGINT, as shells report it.
    static let exitStatus: Int32 = 130

    /// The sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Routes SIGINT and SIGTERM to `interruption`, explaining on `errors` what happens.
    static func install(_ interruption: Interruption, errors: TextOutput, errorsIsTerminal: Bool) {
        let queue = DispatchQueue(label: "trainer.signals")
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                // Signals that arrive together are counted together (`data`).
                for _ in 0..<max(1, Int(source.data)) {
                    if interruption.request() == 1 {
                        errors.write((errorsIsTerminal ? "\n" : "") + "trainer: stopping at the end of the current step and writing what was done; "
                            + "press Ctrl-C again to stop at once without writing.\n")
                    } else {
                        errors.write("\ntrainer: stopped at once; nothing half-written is left.\n")
                        OutputFolder.abandonWriting { _exit(exitStatus) }
                    }
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
