import Synchronization

/// A request to stop training early, made by Ctrl-C (SIGINT) or SIGTERM and heard by the training
/// loop between two SGD steps (SPEC §5): the run in progress stops at the end of its current step,
/// the runs not yet started are skipped, and what was done is kept.
///
/// The signal handler (another thread) calls `request()`; the loop reads `isRequested` after
/// every minibatch, so that read is one relaxed atomic load: no lock, no fence, nothing that
/// would show in the time of a step. Relaxed ordering is enough because the flag guards no other
/// memory: the loop only needs to see it eventually, within a step or two.
public final class Interruption: Sendable {
    private let requests = Atomic<Int>(0)

    public init() {}

    /// Records one more request (one more Ctrl-C) and returns how many there have been.
    @discardableResult
    public func request() -> Int {
        requests.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Whether a stop has been requested.
    public var isRequested: Bool {
        requests.load(ordering: .relaxed) > 0
    }
}
