import Foundation
import Testing
import LinearAlgebra
@testable import Datasets

@Suite("Synthetic datasets — seeded, balanced, validated")
struct SyntheticDatasetTests {
    @Test("Same seed → same bytes; another seed → other data", arguments: SyntheticKind.allCases)
    func reproducible(kind: SyntheticKind) throws {
        let first = try SyntheticDataset.generate(kind: kind, seed: 7)
        let again = try SyntheticDataset.generate(kind: kind, seed: 7)
        let other = try SyntheticDataset.generate(kind: kind, seed: 8)
        #expect(first.features.elements.map(\.bitPattern) == again.features.elements.map(\.bitPattern), "\(kind)")
        #expect(first.features != other.features, "\(kind): seeds 7 and 8 gave the same features")
    }

    @Test("Requested shape, class names, and classes balanced to within one example",
          arguments: SyntheticKind.allCases, [(101, 0), (40, 1)])
    func shapeAndBalance(kind: SyntheticKind, size: (samples: Int, extraClasses: Int)) throws {
        let classes = min(kind.defaultClasses + size.extraClasses, kind.allowedClasses.upperBound)
        let dataset = try SyntheticDataset.generate(kind: kind, samples: size.samples, classes: classes, seed: 1)
        #expect(dataset.exampleCount == size.samples && dataset.featureCount == kind.defaultFeatures && dataset.classCount == classes)
        #expect(dataset.classNames == (0..<classes).map(String.init))
        let sizes = dataset.rowsByClass().map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1, "\(kind): class sizes \(sizes)")
        #expect(dataset.features.isFinite)
    }

    @Test("linear with noise 0: the rule argmax_k w_k·x labels every example (100 % reachable)",
          arguments: [(2, 2), (3, 2), (5, 3), (3, 10)])
    func linearIsSeparable(classes: Int, features: Int) throws {
        let dataset = try SyntheticDataset.generate(kind: .linear, samples: 200, classes: classes, features: features, seed: 3)
        var generator = Xoshiro256StarStar(seed: 3)
        let weights = SyntheticDataset.linearRule(classes: classes, features: features, generator: &generator)
        for i in 0..<dataset.exampleCount {
            let x = dataset.features.row(i)
            let scores = weights.map { w in zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } }
            let predicted = scores.indices.max { scores[$0] < scores[$1] }
            #expect(predicted == dataset.labels[i], "K \(classes), D \(features), row \(i): scores \(scores)")
        }
    }

    @Test("spiral follows cs231n: arm k's first point is the origin, its last at radius 1, angle 4(k+1) + noise")
    func spiralRadii() throws {
        let dataset = try SyntheticDataset.generate(kind: .spiral, samples: 30, classes: 3, noise: 0, seed: 0)
        for arm in 0..<3 {
            let first = dataset.features.row(arm * 10), last = dataset.features.row(arm * 10 + 9)
            #expect(first == [0, 0])
            let t = 4.0 * Double(arm + 1)
            #expect(last == [SyntheticDataset.rounded(sin(t)), SyntheticDataset.rounded(cos(t))], "arm \(arm)")
        }
    }

    @Test("images: noise 0 gives 0/1 pixels, each class its shape, p{row}_{column} names, the image shape [side, side]")
    func imagesArePictures() throws {
        let dataset = try SyntheticDataset.generate(kind: .images, samples: 16, classes: 8, features: 16, noise: 0, seed: 2)
        #expect(dataset.features.elements.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(dataset.featureNames.first == "p0_0" && dataset.featureNames.last == "p3_3")
        #expect(dataset.imageShape == ImageShape(height: 4, width: 4))
        #expect(try SyntheticDataset.generate(kind: .blobs).imageShape == nil)
        let horizontal = dataset.features.row(0)  // 4×4, stroke 1: one full row lit, near the middle
        #expect(horizontal.reduce(0, +) == 4 && (0..<4).contains { r in (0..<4).allSatisfy { horizontal[r * 4 + $0] == 1 } })
    }

    // Columns: kind, samples, classes, features, noise, message.
    static let badParameters: [(SyntheticKind, Int, Int, Int, Double, String)] = [
        (.blobs, 1_000_000_000_000, 3, 2, 1, "synthetic blobs: samples = 1000000000000: expected from 6 (two per class) to 10000000"),
        (.blobs, 10_000_000, 3, 1_000, 1, "synthetic blobs: samples × features = 10000000 × 1000: expected at most 100000000 values"),
        (.blobs, 300, 3, Int.max, 1, "synthetic blobs: samples × features = 300 × \(Int.max): expected at most 100000000 values"),
        (.spiral, 300, 1, 2, 0.2, "synthetic spiral: classes = 1: expected from 2 to 100"),
        (.spiral, 300, 3, 3, 0.2, "synthetic spiral: features = 3: expected 2 (spiral points lie in the plane)"),
        (.moons, 300, 3, 2, 0.1, "synthetic moons: classes = 3: expected exactly 2"),
        (.images, 300, 9, 64, 0.3, "synthetic images: classes = 9: expected from 2 to 8"),
        (.images, 300, 4, 60, 0.3, "synthetic images: features = 60: expected a square side² with side from 4 to 64, e.g. 64 for 8×8 images"),
        (.xor, 3, 2, 2, 0.1, "synthetic xor: samples = 3: expected from 4 (two per class) to 10000000"),
        (.circles, 300, 2, 2, -1, "synthetic circles: noise = -1.0: expected a standard deviation from 0 to 100"),
        (.circles, 300, 2, 2, .nan, "synthetic circles: noise = nan: expected a standard deviation from 0 to 100"),
        (.linear, 300, 2, 1, 0, "synthetic linear: features = 1: expected at least 2"),
    ]

    @Test("Invalid parameters → one sentence naming the parameter and what is allowed", arguments: badParameters)
    func invalidParameters(parameters: (SyntheticKind, Int, Int, Int, Double, String)) {
        let (kind, samples, classes, features, noise, message) = parameters
        let observed = errorMessage {
            _ = try SyntheticDataset.generate(kind: kind, samples: samples, classes: classes, features: features, noise: noise)
        }
        #expect(observed == message)
    }
}
