import Foundation
import Training
import TestSupport

/// The inputs of the fuzz test (`FuzzTests`): what a student can feed `trainer` — configs, CSV files,
/// `.npy`, IDX and CIFAR-10 files, model files and command lines — each a small valid seed mutated a few times by a
/// seeded generator. Case `i` of seed `s` is made from its own stream (`FuzzRandom(seed:index:)`),
/// so any case can be made again alone, in the child process that runs it and in the report of a
/// failure.
///
/// **Adding a format**: add a case to `FuzzInput`, its seed files to `seedFiles`, and in
/// `make(seed:index:)` the file it mutates and the command line that reads it. The runner and its
/// checks need no change.
enum FuzzInput: String, CaseIterable, Codable, Sendable {
    case config, csv, npy, idx, cifar10, model, arguments
}

/// One fuzz case: the files of its folder (name → bytes) and the arguments, run in that folder.
struct FuzzCase: Sendable {
    var index: Int
    var input: FuzzInput
    var files: [String: [UInt8]]
    var arguments: [String]
    /// How the seed was mutated, for the report of a failure.
    var mutations: [String]

    var description: String {
        "case \(index) (\(input.rawValue)): trainer \(arguments.joined(separator: " "))\n  mutations: \(mutations.joined(separator: "; "))"
    }
}

/// A seedable generator for the fuzz test (SplitMix64): one stream per case.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64, index: Int) {
        state = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

enum FuzzCorpus {
    // MARK: Seeds

    /// 30 rows of data/linear.csv (every tenth: all three classes).
    static let csv: String = {
        let lines = (try? String(contentsOfFile: TrainerHarness.path("data/linear.csv"), encoding: .utf8))?.split(separator: "\n") ?? []
        return ([lines.first ?? "x1,x2,label"] + lines.dropFirst().enumerated().filter { $0.offset % 10 == 0 }.map(\.element))
            .joined(separator: "\n") + "\n"
    }()

    /// Two runs, two epochs: a valid mutation trains and writes its report quickly (a sweep costs
    /// a report per point; mutations add one now and then).
    static let config = """
        {"name": "fuzz", "seed": 1, "data": {"train": "data.csv", "validation_fraction": 0.2},
         "loss": {"type": "svm", "margin": 1}, "regularizer": {"type": "l2", "strength": 0.001},
         "optimizer": {"learning_rate": 0.1, "batch_size": 8, "epochs": 2, "schedule": {"type": "step", "every": 1, "gamma": 0.5}},
         "early_stopping": {"patience": 1},
         "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}], "output": {"dir": "runs/fuzz"}}
        """

    static let model = """
        {"format": "linear-classifier", "version": 1, "classes": [0, 1, 2], "feature_names": ["x1", "x2"],
         "loss": {"type": "softmax"}, "preprocess": {"type": "standardize", "mean": [0.1, -0.2], "scale": [1.5, 0.5]},
         "weights": [[1, 0, 0.5], [0, 1, -0.5], [-1, -1, 0]]}
        """

    /// A NumPy file of version 1: `descr`, `shape` and raw little-endian data.
    static func npy(descr: String, shape: [Int], data: [UInt8]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let length = UInt16(header.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8) + data
    }

    /// Features (30 × 2, `<f8`) and labels (`<i8`) of `csv`.
    static let npyPair: (features: [UInt8], labels: [UInt8]) = {
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let features: [Double] = rows.flatMap { [Double($0[0]) ?? 0, Double($0[1]) ?? 0] }
        let labels: [Int64] = rows.map { Int64($0[2]) ?? 0 }
        let featureBytes = features.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let labelBytes = labels.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
        return (npy(descr: "<f8", shape: [rows.count, 2], data: featureBytes), npy(descr: "<i8", shape: [rows.count], data: labelBytes))
    }()

