import ThreadPlacement

/// Where a thread runs, for `WorkerPool`'s helpers: which processor, and moving off one. Linux
/// only (`ThreadPlacement`, a C target); elsewhere nothing is known and nothing moves.
enum ProcessorPlacement {
    /// The processor the calling thread runs on, or nil where the platform does not tell.
    static var current: Int? {
        let processor = Int(currentProcessor())
        return processor >= 0 ? processor : nil
    }

    /// Moves the calling thread off `processor` to another one its affinity allows, and sets its
    /// affinity back as it was, so that it is not pinned; false when it was not moved (the
    /// processor is not allowed or the only one, or the platform has no affinity) or its affinity
    /// could not be set back.
    @discardableResult
    static func moveOff(processor: Int) -> Bool {
        guard let processor = Int32(exactly: processor) else { return false }
        return moveOffProcessor(processor) == 0
    }

    /// Whether a helper on processor `helper` leaves it before it takes a job's pieces: when it is
    /// the processor the caller posted the job from, and the job's `threads` do not outnumber the
    /// `cores` (with more threads than cores, threads share cores anyway). The caller may have
    /// moved since it posted the job; the scheduler corrects the rare wrong move.
    static func helperLeaves(helper: Int?, caller: Int?, threads: Int, cores: Int) -> Bool {
        guard let helper, let caller else { return false }
        return helper == caller && threads <= cores
    }
}
