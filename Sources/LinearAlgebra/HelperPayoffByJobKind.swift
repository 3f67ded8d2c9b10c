/// A kind of job of `WorkerPool`: where its `ParallelPartition.forEachPiece` was called (the
/// file and line) and its number of pieces. The fused step, the transposition of W, each
/// elementwise update and the evaluation of each split are different kinds, even when two of them
/// have as many pieces (cifar-like's step and a validation split of 4,900 rows both have 2).
struct JobKind: Hashable {
    /// The address of the call's `#fileID` text: one per source file.
    let file: Int
    let line: UInt
    let pieces: Int

    init(pieces: Int, file: StaticString, line: UInt) {
        self.file = file.hasPointerRepresentation ? Int(bitPattern: file.utf8Start) : 0
        self.line = line
        self.pieces = pieces
    }
}

/// The pool's payoffs, one per kind of job (`JobKind`), each timed on its own jobs.
///
/// A kind that has not had a probe of its own yet works in the mode preferred by the kind that
/// has taken the most time (the training step, in a run): the evaluation of a split is one large
/// job an epoch, and starting it alone cost a short run its first evaluations at one thread's
/// speed (cifar-like, 4 epochs: 2 to 4 of the 6 on 2 threads, 90–110 ms each against 50–60
/// helped) although the steps' probes had shown that helpers pay. Such a kind starts afresh
/// whenever that preference changes, so on a machine whose load keeps changing it may follow the
/// dominant kind for good, which is what it would be told anyway.
struct HelperPayoffByJobKind {
    private var payoffs: [JobKind: HelperPayoff] = [:]
    /// Of the kinds that have had a probe, the one whose jobs have taken the most time.
    private var dominantKind: JobKind?

    /// The mode a kind without a probe of its own works in: the dominant kind's preference, or
    /// alone before any probe.
    private var inheritedMode: HelperPayoff.Mode {
        dominantKind.flatMap { payoffs[$0]?.preferred } ?? .alone
    }

    /// Whether the next job of `kind` invites the helpers.
    mutating func invitesHelpers(kind: JobKind) -> Bool {
        let inherited = inheritedMode
        if payoffs[kind].map({ $0.probes == 0 && $0.preferred != inherited }) ?? true {
            payoffs[kind] = HelperPayoff(preferring: inherited)
        }
        return payoffs[kind]?.invitesHelpers ?? false
    }

    /// Records a job of `kind` that took `time`.
    mutating func record(kind: JobKind, jobTime time: Duration) {
        payoffs[kind]?.record(jobTime: time)
        guard let payoff = payoffs[kind], payoff.probes > 0 else { return }
        if let dominant = dominantKind.flatMap({ payoffs[$0] }), dominant.totalTime >= payoff.totalTime { return }
        dominantKind = kind
    }
}
