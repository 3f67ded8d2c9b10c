import Foundation

/// The number of cores this process may use: the processors it is allowed to run on (its CPU
/// affinity, e.g. `taskset -c 0,1`), capped by its cgroup's CPU quota (a container started with
/// `--cpus 1.5` may run 1.5 cores' worth of time: 2 threads), where the platform tells; else the
/// active processors.
///
/// On Linux the affinity is the kernel's own report of `sched_getaffinity`'s mask,
/// `Cpus_allowed_list` in /proc/self/status, and the quota is cgroup v2's `cpu.max` or cgroup
/// v1's `cpu.cfs_quota_us` / `cpu.cfs_period_us` of the process's cgroup and its ancestors (the
/// smallest wins). What cannot be read is taken as unlimited.
enum AvailableCores {
    /// min(affinity, ⌈quota⌉, active processors), at least 1. Reads a few small files.
    static func count() -> Int {
        let active = max(1, ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        let affinity = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)).flatMap { allowedProcessorCount(status: $0) }
        let limit = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)).flatMap { cgroupQuota(cgroupFile: $0) }
        return max(1, min(active, affinity ?? active, limit.map { Int($0.rounded(.up)) } ?? active))
        #else
        return active
        #endif
    }

    /// The number of processors in /proc/self/status's `Cpus_allowed_list:` line (e.g. `0-3,6`
    /// is 5), or nil when there is no such line or it does not parse.
    static func allowedProcessorCount(status: String) -> Int? {
        let prefix = "Cpus_allowed_list:"
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        var count = 0
        for item in line.dropFirst(prefix.count).split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
                count += high - low + 1
            default:
                return nil
            }
        }
        return count > 0 ? count : nil
    }

    /// Cores' worth of CPU time per period from cgroup v2's `cpu.max` ("150000 100000" is 1.5;
    /// "max 100000" is no limit: nil).
    static func quota(cpuMax: String) -> Double? {
        let fields = cpuMax.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), quota > 0, period > 0 else { return nil }
        return quota / period
    }

    /// The same from cgroup v1's `cpu.cfs_quota_us` and `cpu.cfs_period_us` (a quota of −1 is no limit).
    static func quota(cfsQuota: String, cfsPeriod: String) -> Double? {
        guard let quota = Double(cfsQuota.trimmingCharacters(in: .whitespacesAndNewlines)),
              let period = Double(cfsPeriod.trimmingCharacters(in: .whitespacesAndNewlines)), quota > 0, period > 0 else { return nil }
        return quota / period
    }

    /// The cgroup paths of /proc/self/cgroup's lines: cgroup v2's (`0::/path`) and cgroup v1's cpu
    /// controller's (`4:cpu,cpuacct:/path`), with the name of v1's controller folder.
    static func cgroupPaths(cgroupFile: String) -> (unified: String?, cpu: (folder: String, path: String)?) {
        var unified: String?, cpu: (folder: String, path: String)?
        for line in cgroupFile.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            if fields[0] == "0" && fields[1].isEmpty {
                unified = String(fields[2])
            } else if controllers.contains("cpu") {
                cpu = (String(fields[1]), String(fields[2]))
            }
        }
        return (unified, cpu)
    }

    /// The smallest CPU quota of the process's cgroup and its ancestors, read from /sys/fs/cgroup.
    static func cgroupQuota(cgroupFile: String, root: String = "/sys/fs/cgroup") -> Double? {
        let paths = cgroupPaths(cgroupFile: cgroupFile)
        var quotas: [Double] = []
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        if let unified = paths.unified {
            for folder in ancestors(of: unified) {
                if let text = read(root + folder + "/cpu.max"), let quota = quota(cpuMax: text) { quotas.append(quota) }
            }
        }
        if let cpu = paths.cpu {
            for controllerRoot in [root + "/" + cpu.folder, root + "/cpu"] {
                for folder in ancestors(of: cpu.path) {
                    if let quotaText = read(controllerRoot + folder + "/cpu.cfs_quota_us"),
                       let periodText = read(controllerRoot + folder + "/cpu.cfs_period_us"),
                       let quota = quota(cfsQuota: quotaText, cfsPeriod: periodText) {
                        quotas.append(quota)
                    }
                }
            }
        }
        return quotas.min()
    }

    /// "/a/b" → ["/a/b", "/a", ""]: a cgroup folder and the folders above it, up to the root.
    static func ancestors(of path: String) -> [String] {
        var components = path.split(separator: "/").map(String.init)
        var folders: [String] = []
        while true {
            folders.append(components.isEmpty ? "" : "/" + components.joined(separator: "/"))
            guard !components.isEmpty else { return folders }
            components.removeLast()
        }
    }
}
