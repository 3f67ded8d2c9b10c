import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Processor placement — a helper leaves the caller's core, and is never pinned")
struct ProcessorPlacementTests {
    /// The calling thread's `Cpus_allowed_list` (its affinity), where Linux tells.
    static func allowedList() -> String? {
        guard let status = try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }.map(String.init)
    }

    /// Whether this thread may run on two processors or more, on a platform that tells which one it runs on.
    static var canMove: Bool {
        let count = allowedList().flatMap { AvailableCores.allowedProcessorCount(status: $0) } ?? 1
        return count >= 2 && ProcessorPlacement.current != nil
    }

    @Test("a thread moved off its processor runs on another one, with the affinity it had (not pinned)",
          .enabled(if: canMove, "Linux, two processors or more"))
    func moveOff() {
        let allowed = Self.allowedList()
        // The scheduler may move a thread back at any time; one of three tries shows the move.
        let moved = (0..<3).contains { _ in
            guard let processor = ProcessorPlacement.current else { return false }
            return ProcessorPlacement.moveOff(processor: processor) && ProcessorPlacement.current != processor
        }
        #expect(moved)
        #expect(Self.allowedList() == allowed)
    }

    @Test("a processor that is not allowed, or does not exist, is no move", .enabled(if: canMove, "Linux, two processors or more"))
    func noMove() {
        let allowed = Self.allowedList()
        #expect(!ProcessorPlacement.moveOff(processor: -1))
        #expect(!ProcessorPlacement.moveOff(processor: 1_000), "within the mask's 1,024 processors, but not allowed here")
        #expect(!ProcessorPlacement.moveOff(processor: 1 << 20))
        #expect(!ProcessorPlacement.moveOff(processor: Int.max))
        #expect(Self.allowedList() == allowed)
    }

    @Test("a helper leaves only the caller's processor, and only while the threads fit the cores")
    func helperLeaves() {
        #expect(ProcessorPlacement.helperLeaves(helper: 1, caller: 1, threads: 2, cores: 2))
        #expect(!ProcessorPlacement.helperLeaves(helper: 0, caller: 1, threads: 2, cores: 2))
        #expect(!ProcessorPlacement.helperLeaves(helper: 1, caller: 1, threads: 3, cores: 2))
        #expect(ProcessorPlacement.helperLeaves(helper: 3, caller: 3, threads: 8, cores: 8))
        #expect(!ProcessorPlacement.helperLeaves(helper: nil, caller: 1, threads: 2, cores: 2))
        #expect(!ProcessorPlacement.helperLeaves(helper: 1, caller: nil, threads: 2, cores: 2))
    }
}
