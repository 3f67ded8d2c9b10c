import Foundation
import Testing
import LinearAlgebra
import Datasets
import TestSupport
@testable import Training

/// A fresh folder with `files` (name → bytes) in it.
private func folder(_ files: [String: [UInt8]]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("DataLoaderTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, bytes) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    return folder
}

/// The data of the config `text` (named test.json), loaded.
private func load(_ text: String) throws -> ExperimentData {
    let configuration = try TrainingFixtures.configuration(text)
    return try DataLoader.load(configuration.data, seed: configuration.seed, file: configuration.file)
}

/// The message of the error that loading the config `text` gives, or nil.
private func loadError(_ text: String) -> String? {
    do {
        _ = try load(text)
        return nil
    } catch {
        return "\(error)"
    }
}

/// Ten 2×2 images, two per class 0–4, pixel values their row number and the class.
private let tenImages: (images: [UInt8], labels: [UInt8]) = (
    (0..<10).flatMap { row in [UInt8(row), UInt8(row), UInt8(row / 2), 7] }, (0..<10).map { UInt8($0 / 2) })

@Suite("Data sources of a config — IDX, CIFAR-10, images, headerless CSV, and missing files named by their key")
struct DataLoaderTests {
    @Test("An IDX pair trains with its image shape, which the held-out splits keep")
    func idxPair() throws {
        let files = try folder(["train-images-idx3-ubyte": idxBytes(shape: [10, 2, 2], data: tenImages.images),
                                "train-labels-idx1-ubyte": idxBytes(shape: [10], data: tenImages.labels)])
        let images = files.appendingPathComponent("train-images-idx3-ubyte").path
        let labels = files.appendingPathComponent("train-labels-idx1-ubyte").path
        for source in ["{\"images\": \"\(images)\", \"labels\": \"\(labels)\"}", "\"\(images)\""] {
            let data = try load("{\"data\": {\"train\": \(source), \"validation_fraction\": 0.5, \"preprocess\": \"none\"}}")
            #expect(data.imageShape == ImageShape(height: 2, width: 2), "source \(source)")
            #expect(data.classNames == ["0", "1", "2", "3", "4"] && data.train.exampleCount == 5 && data.validation?.imageShape == data.imageShape)
        }
    }

    @Test("A CIFAR-10 folder is the five training batches for data.train and the test batch for data.test")
    func cifarFolder() throws {
        var batches: [String: [UInt8]] = ["test_batch.bin": cifarRecord(label: 4, seed: 9) + cifarRecord(label: 2, seed: 9)]
        for index in 1...5 { batches["data_batch_\(index).bin"] = cifarRecord(label: UInt8(index % 2 * 8), seed: index) }
        let cifar = try folder(batches).path
        let data = try load("{\"data\": {\"train\": {\"cifar10\": \"\(cifar)\"}, \"test\": {\"cifar10\": \"\(cifar)\"}, \"validation_fraction\": 0}}")
        #expect(data.train.labels == [8, 0, 8, 0, 8] && data.test?.labels == [4, 2])
        #expect(data.classNames[8] == "ship" && data.imageShape == ImageShape(height: 32, width: 32, channels: 3))
        #expect(loadError("{\"data\": {\"train\": {\"cifar10\": \"\(cifar)\"}, \"validation\": {\"cifar10\": \"\(cifar)\"}}}")
            == "test.json: data.validation: \(cifar): expected a CIFAR-10 batch file such as \(cifar)/test_batch.bin "
                + "(a folder stands for the training batches in a config's data.train and the test batch in data.test), found a folder")
    }

    @Test("A CIFAR-10 folder written with a trailing slash: the batch the error suggests has one slash")
    func cifarFolderTrailingSlash() throws {
        var batches: [String: [UInt8]] = ["test_batch.bin": cifarRecord(label: 4, seed: 9)]
        for index in 1...5 { batches["data_batch_\(index).bin"] = cifarRecord(label: UInt8(index % 2 * 8), seed: index) }
        let cifar = try folder(batches).path
        #expect(loadError("{\"data\": {\"train\": {\"cifar10\": \"\(cifar)/\"}, \"validation\": {\"cifar10\": \"\(cifar)/\"}}}")
            == "test.json: data.validation: \(cifar)/: expected a CIFAR-10 batch file such as \(cifar)/test_batch.bin "
                + "(a folder stands for the training batches in a config's data.train and the test batch in data.test), found a folder")
    }

    @Test("An IDX file still packed (.gz) is read as IDX, and the error names it and says to unpack it")
    func packedIDX() throws {
        let files = try folder(["train-images-idx3-ubyte.gz": [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0],
                                "train-labels-idx1-ubyte.gz": [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0]])
        let images = files.appendingPathComponent("train-images-idx3-ubyte.gz").path
        #expect(loadError("{\"data\": {\"train\": \"\(images)\"}}")
            == "\(images): bytes 0–3: expected the IDX magic number 00 00 08 03 (images: unsigned bytes, 3 dimensions), "
                + "found 1f 8b 08 08 (a gzip file: unpack it first, e.g. gunzip FILE.gz)")
    }

    @Test("image_shape gives flat data a shape; one that does not fit the features is an error naming the key")
    func imageShapeKey() throws {
        let csv = try folder(["flat.csv": Array(("a,b,c,d,label\n" + (0..<8).map { "\($0),1,2,3,\($0 % 2)" }.joined(separator: "\n")).utf8)])
            .appendingPathComponent("flat.csv").path
        let data = try load("{\"data\": {\"train\": \"\(csv)\", \"image_shape\": [2, 2]}}")
        #expect(data.imageShape == ImageShape(height: 2, width: 2) && data.validation?.imageShape == data.imageShape)
        #expect(loadError("{\"data\": {\"train\": \"\(csv)\", \"image_shape\": [2, 3]}}")
            == "test.json: data.image_shape: expected a shape whose H·W·C is the 4 features of \(csv), found [2, 3] (6 features)")
    }

    @Test("image_shape that contradicts the shape the file holds is an error")
    func imageShapeContradicts() throws {
        let files = try folder(["train-images-idx3-ubyte": idxBytes(shape: [10, 2, 2], data: tenImages.images),
                                "train-labels-idx1-ubyte": idxBytes(shape: [10], data: tenImages.labels)])
        let images = files.appendingPathComponent("train-images-idx3-ubyte").path
        #expect(loadError("{\"data\": {\"train\": \"\(images)\", \"image_shape\": [1, 4]}}")
            == "test.json: data.image_shape: expected the shape \(images) holds, [2, 2] (or no image_shape), found [1, 4]")
    }

    @Test("A test set of images of another shape than the training images is refused")
    func testShapeDiffers() throws {
        let files = try folder(["train-images-idx3-ubyte": idxBytes(shape: [10, 2, 2], data: tenImages.images),
                                "train-labels-idx1-ubyte": idxBytes(shape: [10], data: tenImages.labels),
                                "t10k-images-idx3-ubyte": idxBytes(shape: [10, 1, 4], data: tenImages.images),
                                "t10k-labels-idx1-ubyte": idxBytes(shape: [10], data: tenImages.labels)])
        let train = files.appendingPathComponent("train-images-idx3-ubyte").path, test = files.appendingPathComponent("t10k-images-idx3-ubyte").path
        #expect(loadError("{\"data\": {\"train\": \"\(train)\", \"test\": \"\(test)\", \"validation_fraction\": 0.5}}")
            == "\(test): expected images of 2×2 as the training data, found images of 1×4")
    }

    @Test("header: false reads a CSV file without a header row, the label last")
    func headerless() throws {
        let csv = try folder(["mnist.csv": Array((0..<8).map { "0,\($0),\($0 % 2)" }.joined(separator: "\n").utf8)])
            .appendingPathComponent("mnist.csv").path
        let data = try load("{\"data\": {\"train\": \"\(csv)\", \"header\": false, \"validation_fraction\": 0}}")
        #expect(data.featureNames == ["x0", "x1"] && data.train.exampleCount == 8 && data.classNames == ["0", "1"])
    }

    @Test("A missing file names the config, the key, the resolved path and how relative paths resolve")
    func missingRelativeFile() {
        let folder = FileManager.default.currentDirectoryPath
        #expect(loadError(#"{"data": {"train": "no-such-folder/spiral.csv"}}"#)
            == "test.json: data.train: no such file \(folder)/no-such-folder/spiral.csv (relative paths resolve against the current folder \(folder), not the config's folder)")
        #expect(loadError(#"{"data": {"train": "/no-such-folder/x.npy"}}"#) == "test.json: data.train: no such file /no-such-folder/x.npy")
    }

    @Test("A missing dataset also says where it is published")
    func missingDataset() {
        let folder = FileManager.default.currentDirectoryPath
        #expect(loadError(#"{"data": {"train": {"cifar10": "cifar-10-batches-bin"}}}"#)
            == "test.json: data.train: no such file \(folder)/cifar-10-batches-bin (relative paths resolve against the current folder \(folder), not the config's folder); \(CIFAR10File.publishedAt)")
        #expect(loadError(#"{"data": {"train": {"images": "/none/train-images-idx3-ubyte", "labels": "/none/train-labels-idx1-ubyte"}}}"#)
            == "test.json: data.train: no such file /none/train-images-idx3-ubyte; \(IDXFile.publishedAt)")
    }
}
