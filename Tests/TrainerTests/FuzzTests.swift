import Foundation
import Synchronization
import Testing
@testable import trainer
import Training

/// Issue 17's fuzz test: a few thousand seeded mutations of what a student can feed `trainer`
/// (`FuzzCorpus`), each run through `Trainer.main` in a folder of its own. A case fails on a crash
/// or a Swift runtime trap, a hang, an exit status other than 0, 1, 2 or 130, a non-zero exit with
/// nothing on stderr, or files left behind by a command that failed (or a half-written folder left
/// by one that succeeded).
///
/// A trap kills the process it happens in, so the cases run in a child process (a Swift Testing
/// exit test) that appends "▶ i" to `progress.log` before case i (and "✗ reason" before it stops
/// on a failure): when the child dies, the last mark names the case, which is reported with its
/// mutations, and a new child goes on after it.
@Suite("Fuzz — mutated configs, CSV, .npy, model files and command lines never crash trainer")
struct FuzzTests {
    /// The seed of the whole run: same seed, same cases. `TRAINER_FUZZ_SEED=N swift test --filter
    /// FuzzTests` explores other cases (and `TRAINER_FUZZ_CASES=N` more of them).
    static let seed: UInt64 = ProcessInfo.processInfo.environment["TRAINER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_251_206
    /// Cases per run, spread evenly over `FuzzInput`'s kinds.
    static let count = ProcessInfo.processInfo.environment["TRAINER_FUZZ_CASES"].flatMap { Int($0) } ?? 2000
    /// Failures reported before giving up (each restarts the child).
    static let maximumFailures = 8

    @Test("2,000 mutated inputs: no crash, trap or hang; exit 0, 1, 2 or 130; a failure explains itself and leaves nothing behind")
    func fuzz() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var start = 0, failures = 0
        let log = root.appendingPathComponent("progress.log")
        while start < Self.count, failures < Self.maximumFailures {
            try Data().write(to: log)
            let passed = await #expect(processExitsWith: .success) {
                [seed = Self.seed as UInt64, start = start as Int, count = Self.count as Int, root = root.path as String] in
                FuzzRunner.run(seed: seed, cases: start..<count, root: root)
            } != nil
            if passed { return }
            let lines = (try String(contentsOf: log, encoding: .utf8)).split(separator: "\n")
            guard let index = lines.last(where: { $0.hasPrefix("▶ ") }).flatMap({ Int($0.dropFirst(2)) }) else {
                Issue.record("the fuzz child failed before its first case")
                return
            }
            let reason = lines.last { $0.hasPrefix("✗ ") }.map { String($0.dropFirst(2)) } ?? "the process died (a crash or a runtime trap)"
            Issue.record("fuzz seed \(Self.seed), \(FuzzCorpus.make(seed: Self.seed, index: index).description)\n  failure: \(reason)")
            failures += 1
            start = index + 1
        }
    }
}

/// The child side of `FuzzTests`: runs the cases in-process and stops at the first failure.
enum FuzzRunner {
    /// Seconds after which a case's training is interrupted (as by Ctrl-C: exit 130 is fine), and
    /// after which it counts as hung.
    static let trainingBudget = 3.0
    static let hangLimit = 30.0

    static func run(seed: UInt64, cases: Range<Int>, root: String) {
        log = FileHandle(forWritingAtPath: root + "/progress.log")
        let watchdog = Watchdog()
        for index in cases {
            let fuzzCase = FuzzCorpus.make(seed: seed, index: index)
            write("▶ \(index)")
            let folder = URL(fileURLWithPath: root).appendingPathComponent(String(index))
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (name, bytes) in fuzzCase.files {
                    let file = folder.appendingPathComponent(name)  // a name may hold a folder: cifar/test_batch.bin
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: file)
                }
            } catch {
                fail(index, "could not set up the case: \(error)")
            }
            let before = listing(folder)
            _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
            let interruption = Interruption()
            watchdog.watch(index: index, interruption: interruption)
            let output = TextOutput.capturing(), errors = TextOutput.capturing()
            let status = Trainer.main(arguments: fuzzCase.arguments, standardOutput: output, standardError: errors,
                                      environment: RunEnvironment(interruption: interruption))
            watchdog.watch(index: nil, interruption: nil)
            _ = FileManager.default.changeCurrentDirectoryPath(root)
            let after = listing(folder)
            if ![0, 1, 2, 130].contains(status) { fail(index, "exit status \(status)") }
            if status != 0 && errors.text.isEmpty { fail(index, "exit status \(status) with nothing on stderr") }
            if status != 0 && after != before {
                fail(index, "exit \(status) left files behind: \(after.subtracting(before).sorted().prefix(5)) (stderr: \(errors.text.prefix(300)))")
            }
            if let partial = after.first(where: { $0.contains(".trainer-partial") }) { fail(index, "a half-written folder was left: \(partial)") }
            try? FileManager.default.removeItem(at: folder)
        }
        // Files a case may legitimately write beside its folder ("output.dir": "..") go with the root.
    }

    /// Every path below `folder`, relative.
    static func listing(_ folder: URL) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? [])
    }

    /// The log the parent reads after the child ends.
    nonisolated(unsafe) static var log: FileHandle?

    /// Appends `line` to the log (unbuffered: it is there even if the next instruction traps).
    static func write(_ line: String) {
        log?.write(Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }

    static func fail(_ index: Int, _ reason: String) -> Never {
        write("✗ \(reason)")
        exit(1)
    }

    /// Interrupts a case's training after `trainingBudget` seconds, and ends the child when a case
    /// takes longer than `hangLimit`.
    final class Watchdog: Sendable {
        private let current = Mutex<(index: Int, started: Date, interruption: Interruption)?>(nil)

        init() {
            let thread = Thread { [self] in
                while true {
                    Thread.sleep(forTimeInterval: 0.05)
                    current.withLock { current in
                        guard let current else { return }
                        let elapsed = Date().timeIntervalSince(current.started)
                        if elapsed > FuzzRunner.trainingBudget, !current.interruption.isRequested { current.interruption.request() }
                        if elapsed > FuzzRunner.hangLimit {
                            FuzzRunner.write("✗ no answer after \(Int(FuzzRunner.hangLimit)) s (a hang)")
                            _exit(3)
                        }
                    }
                }
            }
            thread.start()
        }

        func watch(index: Int?, interruption: Interruption?) {
            current.withLock { current in
                current = index.flatMap { index in interruption.map { (index, Date(), $0) } }
            }
        }
    }
}
