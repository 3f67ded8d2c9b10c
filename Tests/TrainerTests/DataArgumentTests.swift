import Foundation
import Testing
import TestSupport
@testable import trainer

/// evaluate, predict and explain read DATA as a config reads a path: IDX pairs, CIFAR-10 batches,
/// images in .npy files, and CSV files without a header row.
@Suite("The DATA argument — IDX, CIFAR-10, images in .npy, headerless CSV")
struct DataArgumentTests {
    /// A model of 2×2 grey images: class 0 scores pixel (0, 0), class 1 pixel (1, 1).
    static let model = """
        {"format": "linear-classifier", "version": 1, "classes": [0, 1], "feature_names": ["x1", "x2", "x3", "x4"],
         "image_shape": [2, 2], "loss": {"type": "svm"}, "preprocess": {"type": "none"},
         "weights": [[1, 0, 0, 0, 0], [0, 0, 0, 1, 0]]}
        """
    /// Three images, classes 0, 1, 1: the second and third are right, the first scores 9 vs 1.
    static let pixels: [UInt8] = [9, 0, 0, 1, 0, 0, 0, 5, 2, 7, 7, 3]
    static let labels: [UInt8] = [0, 1, 1]

    /// The model and `files` (name → bytes) in a fresh folder; returns the model's path and the folder.
    static func setUp(_ files: [String: [UInt8]]) throws -> (model: String, folder: URL) {
        let folder = try TrainerHarness.temporaryFolder()
        let model = try TrainerHarness.write(Self.model, to: "model.json", in: folder)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return (model, folder)
    }

    /// A version 1.0 .npy file of unsigned bytes of `shape`.
    static func npy(shape: [Int], data: [UInt8]) -> [UInt8] {
        let lengths = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '|u1', 'fortran_order': False, 'shape': (\(lengths)), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + data
    }

    @Test("An IDX images file finds its labels by the datasets' naming; predict needs no labels", arguments: TrainerMode.available)
    func idx(mode: TrainerMode) throws {
        let (model, folder) = try Self.setUp(["t10k-images-idx3-ubyte": idxBytes(shape: [3, 2, 2], data: Self.pixels),
                                              "t10k-labels-idx1-ubyte": idxBytes(shape: [3], data: Self.labels)])
        let images = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
        let evaluated = try TrainerHarness.run(["evaluate", model, images, "--json"], mode: mode)
        #expect(evaluated.status == 0 && evaluated.output.contains("\"accuracy\": 1,"), "\(evaluated)")
        let predicted = try TrainerHarness.run(["predict", model, images], mode: mode)
        #expect(predicted.status == 0 && predicted.output == "prediction\n0\n1\n1\n", "\(predicted)")
        let explained = try TrainerHarness.run(["explain", model, images, "--rows", "1"], mode: mode)
        #expect(explained.status == 0, "\(explained)")
    }

    @Test("--labels names labels that sit elsewhere", arguments: TrainerMode.available)
    func labelsOption(mode: TrainerMode) throws {
        let (model, folder) = try Self.setUp(["pictures-idx3-ubyte": idxBytes(shape: [3, 2, 2], data: Self.pixels),
                                              "classes.idx1": idxBytes(shape: [3], data: [1, 1, 1])])
        let images = folder.appendingPathComponent("pictures-idx3-ubyte").path
        let withoutLabels = try TrainerHarness.run(["evaluate", model, images], mode: mode)
        #expect(withoutLabels.status == 2 && withoutLabels.errors.contains("or --labels FILE"), "\(withoutLabels)")
        let result = try TrainerHarness.run(["evaluate", model, images, "--labels", folder.appendingPathComponent("classes.idx1").path, "--json"],
                                            mode: mode)
        #expect(result.status == 0 && result.output.contains("\"confusion\": [[0, 0], [1, 2]]"), "\(result)")
    }

