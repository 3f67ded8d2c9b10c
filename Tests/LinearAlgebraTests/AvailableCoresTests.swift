import Foundation
import Testing
@testable import LinearAlgebra

@Suite("Available cores — CPU affinity and cgroup CPU quota, as Linux reports them")
struct AvailableCoresTests {
    // Cpus_allowed_list value | processors (nil: not understood)
    static let affinities: [(String, Int?)] = [("0-1", 2), ("0", 1), ("0-3,6", 5), ("0-1,4-5,8", 5), ("3-1", nil), ("x", nil), ("", nil)]

    @Test("Cpus_allowed_list in /proc/self/status counts the processors the process may run on", arguments: affinities)
    func affinity(list: String, expected: Int?) {
        let status = "Name:\tbenchmark\nCpus_allowed:\t3\nCpus_allowed_list:\t\(list)\nMems_allowed:\t1\n"
        #expect(AvailableCores.allowedProcessorCount(status: status) == expected, "'\(list)'")
    }

    @Test("no Cpus_allowed_list line: unknown")
    func affinityMissing() {
        #expect(AvailableCores.allowedProcessorCount(status: "Name:\tx\n") == nil)
    }

    @Test("cgroup v2 cpu.max: '150000 100000' is 1.5 cores, 'max 100000' no limit")
    func cgroupTwo() {
        #expect(AvailableCores.quota(cpuMax: "150000 100000\n") == 1.5)
        #expect(AvailableCores.quota(cpuMax: "max 100000\n") == nil)
        #expect(AvailableCores.quota(cpuMax: "garbage") == nil)
    }

    @Test("cgroup v1 cfs quota and period: 200000/100000 is 2 cores, −1 no limit")
    func cgroupOne() {
        #expect(AvailableCores.quota(cfsQuota: "200000\n", cfsPeriod: "100000\n") == 2)
        #expect(AvailableCores.quota(cfsQuota: "-1\n", cfsPeriod: "100000\n") == nil)
    }

    @Test("/proc/self/cgroup gives the v2 path and the v1 cpu controller's folder and path")
    func cgroupPaths() {
        let file = "12:memory:/user\n4:cpu,cpuacct:/docker/abc\n0::/system.slice/x.service\n"
        let paths = AvailableCores.cgroupPaths(cgroupFile: file)
        #expect(paths.unified == "/system.slice/x.service")
        #expect(paths.cpu?.folder == "cpu,cpuacct" && paths.cpu?.path == "/docker/abc")
        #expect(AvailableCores.ancestors(of: "/a/b") == ["/a/b", "/a", ""])
        #expect(AvailableCores.ancestors(of: "/") == [""])
    }

    @Test("the smallest quota of the cgroup and its ancestors counts, read from a cgroup folder tree")
    func cgroupQuotaFromFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cgroup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let leaf = root.appendingPathComponent("jobs/student")
        try FileManager.default.createDirectory(at: leaf, withIntermediateDirectories: true)
        try "max 100000\n".write(to: root.appendingPathComponent("cpu.max"), atomically: true, encoding: .utf8)
        try "300000 100000\n".write(to: root.appendingPathComponent("jobs/cpu.max"), atomically: true, encoding: .utf8)
        try "150000 100000\n".write(to: leaf.appendingPathComponent("cpu.max"), atomically: true, encoding: .utf8)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/jobs/student\n", root: root.path) == 1.5)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/jobs\n", root: root.path) == 3)
        #expect(AvailableCores.cgroupQuota(cgroupFile: "0::/\n", root: root.path) == nil)
    }

    @Test("this process may use at least one core and at most the active processors")
    func count() {
        #expect((1...max(1, ProcessInfo.processInfo.activeProcessorCount)).contains(AvailableCores.count()))
    }
}
