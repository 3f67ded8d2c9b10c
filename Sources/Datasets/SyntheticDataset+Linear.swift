import Foundation
import LinearAlgebra

extension SyntheticDataset {
    /// Labels from a random linear rule, so that a linear classifier can reach 100 %:
    ///
    ///     x ~ N(0, I_D),   y = argmax_k w_k·x   (no bias, no margin)
    ///
    /// then noise·N(0, 1) is added to each coordinate (noise 0 keeps the data separable). The rows
    /// w_k are chosen so that every class owns the same share 1/K of the Gaussian: with D ≥ K, the
    /// vertices u_k − ū of a randomly rotated regular simplex (u orthonormal); with D < K, K
    /// directions evenly spaced around a random plane. Each example is drawn until its class
    /// still needs one, which gives exactly balanced classes after about N·ln K draws.
    static func linear(counts: [Int], features: Int, noise: Double,
                       generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        let weights = linearRule(classes: counts.count, features: features, generator: &generator)
        var examples = counts.map { _ in [[Double]]() }
        var missing = counts.reduce(0, +)
        while missing > 0 {
            let x = (0..<features).map { _ in rounded(generator.gaussian()) }
            let scores = weights.map { w in zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } }
            let label = scores.indices.max { scores[$0] < scores[$1] } ?? 0
            guard examples[label].count < counts[label] else { continue }
            examples[label].append(x)
            missing -= 1
        }
        for x in examples.joined() {
            rows.append(contentsOf: x.map { $0 + noise * generator.gaussian() })
        }
    }

    /// The K rows w_k of the rule, each of D numbers, giving every class an equal share.
    static func linearRule(classes: Int, features: Int, generator: inout Xoshiro256StarStar) -> [[Double]] {
        if features >= classes {
            let basis = orthonormalVectors(count: classes, dimension: features, generator: &generator)
            let mean = (0..<features).map { j in basis.reduce(0) { $0 + $1[j] } / Double(classes) }
            return basis.map { u in zip(u, mean).map { $0 - $1 } }
        }
        let plane = orthonormalVectors(count: 2, dimension: features, generator: &generator)
        let phase = generator.uniform(in: 0, 2 * Double.pi)
        return (0..<classes).map { k in
            let angle = phase + 2 * Double.pi * Double(k) / Double(classes)
            return zip(plane[0], plane[1]).map { cos(angle) * $0 + sin(angle) * $1 }
        }
    }

    /// `count` random orthonormal vectors of R^dimension: Gram–Schmidt on Gaussian vectors.
    static func orthonormalVectors(count: Int, dimension: Int, generator: inout Xoshiro256StarStar) -> [[Double]] {
        var basis: [[Double]] = []
        while basis.count < count {
            var v = (0..<dimension).map { _ in generator.gaussian() }
            for u in basis {
                let projection = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                v = zip(v, u).map { $0 - projection * $1 }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-6 { basis.append(v.map { $0 / norm }) }
        }
        return basis
    }

    /// side×side images: class k is `DrawnShape(rawValue: k)` at a random offset, plus
    /// noise·N(0, 1) on every pixel.
    static func images(counts: [Int], features: Int, noise: Double,
                       generator: inout Xoshiro256StarStar, into rows: inout [Double]) {
        let side = DrawnShape.side(ofFeatureCount: features) ?? 8
        for (shape, count) in zip(DrawnShape.allCases, counts) {
            for _ in 0..<count {
                let image = shape.pixels(side: side, generator: &generator)
                rows.append(contentsOf: image.map { $0 + noise * generator.gaussian() })
            }
        }
    }
}
