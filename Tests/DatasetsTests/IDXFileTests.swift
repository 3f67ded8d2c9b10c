import Foundation
import Testing
import LinearAlgebra
import TestSupport
@testable import Datasets

/// An images file and its labels file, written as MNIST names them, in one fresh folder.
func idxPair(images: [UInt8], labels: [UInt8]) throws -> (images: String, labels: String) {
    let folder = try temporaryDirectory()
    let imagesPath = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
    let labelsPath = folder.appendingPathComponent("t10k-labels-idx1-ubyte").path
    try Data(images).write(to: URL(fileURLWithPath: imagesPath))
    try Data(labels).write(to: URL(fileURLWithPath: labelsPath))
    return (imagesPath, labelsPath)
}

@Suite("IDX files — MNIST, Fashion-MNIST and EMNIST as distributed")
struct IDXFileTests {
    /// Three 2×3 images whose pixels are their row-major index plus 10·image, the last one 255.
    static let pixels: [UInt8] = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 255]

    @Test("Three 2×3 images: rows are the images row by row, the shape [2, 3], classes the labels in numeric order")
    func readsImagesAndLabels() throws {
        let (images, labels) = try idxPair(images: idxBytes(shape: [3, 2, 3], data: Self.pixels), labels: idxBytes(shape: [3], data: [7, 2, 7]))
        let dataset = try IDXFile.read(imagesPath: images, labelsPath: labels)
        #expect(dataset.features == Matrix([[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15], [20, 21, 22, 23, 24, 255]]))
        #expect(dataset.classNames == ["2", "7"] && dataset.labels == [1, 0, 1])
        #expect(dataset.imageShape == ImageShape(height: 2, width: 3))
        #expect(dataset.featureNames == ["p0_0", "p0_1", "p0_2", "p1_0", "p1_1", "p1_2"])
    }

    @Test("Images of 4 dimensions (N, H, W, C) keep their channels; of 2 (N, D) have no image shape")
    func otherDimensions() throws {
        let colour = try temporaryFile(named: "colour-idx4-ubyte", bytes: idxBytes(shape: [1, 1, 2, 3], data: [1, 2, 3, 4, 5, 6]))
        let (features, shape) = try IDXFile.readImages(path: colour)
        #expect(features == Matrix([[1, 2, 3, 4, 5, 6]]) && shape == ImageShape(height: 1, width: 2, channels: 3))
        let flat = try temporaryFile(named: "flat-idx2-ubyte", bytes: idxBytes(shape: [2, 2], data: [1, 2, 3, 4]))
        let (flatFeatures, flatShape) = try IDXFile.readImages(path: flat)
        #expect(flatFeatures == Matrix([[1, 2], [3, 4]]) && flatShape == nil)
    }

    @Test("Labels read against a model's classes; a label it lacks names its record")
    func knownClasses() throws {
        let (images, labels) = try idxPair(images: idxBytes(shape: [3, 2, 3], data: Self.pixels), labels: idxBytes(shape: [3], data: [7, 2, 9]))
        #expect(try IDXFile.read(imagesPath: images, labelsPath: labels, classNames: ["2", "7", "9"]).labels == [1, 0, 2])
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels, classNames: ["2", "7"]) }
            == "\(labels): element 2: expected one of the model's classes ['2', '7'], found 9")
    }

    @Test("The labels file beside an images file, by the datasets' naming")
    func labelsByName() {
        #expect(IDXFile.labelsPath(forImagesPath: "mnist/train-images-idx3-ubyte") == "mnist/train-labels-idx1-ubyte")
        #expect(IDXFile.labelsPath(forImagesPath: "train-images.idx3-ubyte") == "train-labels.idx1-ubyte")
        #expect(IDXFile.labelsPath(forImagesPath: "/d/images/emnist-letters-test-images-idx3-ubyte")
            == "/d/images/emnist-letters-test-labels-idx1-ubyte")
        #expect(IDXFile.labelsPath(forImagesPath: "pictures.idx3") == nil)
        #expect(IDXFile.isIDXName("a/t10k-images-idx3-ubyte") && !IDXFile.isIDXName("idx3/data.csv"))
    }
}

@Suite("IDX files — recognized by the datasets' naming, -idxN-ubyte or .idxN-ubyte, whether or not 'images' is in the name")
struct IDXNameTests {
    // Columns: a path, whether it names an IDX file.
    static let names: [(path: String, isIDX: Bool)] = [
        ("mnist/train-images-idx3-ubyte", true), ("train-labels-idx1-ubyte", true), ("t10k-idx3-ubyte", true),
        ("data/my-digits.idx3-ubyte", true), ("emnist_letters_idx3-ubyte", true), ("idx3-ubyte", true),
        ("train-images-idx3-ubyte.gz", true), ("colour-idx4-ubyte", true),
        ("idx3/data.csv", false), ("my_idx2_data.csv", false), ("pictures.idx3", false), ("train-images-idx3-ubyte.csv", false),
        ("trainidx3-ubyte", false), ("t10k-idx3-ubyte.gz.txt", false),
    ]

    @Test("A file name ending in [-._]idxN-ubyte, or that and .gz, is an IDX file; idx elsewhere in a name is not", arguments: names)
    func recognized(path: String, isIDX: Bool) {
        #expect(IDXFile.isIDXName(path) == isIDX, "path \(path)")
    }
}

@Suite("IDX files — a bad file names the file and the byte offset or record")
struct IDXFileErrorTests {
    static let images = idxBytes(shape: [3, 2, 3], data: IDXFileTests.pixels)

