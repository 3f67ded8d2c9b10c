import Foundation
import LinearAlgebra

/// `benchmark kernels [--rows N] [--columns D] [--classes K] [--batch B] [--epochs E] [--threads T,…] [--huge-pages 0|1]`:
/// times the two products of every SGD step over one epoch of shuffled minibatches, in memory, on
/// cifar-like sizes by default (N 49,000, D 3,072, K 10, B 200: 6.0 GFLOP over 1.2 GB per epoch).
///
/// Per epoch: a fresh permutation, then for each batch S = X_B·Wᵀ (`multiplyTransposed`),
/// dS = S (the loss is not timed here), dW = dSᵀ·X_B (`transposedMultiply`) and W ← W − α·dW. Prints, per thread count, the median and
/// min–max seconds per epoch of each product and of both, and the GFLOP/s and GB/s (features
/// streamed once) the median implies. The first epoch is a warm-up and is not counted.
enum KernelBenchmark: BenchmarkCommand {
    static let name = "kernels"
    static let summary = "time X_B·Wᵀ and dSᵀ·X_B over shuffled epochs: s/epoch, GFLOP/s, GB/s"
    static let example = "benchmark kernels --threads 1,2"

    struct Settings {
        var shape = Shape(rows: 49_000, columns: 3_072, classes: 10, batch: 200, epochs: 6)
        var threadCounts = [1, 2]
        var hugePages = true
    }

    static var parser: BenchmarkOptionParser<Settings> {
        BenchmarkOptionParser(command: name, defaults: Settings(), options: [
            .integer("--rows", "N", "rows of random features", \.shape.rows),
            .integer("--columns", "D", "features per row", \.shape.columns),
            .integer("--classes", "K", "rows of W", \.shape.classes),
            .integer("--batch", "B", "rows per minibatch", \.shape.batch),
            .integer("--epochs", "E", "epochs, the first not timed", \.shape.epochs, atLeast: 2),
            .integers("--threads", "T[,T…]", "thread counts to time", \.threadCounts),
            .value("--huge-pages", "0|1", "1: ask Linux for 2 MiB pages for the features", requirement: "0 or 1", \.hugePages,
                   parse: { ["0": false, "1": true][$0] }, show: { $0 ? "1" : "0" }),
        ])
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parser.parse(arguments), shape = settings.shape
        let features = randomFeatures(rows: shape.rows, columns: shape.columns, hugePages: settings.hugePages)
        print("N \(shape.rows)  D \(shape.columns)  K \(shape.classes)  batch \(shape.batch)  "
              + "\(shape.epochs - 1) timed epochs after a warm-up  huge pages \(settings.hugePages ? "asked" : "no")")
        print("threads  product    median s/epoch   min–max            GFLOP/s   GB/s")
        for threads in settings.threadCounts {
            let timing = timeEpochs(of: features, shape: shape, threads: threads)
            for (name, seconds, flops) in [("X_B·Wᵀ ", timing.scores, shape.flopsPerProduct),
                                           ("dSᵀ·X_B", timing.gradient, shape.flopsPerProduct),
                                           ("both   ", timing.total, 2 * shape.flopsPerProduct)] {
                let median = Benchmark.median(seconds)
                print(String(format: "%7d  %@    %.4f           %.4f–%.4f    %7.1f   %5.1f", threads, name, median,
                             seconds.min() ?? 0, seconds.max() ?? 0, flops / median / 1e9, shape.featureBytes / median / 1e9))
            }
        }
    }

    struct Shape {
        var rows, columns, classes, batch, epochs: Int
        var flopsPerProduct: Double { 2 * Double(rows) * Double(columns) * Double(classes) }
        var featureBytes: Double { 8 * Double(rows) * Double(columns) }
    }

    /// Seconds per epoch of each product and of both, one entry per timed epoch.
    static func timeEpochs(of features: Matrix, shape: Shape, threads: Int) -> (scores: [Double], gradient: [Double], total: [Double]) {
        var weights = Matrix(rows: shape.classes, columns: shape.columns, repeating: 1e-3)
        var scores = Matrix(rows: shape.batch, columns: shape.classes)
        var gradient = Matrix(rows: shape.classes, columns: shape.columns)
        var order = Array(0..<shape.rows)
        var generator = Xoshiro256StarStar(seed: 1)
        var timing: (scores: [Double], gradient: [Double], total: [Double]) = ([], [], [])
        for epoch in 0..<shape.epochs {
            generator.shuffle(&order)
            var scoresSeconds = 0.0, gradientSeconds = 0.0
            for first in stride(from: 0, to: shape.rows, by: shape.batch) {
                let rows = order[first..<min(first + shape.batch, shape.rows)]
                if rows.count != scores.rows { scores = Matrix(rows: rows.count, columns: shape.classes) }
                scoresSeconds += Benchmark.seconds {
                    Matrix.multiplyTransposed(rowsOf: features, at: rows, by: weights, into: &scores, threadCount: threads)
                }
                gradientSeconds += Benchmark.seconds {
                    Matrix.transposedMultiply(scores, byRowsOf: features, at: rows, into: &gradient, threadCount: threads)
                }
                weights.add(gradient, scaledBy: -1e-12)
            }
            guard epoch > 0 else { continue }
            timing.scores.append(scoresSeconds)
            timing.gradient.append(gradientSeconds)
            timing.total.append(scoresSeconds + gradientSeconds)
        }
        return timing
    }

    /// N×D numbers uniform in [−1, 1), in memory that Linux is asked to back with 2 MiB pages when
    /// `hugePages` (shuffled rows then cost one TLB miss per 2 MiB instead of one per 4 KiB).
    static func randomFeatures(rows: Int, columns: Int, hugePages: Bool) -> Matrix {
        var generator = Xoshiro256StarStar(seed: 0)
        guard hugePages else {
            return Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in generator.uniform(in: -1, 1) })
        }
        return Matrix(rows: rows, columns: columns) { buffer, initialized in
            for index in 0..<buffer.count { buffer[index] = generator.uniform(in: -1, 1) }
            initialized = buffer.count
        }
    }
}
