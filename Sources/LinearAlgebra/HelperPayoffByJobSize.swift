/// The pool's payoffs, one per kind of job, a kind told apart by its number of pieces: in a run
/// the fused step, the transposition of W, the sum of the pieces' gradients, each elementwise
/// update and each pass of an evaluation have their own sizes, and so their own counts.
///
/// A kind that has not had a probe of its own yet works in the mode preferred by the kind that
/// has taken the most time (the training step, in a run): the evaluation of a split is one large
/// job an epoch, and starting it alone cost a short run its first evaluations at one thread's
/// speed (cifar-like, 4 epochs: 2 to 4 of the 6 on 2 threads, 90–110 ms each against 50–60
/// helped) although the steps' probes had shown that helpers pay.
struct HelperPayoffByJobSize {
    private var payoffs: [Int: HelperPayoff] = [:]
    /// Of the kinds that have had a probe, the one whose jobs have taken the most time.
    private var dominantKind: Int?

    /// The mode a kind without a probe of its own works in: the dominant kind's preference, or
    /// alone before any probe.
    private var inheritedMode: HelperPayoff.Mode {
        dominantKind.flatMap { payoffs[$0]?.preferred } ?? .alone
    }

    /// Whether the next job of `pieces` pieces invites the helpers.
    mutating func invitesHelpers(pieces: Int) -> Bool {
        let inherited = inheritedMode
        if payoffs[pieces].map({ $0.probes == 0 && $0.preferred != inherited }) ?? true {
            payoffs[pieces] = HelperPayoff(preferring: inherited)
        }
        return payoffs[pieces]?.invitesHelpers ?? false
    }

    /// Records a job of `pieces` pieces that took `time`.
    mutating func record(pieces: Int, jobTime time: Duration) {
        payoffs[pieces]?.record(jobTime: time)
        guard let payoff = payoffs[pieces], payoff.probes > 0 else { return }
        if let kind = dominantKind, let dominant = payoffs[kind], dominant.totalTime >= payoff.totalTime { return }
        dominantKind = pieces
    }
}
