import Foundation
import Testing
import LinearAlgebra
import TestSupport
@testable import Datasets

/// A folder holding `batches` (file name → bytes).
func cifarFolder(_ batches: [String: [UInt8]]) throws -> URL {
    let folder = try temporaryDirectory().appendingPathComponent("cifar-10-batches-bin")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, bytes) in batches { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    return folder
}

@Suite("CIFAR-10 binary batches — label byte, then R, G and B planes, read channel-last")
struct CIFAR10FileTests {
    @Test("Pixel (r, c) of channel k lands at x[(r·32 + c)·3 + k]; labels are the ten CIFAR-10 classes")
    func channelLast() throws {
        let folder = try cifarFolder(["test_batch.bin": cifarRecord(label: 3, seed: 0) + cifarRecord(label: 9, seed: 5)])
        let dataset = try CIFAR10File.read(paths: CIFAR10File.batchFiles(at: folder.path, part: .test))
        #expect(dataset.exampleCount == 2 && dataset.featureCount == 3072)
        #expect(dataset.labels == [3, 9] && dataset.classNames[3] == "cat" && dataset.classNames.count == 10)
        #expect(dataset.imageShape == ImageShape(height: 32, width: 32, channels: 3))
        let shape = try #require(dataset.imageShape)
        for (row, seed) in [(0, 0), (1, 5)] {
            for (r, c, k) in [(0, 0, 0), (0, 1, 0), (0, 0, 1), (0, 0, 2), (5, 17, 2), (31, 31, 1)] {
                let expected = Double((r * 32 + c + 7 * k + seed) % 256)
                let observed = dataset.features[row, shape.featureIndex(row: r, column: c, channel: k)]
                #expect(observed == expected, "image \(row), pixel (\(r), \(c)), channel \(k)")
            }
        }
    }

    @Test("A folder means data_batch_1…5.bin for training, in order, and test_batch.bin for the test part")
    func folderParts() throws {
        var batches: [String: [UInt8]] = [:]
        for index in 1...5 { batches["data_batch_\(index).bin"] = cifarRecord(label: UInt8(index), seed: index) }
        batches["test_batch.bin"] = cifarRecord(label: 0, seed: 0)
        let folder = try cifarFolder(batches)
        let training = try CIFAR10File.read(paths: CIFAR10File.batchFiles(at: folder.path, part: .training))
        #expect(training.labels == [1, 2, 3, 4, 5])
        #expect(training.features[4, 0] == 5, "the fifth batch's first pixel")
        let file = folder.appendingPathComponent("data_batch_2.bin").path
        #expect(try CIFAR10File.batchFiles(at: file, part: .training) == [file])
    }

    @Test("A folder written with or without a trailing slash gives the same batch paths, and is recognized as a batch folder")
    func trailingSlash() throws {
        let folder = try cifarFolder(["test_batch.bin": cifarRecord(label: 0, seed: 0)]).path
        let expected = [folder + "/test_batch.bin"]
        for written in [folder, folder + "/"] {
            #expect(try CIFAR10File.batchFiles(at: written, part: .test) == expected, "folder written \(written)")
            #expect(CIFAR10File.isBatchFolder(written), "folder written \(written)")
        }
        #expect(CIFAR10File.batchPath("test_batch.bin", inFolder: "cifar-10-batches-bin/") == "cifar-10-batches-bin/test_batch.bin")
    }

    @Test("Read against a model's classes: by CIFAR-10 name, else by the label's number")
    func knownClasses() throws {
        let folder = try cifarFolder(["test_batch.bin": cifarRecord(label: 3, seed: 0) + cifarRecord(label: 1, seed: 0)])
        let paths = try CIFAR10File.batchFiles(at: folder.path, part: .test)
        #expect(try CIFAR10File.read(paths: paths, classNames: CIFAR10File.classNames).labels == [3, 1])
        #expect(try CIFAR10File.read(paths: paths, classNames: ["1", "3"]).labels == [1, 0])
        #expect(errorMessage { _ = try CIFAR10File.read(paths: paths, classNames: ["cat", "dog"]) }
            == "\(paths[0]): element 1: expected one of the model's classes ['cat', 'dog'], found 1 (automobile)")
    }
}

@Suite("CIFAR-10 binary batches — a bad file names the file and the record or byte offset")
struct CIFAR10FileErrorTests {
    @Test("A truncated record names the record and its byte offset")
    func truncatedRecord() throws {
        let folder = try cifarFolder(["test_batch.bin": cifarRecord(label: 1, seed: 0) + Array(cifarRecord(label: 2, seed: 0).prefix(100))])
        let path = folder.appendingPathComponent("test_batch.bin").path
        #expect(errorMessage { _ = try CIFAR10File.read(paths: [path]) }
            == "\(path): record 1 at byte offset 3073: expected 3073 bytes, found 100 (a truncated file)")
    }

    @Test("A label outside 0–9 names the record and its byte offset")
    func labelOutOfRange() throws {
        let folder = try cifarFolder(["test_batch.bin": cifarRecord(label: 1, seed: 0) + cifarRecord(label: 2, seed: 0) + cifarRecord(label: 12, seed: 0)])
        let path = folder.appendingPathComponent("test_batch.bin").path
        #expect(errorMessage { _ = try CIFAR10File.read(paths: [path]) }
            == "\(path): record 2 at byte offset 6146: expected a label from 0 to 9, found 12")
    }

    @Test("An empty batch file")
    func emptyFile() throws {
        let folder = try cifarFolder(["test_batch.bin": []])
        let path = folder.appendingPathComponent("test_batch.bin").path
        #expect(errorMessage { _ = try CIFAR10File.read(paths: [path]) }
            == "\(path): record 0 at byte offset 0: expected 3073 bytes, found 0 (a truncated file)")
    }

    @Test("A missing folder, and a missing batch in a folder, name the path and where CIFAR-10 is published")
    func missing() throws {
        let resolved = FileManager.default.currentDirectoryPath + "/no-such-folder/cifar-10-batches-bin"
        #expect(errorMessage { _ = try CIFAR10File.batchFiles(at: "no-such-folder/cifar-10-batches-bin", part: .training) }
            == "\(resolved): no such file; \(CIFAR10File.publishedAt)")
        let folder = try cifarFolder(["data_batch_1.bin": cifarRecord(label: 1, seed: 0)])
        let message = errorMessage { _ = try CIFAR10File.read(paths: CIFAR10File.batchFiles(at: folder.path, part: .training)) }
        #expect(message == "\(folder.path)/data_batch_2.bin: no such file; \(CIFAR10File.publishedAt)")
        #expect(message?.contains("https://www.cs.toronto.edu/~kriz/cifar.html") == true)
    }
}