    @Test("A truncated image names the record cut short and its byte offset")
    func truncatedImage() throws {
        let (images, labels) = try idxPair(images: Array(Self.images.dropLast(4)), labels: idxBytes(shape: [3], data: [1, 2, 3]))
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels) }
            == "\(images): record 2 at byte offset 28: expected 6 bytes, found 2 (a truncated file)")
    }

    @Test("A truncated labels file names its missing record")
    func truncatedLabels() throws {
        let (images, labels) = try idxPair(images: Self.images, labels: Array(idxBytes(shape: [3], data: [1, 2, 3]).dropLast()))
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels) }
            == "\(labels): record 2 at byte offset 10: expected 1 byte, found 0 (a truncated file)")
    }

    @Test("Bytes after the last record")
    func trailingBytes() throws {
        let (images, labels) = try idxPair(images: Self.images + [0, 0], labels: idxBytes(shape: [3], data: [1, 2, 3]))
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels) }
            == "\(images): byte offset 34: expected the end of the file after the last record, found 2 more bytes")
    }

    // Columns: the first bytes of the images file, the message after "PATH: bytes 0–3: expected the IDX magic number ".
    static let badMagic: [(bytes: [UInt8], message: String)] = [
        ([0x1F, 0x8B, 0x08, 0x08, 0, 0], "00 00 08 03 (images: unsigned bytes, 3 dimensions), found 1f 8b 08 08 (a gzip file: unpack it first, e.g. gunzip FILE.gz)"),
        ([0, 0, 0x0D, 3, 0, 0, 0, 1], "00 00 08 03 (images: unsigned bytes, 3 dimensions), found 00 00 0d 03"),
        ([0, 0, 0x08, 1, 0, 0, 0, 3, 1, 2, 3], "00 00 08 03 (images: unsigned bytes, 3 dimensions), found 00 00 08 01"),
        ([], "00 00 08 03 (images: unsigned bytes, 3 dimensions), found an empty file"),
    ]

    @Test("A wrong magic number: a gzip file, floats, a labels file given as images, an empty file", arguments: badMagic)
    func wrongMagic(bytes: [UInt8], message: String) throws {
        let (images, labels) = try idxPair(images: bytes, labels: idxBytes(shape: [3], data: [1, 2, 3]))
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels) }
            == "\(images): bytes 0–3: expected the IDX magic number \(message)")
    }

    @Test("Images given as the labels file: the labels' magic number is expected")
    func imagesAsLabels() throws {
        let (images, _) = try idxPair(images: Self.images, labels: [])
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: images) }
            == "\(images): bytes 0–3: expected the IDX magic number 00 00 08 01 (labels: unsigned bytes, 1 dimension), found 00 00 08 03")
    }

    @Test("Image and label counts that differ")
    func countsDiffer() throws {
        let (images, labels) = try idxPair(images: Self.images, labels: idxBytes(shape: [2], data: [1, 2]))
        #expect(errorMessage { _ = try IDXFile.read(imagesPath: images, labelsPath: labels) }
            == "\(labels): expected 3 labels, one per row of \(images), found 2")
    }

    @Test("A header promising 2³² images is refused before any allocation")
    func absurdCount() throws {
        let images = try temporaryFile(named: "huge-idx3-ubyte", bytes: idxBytes(shape: [0x7FFF_FFFF, 28, 28], data: [1, 2]))
        #expect(errorMessage { _ = try IDXFile.readImages(path: images) }
            == "\(images): record 0 at byte offset 16: expected 784 bytes, found 2 (a truncated file)")
    }

    @Test("Zero images of 2³¹ × 2³¹ × 2³¹ bytes: an image's size overflows, an error and not a trap")
    func overflowingImage() throws {
        let images = try temporaryFile(named: "wide-idx4-ubyte", bytes: idxBytes(shape: [0, 1 << 31, 1 << 31, 1 << 31], data: []))
        #expect(errorMessage { _ = try IDXFile.readImages(path: images) }
            == "\(images): record 0 at byte offset 20: expected 9223372036854775807 bytes, found 0 (a truncated file)")
    }

    @Test("From a pipe (no size to check against), 2³² − 1 images of 2³² bytes: the count overflows, an error and not a trap")
    func overflowingCountFromAPipe() throws {
        let path = try temporaryDirectory().appendingPathComponent("piped-idx3-ubyte").path
        try #require(mkfifo(path, 0o600) == 0)
        let header = idxBytes(shape: [0xFFFF_FFFF, 1 << 16, 1 << 16], data: [])
        let writer = Thread { try? FileHandle(forWritingAtPath: path)?.write(contentsOf: Data(header)) }
        writer.start()
        #expect(errorMessage { _ = try IDXFile.readImages(path: path) }
            == "\(path): record 0 at byte offset 16: expected 9223372036854775807 bytes, found 0 (a truncated file)")
    }

    @Test("A missing file names the resolved path and where the datasets are published")
    func missingFile() {
        let message = errorMessage { _ = try IDXFile.readImages(path: "no-such-folder/train-images-idx3-ubyte") }
        let resolved = FileManager.default.currentDirectoryPath + "/no-such-folder/train-images-idx3-ubyte"
        #expect(message == "\(resolved): no such file; \(IDXFile.publishedAt)")
        #expect(message?.contains("https://yann.lecun.com/exdb/mnist/") == true)
    }
}
