import Foundation
import Testing
import Datasets

@Suite("data/ — each committed dataset is what its README command generates")
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
}
