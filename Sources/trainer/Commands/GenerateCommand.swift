import Foundation
import Training
import Datasets

/// `trainer generate KIND --out FILE`: a seeded synthetic dataset as CSV or NumPy files.
struct GenerateCommand: Command {
    static let name = "generate"
    static let abstract = "Write a seeded synthetic dataset (spiral, blobs, …) as CSV or .npy."
    static let usage = "trainer generate <kind> --out FILE [--samples N] [--classes K] [--features D] [--noise X] [--seed S]"
    static var discussion: String {
        // List items, which the help fills to the terminal's width, each going on under its text.
        let kinds = SyntheticKind.allCases.map { kind in
            "  - \(kind.rawValue): \(kind.summary)"
                + " (default: \(kind.defaultSamples) samples, \(kind.defaultClasses) classes, \(kind.defaultFeatures) features, noise \(kind.defaultNoise))"
        }
        return """
            KINDS:
            \(kinds.joined(separator: "\n"))

            Same parameters and seed → the same bytes. FILE ending in .csv gets a header row and a
            label column; FILE ending in .npy gets the N×D features (float64) there and the labels
            (int64) in NAME-labels.npy beside it, which np.load reads.
            """
    }
    static let options: [(flag: String, help: String)] = [
        ("--out FILE", "where to write (required): a .csv file, or a .npy file plus NAME-labels.npy"),
        ("--samples N", "number of examples N (default per kind)"),
        ("--classes K", "number of classes K (default per kind)"),
        ("--features D", "number of features D (default per kind; images: a square such as 64)"),
        ("--noise X", "standard deviation of the noise (default per kind)"),
        ("--seed S", "seed of the generator (default 0)"),
    ]
    static let examples: [(command: String, comment: String)] = [
        ("trainer generate spiral --out my-spiral.csv --samples 600 --classes 4 --seed 1", "a four-arm spiral of your own"),
        ("trainer generate images --out digits.npy --samples 800 --classes 6", "8×8 images of shapes as NumPy files"),
    ]

    let kind: SyntheticKind
    let outputPath: String
    var samples: Int?
    var classes: Int?
    var features: Int?
    var noise: Double?
    var seed: UInt64 = 0

    init(parsing cursor: inout ArgumentCursor) throws {
        var out: String?, samples: Int?, classes: Int?, features: Int?, noise: Double?, seed: UInt64 = 0
        let positionals = try Self.parseArguments(&cursor) { option, cursor in
            switch option {
            case "--out": out = try cursor.value(for: option)
            case "--samples": samples = try cursor.integer(for: option, in: 1...SyntheticDataset.maximumSamples)
            case "--classes": classes = try cursor.integer(for: option, in: 2...1000)
            case "--features": features = try cursor.integer(for: option, in: 1...100_000)
            case "--noise": noise = try cursor.number(for: option, in: 0...100)
            case "--seed": seed = UInt64(try cursor.integer(for: option, in: 0...Int.max))
            default: return false
            }
            return true
        }
        let kinds = SyntheticKind.allCases.map(\.rawValue)
        guard let name = positionals.first else {
            throw UsageError.missingArgument("the kind of dataset (one of \(kinds.joined(separator: ", ")))", command: Self.name)
        }
        guard let kind = SyntheticKind(rawValue: name) else {
            let suggestion = closestMatch(to: name, among: kinds).map { "; did you mean '\($0)'?" } ?? ""
            throw UsageError.invalid("unknown kind '\(name)': expected one of \(kinds.joined(separator: ", "))\(suggestion)", command: Self.name)
        }
        guard positionals.count == 1 else { throw UsageError.extraArgument(positionals[1], command: Self.name) }
        guard let out else { throw UsageError.missingArgument("--out FILE (a .csv or .npy file to write)", command: Self.name) }
        self.kind = kind
        outputPath = out
        self.samples = samples
        self.classes = classes
        self.features = features
        self.noise = noise
        self.seed = seed
    }

    func run(_ console: Console) throws -> Int32 {
        let dataset: Dataset
        do {
            dataset = try SyntheticDataset.generate(kind: kind, samples: samples, classes: classes, features: features, noise: noise, seed: seed)
        } catch DatasetError.invalidParameter(_, let name, let value, let expected) {
            throw UsageError.invalidValue(value, option: "--\(name)", expected: "\(expected) (kind \(kind.rawValue))", command: Self.name)
        }
        if outputPath.hasSuffix(".npy") {
            let labelsPath = NumPyFile.labelsPath(forFeaturesPath: outputPath)
            try Self.writeAllOrNothing([outputPath, labelsPath]) { try NumPyFile.write(dataset, featuresPath: $0[0], labelsPath: $0[1]) }
            console.errors.write("\(kind.rawValue): \(dataset.exampleCount) examples, \(dataset.featureCount) features, \(dataset.classCount) classes → \(outputPath) and \(labelsPath)\n")
        } else {
            try Self.writeAllOrNothing([outputPath]) { try CSVFile.write(dataset, to: $0[0]) }
            console.errors.write("\(kind.rawValue): \(dataset.exampleCount) examples, \(dataset.featureCount) features, \(dataset.classCount) classes → \(outputPath)\n")
        }
        return 0
    }

    /// Runs `write` on hidden temporary files beside `paths` and then moves each into place, so that
    /// a failure (a folder in the way of the labels file, a full disk) leaves none of the files
    /// behind, not even the first of a `.npy` pair. The error is `write`'s, with its own path.
    static func writeAllOrNothing(_ paths: [String], write: ([String]) throws -> Void) throws {
        let fileManager = FileManager.default
        let temporaries = paths.map { path in
            let url = URL(fileURLWithPath: path)
            return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)").path
        }
        defer { for temporary in temporaries { try? fileManager.removeItem(atPath: temporary) } }
        do {
            try write(temporaries)
        } catch let error as DatasetError {
            // the error names the temporary file: name the student's instead
            var message = String(describing: error)
            for (temporary, path) in zip(temporaries, paths) { message = message.replacingOccurrences(of: temporary, with: path) }
            throw GenerateError.writeFailed(message: message)
        }
        for path in paths {
            var isFolder: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isFolder) {
                guard !isFolder.boolValue else { throw GenerateError.writeFailed(message: "\(path): cannot write the file: a folder of that name is in the way") }
            }
        }
        for (temporary, path) in zip(temporaries, paths) {
            do {
                if fileManager.fileExists(atPath: path) { try fileManager.removeItem(atPath: path) }
                try fileManager.moveItem(atPath: temporary, toPath: path)
            } catch {
                throw GenerateError.writeFailed(message: "\(path): cannot write the file: \(OutputError.reason(writing: path))")
            }
        }
    }
}

/// A generated dataset that could not be written. Exit status 2, as the data errors it stands for.
struct GenerateError: Error, CustomStringConvertible {
    let description: String

    static func writeFailed(message: String) -> GenerateError { GenerateError(description: message) }
}
