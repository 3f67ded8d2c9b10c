import Foundation
import LinearAlgebra

/// Seeded synthetic datasets (SPEC §5 `trainer generate`): same parameters and seed → the same
/// numbers, bit for bit, and the same CSV bytes.
///
/// Classes are balanced: class k gets ⌊N/K⌋ examples, plus one for k < N mod K, and the rows come
/// in class order (0s, then 1s, …); splits stratify and SGD shuffles, so the order does not
/// matter. Class names are "0"…"K−1"; feature names "x1"…"xD" (`images`: "p{row}_{column}", and
/// the image shape [side, side]).
/// Coordinates are rounded to 6 decimals, which keeps the CSV files small and their bytes the
/// same wherever the last bit of `sin` differs.
public enum SyntheticDataset {
    /// The largest N accepted.
    public static let maximumSamples = 10_000_000
    /// The largest N·D accepted (800 MB of features): anything larger is refused before allocating.
    public static let maximumValues = 100_000_000

    /// The `kind` dataset; a nil parameter takes the kind's default (`SyntheticKind`).
    ///
    /// - Parameters:
    ///   - samples: N, at least 2 per class.
    ///   - classes: K (moons and xor: 2; images: up to 8).
    ///   - features: D (2 for the planar kinds; a square side² for images).
    ///   - noise: the standard deviation of the Gaussian noise, 0 ≤ noise ≤ 100.
    ///   - seed: the seed of the xoshiro256** stream that draws everything.
    /// - Throws: `DatasetError.invalidParameter` naming the parameter and what is allowed.
    /// - Complexity: O(N·D).
    public static func generate(
        kind: SyntheticKind, samples: Int? = nil, classes: Int? = nil, features: Int? = nil,
        noise: Double? = nil, seed: UInt64 = 0
    ) throws -> Dataset {
        let samples = samples ?? kind.defaultSamples, classes = classes ?? kind.defaultClasses
        let features = features ?? kind.defaultFeatures, noise = noise ?? kind.defaultNoise
        try validate(kind: kind, samples: samples, classes: classes, features: features, noise: noise)
        var generator = Xoshiro256StarStar(seed: seed)
        let counts = (0..<classes).map { samples / classes + ($0 < samples % classes ? 1 : 0) }
        var rows: [Double] = []
        rows.reserveCapacity(samples * features)
        switch kind {
        case .blobs: blobs(counts: counts, features: features, noise: noise, generator: &generator, into: &rows)
        case .spiral: spiral(counts: counts, noise: noise, generator: &generator, into: &rows)
        case .circles: circles(counts: counts, noise: noise, generator: &generator, into: &rows)
        case .moons: moons(counts: counts, noise: noise, generator: &generator, into: &rows)
        case .xor: xor(counts: counts, noise: noise, generator: &generator, into: &rows)
        case .linear: linear(counts: counts, features: features, noise: noise, generator: &generator, into: &rows)
        case .images: images(counts: counts, features: features, noise: noise, generator: &generator, into: &rows)
        }
        for index in rows.indices { rows[index] = rounded(rows[index]) }
        let labels = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        let side = kind == .images ? DrawnShape.side(ofFeatureCount: features) : nil
        let imageShape = side.flatMap { ImageShape(height: $0, width: $0) }
        return Dataset(features: Matrix(rows: samples, columns: features, elements: rows),
                       labels: labels, classNames: (0..<classes).map(String.init),
                       featureNames: ImageShape.featureNames(of: imageShape, count: features), imageShape: imageShape)
    }