    @Test("Images in a .npy file of 3 dimensions; of another shape they are refused with exit 2", arguments: TrainerMode.available)
    func npyImages(mode: TrainerMode) throws {
        let (model, folder) = try Self.setUp(["x.npy": Self.npy(shape: [3, 2, 2], data: Self.pixels), "x-labels.npy": Self.npy(shape: [3], data: Self.labels),
                                              "wide.npy": Self.npy(shape: [3, 1, 4], data: Self.pixels)])
        let result = try TrainerHarness.run(["evaluate", model, folder.appendingPathComponent("x.npy").path, "--json"], mode: mode)
        #expect(result.status == 0 && result.output.contains("\"accuracy\": 1,"), "\(result)")
        let wide = folder.appendingPathComponent("wide.npy").path
        let refused = try TrainerHarness.run(["predict", model, wide], mode: mode)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.errors == "error: \(wide): expected images of 2×2 as the model was trained on, found images of 1×4\n", "\(refused)")
    }

    @Test("A CIFAR-10 batch: a colour model reads its records channel-last; a folder asks for a batch", arguments: TrainerMode.available)
    func cifarBatch(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        // Class "cat" (3) scores the red value of pixel (0, 1); "dog" (5) the blue one.
        var weights = Array(repeating: Array(repeating: "0", count: 3073), count: 10)
        weights[3][3] = "1"
        weights[5][5] = "1"
        let names = CIFAR10Names.all.map { "\"\($0)\"" }.joined(separator: ", ")
        let model = try TrainerHarness.write("""
            {"format": "linear-classifier", "version": 1, "classes": [\(names)], "image_shape": [32, 32, 3],
             "loss": {"type": "svm"}, "weights": [\(weights.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: ","))]}
            """, to: "model.json", in: folder)
        let batches = folder.appendingPathComponent("cifar-10-batches-bin")
        try FileManager.default.createDirectory(at: batches, withIntermediateDirectories: true)
        // seed 0: pixel 1's red is 1, blue 1 + 14 = 15 → dog; seed 250: red 251, blue 265 mod 256 = 9 → cat.
        try Data(cifarRecord(label: 5, seed: 0) + cifarRecord(label: 3, seed: 250)).write(to: batches.appendingPathComponent("test_batch.bin"))
        let batch = batches.appendingPathComponent("test_batch.bin").path
        let result = try TrainerHarness.run(["predict", model, batch], mode: mode)
        #expect(result.status == 0 && result.output == "prediction\ndog\ncat\n", "\(result)")
        let evaluated = try TrainerHarness.run(["evaluate", model, batch, "--json"], mode: mode)
        #expect(evaluated.status == 0 && evaluated.output.contains("\"accuracy\": 1,"), "\(evaluated)")
        let folderResult = try TrainerHarness.run(["evaluate", model, batches.path], mode: mode)
        #expect(folderResult.status == 2 && folderResult.errors.contains("expected a CIFAR-10 batch file such as \(batches.path)/test_batch.bin"),
                "\(folderResult)")
    }

    @Test("--no-header: a CSV file without names is read by position", arguments: TrainerMode.available)
    func headerless(mode: TrainerMode) throws {
        let (model, folder) = try Self.setUp([:])
        let labelLast = try TrainerHarness.write("9,0,0,1,0\n0,0,0,5,1\n2,7,7,3,1\n", to: "last.csv", in: folder)
        let labelFirst = try TrainerHarness.write("0,9,0,0,1\n1,0,0,0,5\n1,2,7,7,3\n", to: "first.csv", in: folder)
        for arguments in [[labelLast], [labelFirst, "--label-column", "x0"]] {
            let result = try TrainerHarness.run(["evaluate", model] + arguments + ["--no-header", "--json"], mode: mode)
            #expect(result.status == 0 && result.output.contains("\"accuracy\": 1,"), "\(arguments): \(result)")
        }
        let predicted = try TrainerHarness.run(["predict", model, labelLast, "--no-header"], mode: mode)
        #expect(predicted.status == 0 && predicted.output == "prediction\n0\n1\n1\n", "\(predicted)")
        let withHeader = try TrainerHarness.run(["evaluate", model, labelLast], mode: mode)
        #expect(withHeader.status == 2 && withHeader.errors.contains("(evaluate, predict and explain: --no-header)"), "\(withHeader)")
    }
}

/// CIFAR-10's class names, as the Datasets module lists them.
enum CIFAR10Names {
    static let all = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
}
