import Foundation
import Datasets
import LinearAlgebra

/// `benchmark images --cifar DIR --npy FILE [--repeats R]`: loads CIFAR-10's training batches from
/// the binary folder DIR and the same images from the `.npy` features FILE (labels beside it as
/// FILE-labels.npy; `|u1` of shape (N, 32, 32, 3) or `<f8` (N, 3072)), R times each (default 5),
/// taking turns, checks that both give the same matrix, and prints the median and fastest seconds.
///
/// Both readers convert straight into one N×3,072 matrix of doubles; the binary one also turns each
/// record's R, G, B planes channel-last. Full-size files for it (real CIFAR-10, or synthetic files
/// of the same format) are not part of the repository.
enum ImageLoadBenchmark: BenchmarkCommand {
    static let name = "images"
    static let summary = "time loading CIFAR-10 binary batches against the same images as .npy"
    static let example = "benchmark images --cifar cifar-10-batches-bin --npy cifar-images.npy"

    struct Settings {
        var cifar: String?
        var npy: String?
        var repeats = 5
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .path("--cifar", "DIR", "the CIFAR-10 binary folder (data_batch_1…5.bin), required", \.cifar),
            .path("--npy", "NAME.npy", "the same images, labels in NAME-labels.npy, required", \.npy),
            .integer("--repeats", "R", "loads of each, taking turns", \.repeats),
        ], missing: { $0.cifar == nil || $0.npy == nil ? "--cifar DIR and --npy NAME.npy are required" : nil })
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parser.parse(arguments), repeats = settings.repeats
        guard let folder = settings.cifar, let npy = settings.npy else { return }  // `missing` has refused this
        let batches = try CIFAR10File.batchFiles(at: folder, part: .training)
        var binaryTimes: [Double] = [], npyTimes: [Double] = []
        var binary: Dataset?, array: Dataset?
        for _ in 0..<repeats {
            binary = nil
            binaryTimes.append(try Benchmark.seconds { binary = try CIFAR10File.read(paths: batches) })
            array = nil
            npyTimes.append(try Benchmark.seconds {
                array = try NumPyFile.read(featuresPath: npy, labelsPath: NumPyFile.labelsPath(forFeaturesPath: npy))
            })
        }
        guard let binary, let array, binary.features == array.features, binary.labels == array.labels else {
            throw BenchmarkUsageError(description: "the binary batches and \(npy) hold different images or labels")
        }
        let megabytes = Double(binary.features.elements.count * 8) / 1e6
        print("\(binary.exampleCount) images of \(binary.imageShape.map { "\($0)" } ?? "?"), \(String(format: "%.0f", megabytes)) MB as doubles")
        for (name, times) in [("binary batches", binaryTimes), (".npy          ", npyTimes)] {
            print("\(name)  median \(String(format: "%.3f", Benchmark.median(times))) s   fastest \(String(format: "%.3f", times.min() ?? 0)) s   (\(repeats) loads)")
        }
    }
}
