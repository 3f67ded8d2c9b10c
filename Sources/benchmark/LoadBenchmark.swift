import Foundation
import Datasets
import LinearAlgebra

/// `benchmark load [--rows N] [--columns D] [--repeats R] [--directory DIR]`: writes an N×D
/// dataset as CSV and as a `.npy` pair (defaults 50,000 × 200, about 100 MB of CSV with numbers
/// of 6 decimals), loads each R times (default 5), and prints the median speed in MB/s.
///
/// Files go to a fresh temporary directory that is removed afterwards, or to `--directory`, where
/// they are kept (to inspect them, or load them in NumPy). The files are read from the page cache
/// after the first pass, so the `.npy` figure is the memory-copy bound, an upper bound on disk speed.
enum LoadBenchmark: BenchmarkCommand {
    static let name = "load"
    static let summary = "write a ~100 MB CSV and .npy pair, time loading each: median MB/s"
    static let example = "benchmark load --rows 200000 --columns 50 --repeats 3"

    struct Settings {
        var rows = 50_000
        var columns = 200
        var repeats = 5
        var directory: String?
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .integer("--rows", "N", "rows of the files", \.rows),
            .integer("--columns", "D", "features per row", \.columns),
            .integer("--repeats", "R", "loads of each file", \.repeats),
            .path("--directory", "DIR", "keep the files there", \.directory,
                  absent: "a temporary folder, removed"),
        ])
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parser.parse(arguments)
        let folder = settings.directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("benchmark-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if settings.directory == nil { try? FileManager.default.removeItem(at: folder) } }
        try measure(rows: settings.rows, columns: settings.columns, repeats: settings.repeats, in: folder)
    }

    private static func measure(rows: Int, columns: Int, repeats: Int, in folder: URL) throws {
        let dataset = syntheticTable(rows: rows, columns: columns)
        let csv = folder.appendingPathComponent("load.csv").path
        let npy = folder.appendingPathComponent("load.npy").path
        let labels = NumPyFile.labelsPath(forFeaturesPath: npy)
        let writing = try Benchmark.seconds {
            try CSVFile.write(dataset, to: csv)
            try NumPyFile.write(dataset, featuresPath: npy, labelsPath: labels)
        }
        print("wrote \(rows) × \(columns) in \(String(format: "%.2f", writing)) s to \(folder.path)")
        try report("CSV  ", bytes: fileSize(csv), repeats: repeats, expected: dataset) { try CSVFile.read(path: csv) }
        try report(".npy ", bytes: fileSize(npy) + fileSize(labels), repeats: repeats, expected: dataset) {
            try NumPyFile.read(featuresPath: npy, labelsPath: labels)
        }
    }

    /// Loads `repeats` times, checks the result once against `expected`, prints the median speed.
    private static func report(_ name: String, bytes: Int, repeats: Int, expected: Dataset, load: () throws -> Dataset) throws {
        var loaded: Dataset?
        let times = try (0..<repeats).map { _ in try Benchmark.seconds { loaded = try load() } }
        guard loaded?.features == expected.features, loaded?.labels == expected.labels else {
            throw BenchmarkUsageError(description: "\(name)loaded data differ from the data written")
        }
        let megabytes = Double(bytes) / 1e6
        let median = Benchmark.median(times)
        print("\(name) \(String(format: "%7.1f", megabytes)) MB   median \(String(format: "%.3f", median)) s   "
              + "\(String(format: "%7.1f", megabytes / median)) MB/s   (\(repeats) loads, fastest \(String(format: "%.3f", times.min() ?? 0)) s)")
    }

    /// N×D Gaussian numbers rounded to 6 decimals (CSV cells like `-0.731724`), 10 classes.
    private static func syntheticTable(rows: Int, columns: Int) -> Dataset {
        var generator = Xoshiro256StarStar(seed: 0)
        let elements = (0..<rows * columns).map { _ in (generator.gaussian() * 1e6).rounded() / 1e6 }
        return Dataset(features: Matrix(rows: rows, columns: columns, elements: elements), labels: (0..<rows).map { $0 % 10 },
                       classNames: (0..<10).map(String.init), featureNames: (1...columns).map { "x\($0)" })
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
