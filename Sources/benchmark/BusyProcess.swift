import Foundation

/// One CPU-bound child process, the load of `benchmark train`'s contended figures: this binary run
/// as `benchmark busy`, which spins on one core until it is ended (or its parent is gone).
struct BusyProcess: BenchmarkCommand {
    static let name = "busy"
    static let summary = "spin on one core until ended (train's contended figures)"
    static let example = "benchmark busy &"

    /// None: it ends when its parent does, or when killed.
    struct Settings {}

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [])
    }

    let process: Process

    /// Starts `benchmark busy` and gives it a moment to be scheduled.
    static func start() throws -> BusyProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        }
        process.arguments = [name]
        try process.run()
        Thread.sleep(forTimeInterval: 0.2)
        return BusyProcess(process: process)
    }

    /// Ends the child and waits for it.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// The child's loop: integer arithmetic whose result is checked (so that it is computed), and
    /// every few milliseconds a look at whether the parent is still there.
    static func run(_ arguments: [String]) throws {
        _ = try parser.parse(arguments)
        let parent = getppid()
        var state: UInt64 = 1
        while getppid() == parent {
            for _ in 0..<1_000_000 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
            if state == 0 { print(state) }
        }
    }
}