    /// Twelve 2×2 grey images of an IDX pair (MNIST's format: magic 00 00 08 03, big-endian counts,
    /// the pixels; labels 00 00 08 01), four of each class 0–2, and a model of 2×2 images for it.
    static let idxPair: (images: [UInt8], labels: [UInt8]) = (
        idxBytes(shape: [12, 2, 2], data: (0..<48).map { UInt8($0 * 5 % 256) }), idxBytes(shape: [12], data: (0..<12).map { UInt8($0 % 3) }))
    static let imageModel = """
        {"format": "linear-classifier", "version": 1, "classes": [0, 1, 2], "image_shape": [2, 2],
         "loss": {"type": "svm"}, "weights": [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 1, -0.5]]}
        """

    /// A model of CIFAR-10's images: zero weights, so every prediction is airplane.
    static let cifarModel: String = {
        let names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"].map { "\"\($0)\"" }
        let row = "[" + Array(repeating: "0", count: 3073).joined(separator: ",") + "]"
        return "{\"format\": \"linear-classifier\", \"version\": 1, \"classes\": [\(names.joined(separator: ", "))], \"image_shape\": [32, 32, 3], "
            + "\"loss\": {\"type\": \"softmax\"}, \"weights\": [\(Array(repeating: row, count: 10).joined(separator: ","))]}"
    }()

    /// A CIFAR-10 folder: one training batch of two records (the others absent) and a test batch.
    static let cifarBatches: [String: [UInt8]] = [
        "cifar/data_batch_1.bin": cifarRecord(label: 0, seed: 1) + cifarRecord(label: 1, seed: 2),
        "cifar/test_batch.bin": cifarRecord(label: 9, seed: 3) + cifarRecord(label: 3, seed: 4),
    ]

    /// The files every case starts from.
    static var seedFiles: [String: [UInt8]] {
        ["data.csv": Array(csv.utf8), "config.json": Array(config.utf8), "model.json": Array(model.utf8),
         "x.npy": npyPair.features, "x-labels.npy": npyPair.labels,
         "train-images-idx3-ubyte": idxPair.images, "train-labels-idx1-ubyte": idxPair.labels, "image-model.json": Array(imageModel.utf8), "cifar-model.json": Array(cifarModel.utf8)]
            .merging(cifarBatches) { first, _ in first }
    }

    // MARK: Cases

    /// Case `index` of the fuzz run with `seed`.
    static func make(seed: UInt64, index: Int) -> FuzzCase {
        var random = FuzzRandom(seed: seed, index: index)
        let input = FuzzInput.allCases[index % FuzzInput.allCases.count]
        var files = seedFiles
        var mutations: [String] = []
        let arguments: [String]
        switch input {
        case .config:
            files["config.json"] = mutateJSON(config, random: &random, mutations: &mutations)
            // a valid config costs a training and a report (≈ 0.15 s in a debug build): the other cases are ≈ 1 ms
            arguments = random.chance(5) ? ["train", "config.json", "--quiet", "--repeats", "2"]
                : random.pick([["train", "config.json", "--quiet"], ["train", "config.json"], ["train", "config.json", "--out", "o", "--quiet"]])
        case .csv:
            files["data.csv"] = random.chance(60)
                ? mutateCells(csv, random: &random, mutations: &mutations)
                : mutateText(Array(csv.utf8), random: &random, mutations: &mutations, tokens: csvTokens)
            arguments = random.pick([["train", "config.json", "--quiet"], ["evaluate", "model.json", "data.csv"], ["evaluate", "model.json", "data.csv"],
                                     ["predict", "model.json", "data.csv", "--probabilities"], ["explain", "model.json", "data.csv"]])
        case .npy:
            mutateFile(random.chance(70) ? "x.npy" : "x-labels.npy", in: &files, random: &random, mutations: &mutations)
            if random.chance(30) {
                files["config.json"] = Array(config.replacingOccurrences(
                    of: #""train": "data.csv""#, with: #""train": {"features": "x.npy", "labels": "x-labels.npy"}"#).utf8)
                arguments = ["train", "config.json", "--quiet"]
            } else {
                arguments = random.pick([["evaluate", "model.json", "x.npy"], ["predict", "model.json", "x.npy"]])
            }
        case .idx:
            mutateFile(random.chance(70) ? "train-images-idx3-ubyte" : "train-labels-idx1-ubyte", in: &files, random: &random, mutations: &mutations)
            if random.chance(30) {
                files["config.json"] = Array(config.replacingOccurrences(
                    of: #""train": "data.csv""#,
                    with: #""train": {"images": "train-images-idx3-ubyte", "labels": "train-labels-idx1-ubyte"}, "validation_fraction": 0"#)
                    .replacingOccurrences(of: #", "validation_fraction": 0.2"#, with: "")
                    .replacingOccurrences(of: #""early_stopping": {"patience": 1},"#, with: "").utf8)
                arguments = ["train", "config.json", "--quiet"]
            } else {
                arguments = random.pick([["evaluate", "image-model.json", "train-images-idx3-ubyte"], ["predict", "image-model.json", "train-images-idx3-ubyte"],
                                         ["explain", "image-model.json", "train-images-idx3-ubyte"]])
            }
        case .cifar10:
            // Mutated batches reach the reader through evaluate, predict and explain; a training run
            // on 3,072 features costs ≈ 25 s in a debug build (the report's loss surface), so the
            // config path is left to ExampleConfigsTests and DataLoaderTests.
            let name = random.chance(60) ? "cifar/test_batch.bin" : "cifar/data_batch_1.bin"
            mutateFile(name, in: &files, random: &random, mutations: &mutations)
            arguments = random.pick([["evaluate", "cifar-model.json", name], ["predict", "cifar-model.json", name],
                                     ["evaluate", "cifar-model.json", "cifar"], ["explain", "cifar-model.json", name]])
        case .model:
            files["model.json"] = random.chance(60)
                ? mutateJSON(model, random: &random, mutations: &mutations)
                : mutateText(Array(model.utf8), random: &random, mutations: &mutations, tokens: jsonTokens)
            arguments = random.pick([["evaluate", "model.json", "data.csv"], ["evaluate", "model.json", "data.csv", "--json"],
                                     ["predict", "model.json", "data.csv", "--probabilities"], ["explain", "model.json", "data.csv", "--rows", "5"]])
        case .arguments:
            arguments = randomArguments(random: &random)
            mutations.append("arguments")
        }
        return FuzzCase(index: index, input: input, files: files, arguments: arguments, mutations: mutations)
    }

    // MARK: Mutations

    static let jsonTokens = ["1e999", "-0", "NaN", "Infinity", "\u{FEFF}", "\"\"", "null", "[]", "{}", "9999999999999999999999",
                             "0x10", "1.5", "-1", "\\u0000", "\\ud800", "é", "\"a\":", ",", "}", "]", "\"", "true", String(repeating: "[", count: 600)]
    static let csvTokens = ["", "nan", "inf", "-inf", "1e999", "-", "\"", "\"a,b\"", ",,", "\r\n", "\u{FEFF}", "\u{0}",
                            String(repeating: "9", count: 400), "label", "é", "1,2,3,4,5", "\n\n", "0x1p3", "+1"]

    /// `text` with one to four byte-level mutations, some inserting `tokens`.
    static func mutateText(_ bytes: [UInt8], random: inout FuzzRandom, mutations: inout [String], tokens: [String]) -> [UInt8] {
        var bytes = bytes
        for _ in 0...random.below(4) {
            if random.chance(40) {
                let token = random.pick(tokens)
                let at = random.below(bytes.count + 1)
                bytes.insert(contentsOf: Array(token.utf8), at: at)
                mutations.append("insert \(token.debugDescription.prefix(20)) at \(at)")
            } else {
                bytes = mutateBytes(bytes, random: &random, mutations: &mutations, rounds: 1)
            }
        }
        return bytes
    }

    /// `text` (CSV) with one to three cells replaced by `csvTokens` (the header's too), the rows
    /// kept whole: what reaches the reader's number and label parsing.
    static func mutateCells(_ text: String, random: inout FuzzRandom, mutations: inout [String]) -> [UInt8] {
        var rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for _ in 0...random.below(3) {
            let row = random.below(rows.count), column = random.below(rows[row].count)
            let token = random.pick(csvTokens + ["0", "3", "-0.5", "1e-320", "x1", "x2", "2"])
            rows[row][column] = token
            mutations.append("cell \(row):\(column) = \(token.debugDescription.prefix(20))")
        }
        return Array((rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8)
    }

    /// The file `name` of `files` with its bytes mutated (`mutateBytes`), its name first in `mutations`.
    static func mutateFile(_ name: String, in files: inout [String: [UInt8]], random: inout FuzzRandom, mutations: inout [String]) {
        files[name] = mutateBytes(files[name] ?? [], random: &random, mutations: &mutations)
        mutations.insert(name, at: 0)
    }

    /// `bytes` with one to four (or `rounds`) mutations: a bit flipped, a byte replaced, a range
    /// deleted or repeated, the end cut.
    static func mutateBytes(_ bytes: [UInt8], random: inout FuzzRandom, mutations: inout [String], rounds: Int? = nil) -> [UInt8] {
        var bytes = bytes
        let interesting: [UInt8] = [0x00, 0xFF, 0x7F, 0x80, 0x22, 0x2C, 0x0A, 0x0D, 0x7B, 0x7D, 0x5B, 0x5D, 0x2D, 0x2E, 0x65, 0x30, 0x39, 0x20, 0x3C, 0x3E]
        for _ in 0..<(rounds ?? (1 + random.below(4))) where !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(5) {
            case 0:
                let bit = random.below(8)
                bytes[at] ^= 1 << bit
                mutations.append("flip bit \(bit) of byte \(at)")
            case 1:
                let value = random.pick(interesting)
                bytes[at] = value
                mutations.append("byte \(at) = \(value)")
            case 2:
                let length = min(1 + random.below(16), bytes.count - at)
                bytes.removeSubrange(at..<(at + length))
                mutations.append("delete \(length) bytes at \(at)")
            case 3:
                let length = min(1 + random.below(64), bytes.count - at)
                bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                mutations.append("repeat \(length) bytes at \(at)")
            default:
                bytes.removeSubrange(at...)
                mutations.append("cut at \(at)")
            }
        }
        return bytes
    }

    /// Values a mutated JSON key may get: every kind, edges of ranges, names of the schema.
    static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .number(0), .number(-1), .number(1), .number(2), .number(3), .number(0.5), .number(-0.0),
        .number(1e-300), .number(1e300), .number(100), .number(10_000_001), .number(9_007_199_254_740_992), .number(1.5),
        .string(""), .string("svm"), .string("softmax"), .string("triplet"), .string("gaussian_nll"), .string("l1"), .string("elastic_net"),
        .string("none"), .string("step"), .string("inverse_time"), .string("blobs"), .string("images"), .string("data.csv"),
        .string("x.npy"), .string("../.."), .string(".."), .string(String(repeating: "a", count: 300)), .string("é ★ \u{0}"),
        .array([]), .array([.number(1), .number(2)]), .array([.string("a")]), .object([]),
        .object([("generate", .object([("kind", .string("spiral")), ("samples", .number(40))]))]),
        .object([("features", .string("x.npy")), ("labels", .string("x-labels.npy"))]),
        .object([("optimizer.learning_rate", .array([.number(0.1), .number(0.01)]))]),
    ]

    /// Keys a mutation may add: the schema's, and a misspelling.
    static let keys = ConfigSchema.all.flatMap { $0.keys.map(\.name) } + ["learning_rte", "kind", "samples", "features", "labels", "name", "x"]

    /// `text` (valid JSON) with one to three mutations of its structure: a member removed, a value
    /// replaced, a member added, a list emptied or doubled.
    static func mutateJSON(_ text: String, random: inout FuzzRandom, mutations: inout [String]) -> [UInt8] {
        guard var root = try? JSONParser.parse(text) else { return Array(text.utf8) }
        for _ in 0...random.below(3) {
            root = random.chance(2) ? random.pick(values) : mutate(root, path: "", random: &random, mutations: &mutations)
        }
        return Array(JSONWriter.string(root).utf8)
    }

    /// A value of the same kind as `value` (a number for a number …) half the time, so that
    /// mutated files often stay valid and reach the code past validation; else any value.
    static func replacement(for value: JSONValue, random: inout FuzzRandom) -> JSONValue {
        guard random.chance(50) else { return random.pick(values) }
        switch value {
        case .number(let number):
            return .number(random.pick([0, 1, 2, -1, 0.5, 1e-9, 1e9, number * 2, number / 10, -number, number + 1]))
        case .bool(let bool): return .bool(!bool)
        case .string: return random.pick(values.filter { if case .string = $0 { true } else { false } })
        default: return random.pick(values)
        }
    }

    /// `value` with one mutation at a random place below it (an object or list is entered, not
    /// replaced, at the top).
    static func mutate(_ value: JSONValue, path: String, random: inout FuzzRandom, mutations: inout [String]) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && (path.isEmpty || random.chance(75)):
            let index = random.below(members.count)
            let key = members[index].key
            switch random.below(6) {
            case 0:
                members.remove(at: index)
                mutations.append("remove \(path)\(key)")
            case 1:
                let added = random.pick(keys)
                let new = random.pick(values)
                members.append((added, new))
                mutations.append("add \(path)\(added) = \(JSONWriter.compactString(new).prefix(40))")
            case 2:
                let new = replacement(for: members[index].value, random: &random)
                members[index].value = new
                mutations.append("\(path)\(key) = \(JSONWriter.compactString(new).prefix(40))")
            default:
                members[index].value = mutate(members[index].value, path: "\(path)\(key).", random: &random, mutations: &mutations)
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty && random.chance(75):
            switch random.below(4) {
            case 0:
                mutations.append("\(path) = []")
                return .array([])
            case 1:
                mutations.append("\(path) doubled")
                return .array(elements + elements)
            default:
                let index = random.below(elements.count)
                elements[index] = mutate(elements[index], path: "\(path)[\(index)].", random: &random, mutations: &mutations)
                return .array(elements)
            }
        default:
            let new = replacement(for: value, random: &random)
            mutations.append("\(path.isEmpty ? "root" : String(path.dropLast())) = \(JSONWriter.compactString(new).prefix(40))")
            return new
        }
    }

    /// A command line from the words `trainer` knows and some it does not.
    static func randomArguments(random: inout FuzzRandom) -> [String] {
        let commands = ["train", "generate", "evaluate", "predict", "gradcheck", "explain", "help", "--help", "--version", "trian", "", "-"]
        let options = ["--out", "--set", "--repeats", "--quiet", "--force", "--json", "--split", "--label-column", "--samples", "--classes",
                       "--features", "--noise", "--seed", "--probabilities", "--rows", "--step", "--checks", "-h", "--", "--out=", "--json=1"]
        let words = ["config.json", "model.json", "data.csv", "x.npy", "spiral", "blobs", "images", "0", "-1", "1", "2", "40", "1e3",
                     "abc", "", "validation", "test", "train", "optimizer.epochs=1", "loss.type=softmax", "seed=99999999999999999999",
                     "o", "o/p", "out.csv", "nowhere/x.csv", "..", ".", "=", "runs/fuzz", "999999999999", "0.5", "nan"]
        var arguments = [random.pick(commands)]
        for _ in 0..<random.below(6) {
            arguments.append(random.chance(40) ? random.pick(options) : random.pick(words))
        }
        return arguments
    }
}