    /// Checks every parameter, the size first, so nothing is allocated for an absurd request.
    static func validate(kind: SyntheticKind, samples: Int, classes: Int, features: Int, noise: Double) throws {
        func invalid(_ name: String, _ value: String, _ expected: String) -> DatasetError {
            .invalidParameter(kind: kind.rawValue, name: name, value: value, expected: expected)
        }
        let allowed = kind.allowedClasses
        guard allowed.contains(classes) else {
            let expected = allowed.count == 1 ? "exactly \(allowed.lowerBound)" : "from \(allowed.lowerBound) to \(allowed.upperBound)"
            throw invalid("classes", "\(classes)", expected)
        }
        if let problem = kind.featureCountProblem(features) { throw invalid("features", "\(features)", problem) }
        guard samples >= 2 * classes, samples <= maximumSamples else {
            throw invalid("samples", "\(samples)", "from \(2 * classes) (two per class) to \(maximumSamples)")
        }
        let (values, overflow) = samples.multipliedReportingOverflow(by: features)
        guard !overflow, values <= maximumValues else {
            throw invalid("samples × features", "\(samples) × \(features)", "at most \(maximumValues) values")
        }
        guard noise.isFinite, noise >= 0, noise <= 100 else {
            throw invalid("noise", "\(noise)", "a standard deviation from 0 to 100")
        }
    }

    /// `value` rounded to 6 decimals; −0 becomes 0 (adding +0 does that), so files never show "-0.0".
    static func rounded(_ value: Double) -> Double {
        (value * 1e6).rounded() / 1e6 + 0
    }

    /// n evenly spaced numbers from `start` to `end`, both included (NumPy's `linspace`).
    static func linspace(_ start: Double, _ end: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return [start] }
        return (0..<count).map { start + (end - start) * Double($0) / Double(count - 1) }
    }

    /// Class k: N(c_k, noise²·I) around a center c_k uniform in [−10, 10]^D.
    private static func blobs(counts: [Int], features: Int, noise: Double,
                              generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        let centers = counts.map { _ in (0..<features).map { _ in generator.uniform(in: -10, 10) } }
        for (center, count) in zip(centers, counts) {
            for _ in 0..<count {
                rows.append(contentsOf: center.map { generator.gaussian(mean: $0, deviation: noise) })
            }
        }
    }

    /// cs231n's spiral: arm k has radii r = linspace(0, 1) and angles t = linspace(4k, 4(k+1))
    /// + noise·N(0, 1); the point is (r sin t, r cos t).
    private static func spiral(counts: [Int], noise: Double, generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        for (arm, count) in counts.enumerated() {
            let angles = linspace(4 * Double(arm), 4 * Double(arm + 1), count)
            for (radius, angle) in zip(linspace(0, 1, count), angles) {
                let t = angle + noise * generator.gaussian()
                rows.append(contentsOf: [radius * sin(t), radius * cos(t)])
            }
        }
    }

    /// Ring k has radius (k+1)/K; angles uniform in [0, 2π); noise·N(0, 1) on each coordinate.
    private static func circles(counts: [Int], noise: Double, generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        for (ring, count) in counts.enumerated() {
            let radius = Double(ring + 1) / Double(counts.count)
            for _ in 0..<count {
                let angle = generator.uniform(in: 0, 2 * Double.pi)
                rows.append(contentsOf: [radius * cos(angle) + noise * generator.gaussian(),
                                         radius * sin(angle) + noise * generator.gaussian()])
            }
        }
    }

    /// scikit-learn's moons: class 0 is (cos t, sin t), class 1 is (1 − cos t, ½ − sin t), with
    /// t = linspace(0, π); noise·N(0, 1) on each coordinate.
    private static func moons(counts: [Int], noise: Double, generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        for (moon, count) in counts.enumerated() {
            for t in linspace(0, Double.pi, count) {
                let point = moon == 0 ? [cos(t), sin(t)] : [1 - cos(t), 0.5 - sin(t)]
                rows.append(contentsOf: point.map { $0 + noise * generator.gaussian() })
            }
        }
    }

    /// XOR: points uniform in a quadrant of [−1, 1]²; class 0 holds quadrants I and III (same
    /// signs), class 1 quadrants II and IV, alternating; noise·N(0, 1) on each coordinate.
    private static func xor(counts: [Int], noise: Double, generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        for (label, count) in counts.enumerated() {
            for index in 0..<count {
                let signX: Double = index % 2 == 0 ? 1 : -1
                let signY = label == 0 ? signX : -signX
                rows.append(signX * generator.uniform() + noise * generator.gaussian())
                rows.append(signY * generator.uniform() + noise * generator.gaussian())
            }
        }
    }
}
