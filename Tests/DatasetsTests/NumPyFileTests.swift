import Foundation
import Testing
import LinearAlgebra
import TestSupport
@testable import Datasets

/// The path of a fixture written by NumPy (Fixtures/make_fixtures.py).
func fixture(_ name: String) -> String {
    Bundle.module.bundleURL.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

@Suite("NumPy .npy files — NumPy's files load here, these files load in NumPy")
struct NumPyFileTests {
    static let fixtureFeatures = Matrix([[0, 1], [2, 3], [250, 7]])

    @Test("Features of every supported dtype, format versions 1.0, 2.0 and 3.0",
          arguments: ["f8", "f4", "i8", "i4", "u1"], [1, 2, 3])
    func numPyFeatures(dtype: String, version: Int) throws {
        let features = try NumPyFile.readFeaturesAndShape(path: fixture("features-\(dtype)-v\(version).npy")).features
        #expect(features == Self.fixtureFeatures, "dtype \(dtype), version \(version): observed \(features)")
    }

    @Test("Labels of every integer dtype, and float64 holding integers", arguments: ["i8", "i4", "u1", "f8"])
    func numPyLabels(dtype: String) throws {
        let dataset = try NumPyFile.read(featuresPath: fixture("features-f8-v1.npy"), labelsPath: fixture("labels-\(dtype).npy"))
        #expect(dataset.classNames == ["0", "2"] && dataset.labels == [1, 0, 1], "dtype \(dtype)")
        #expect(dataset.featureNames == ["x1", "x2"] && dataset.features == Self.fixtureFeatures)
    }

    @Test("Round trip: features <f8 and labels <i8, integer class names kept (seeds 0..<20)", arguments: 0..<20)
    func roundTrip(seed: UInt64) throws {
        var generator = Xoshiro256StarStar(seed: seed)
        let rows = 2 + generator.uniformInteger(below: 40), columns = 1 + generator.uniformInteger(below: 6)
        let features = randomMatrix(rows: rows, columns: columns, seed: seed)
        let labels = (0..<rows).map { $0 % 2 }
        let dataset = Dataset(features: features, labels: labels, classNames: ["3", "10"],
                              featureNames: (1...columns).map { "x\($0)" })
        let directory = try temporaryDirectory()
        let featuresPath = directory.appendingPathComponent("data.npy").path
        let labelsPath = NumPyFile.labelsPath(forFeaturesPath: featuresPath)
        try NumPyFile.write(dataset, featuresPath: featuresPath, labelsPath: labelsPath)
        let read = try NumPyFile.read(featuresPath: featuresPath, labelsPath: labelsPath)
        #expect(read == dataset, "seed \(seed)")
    }

    @Test("The header NumPy writes: version 1.0, data at a multiple of 64 bytes")
    func headerLayout() {
        let header = NumPyHeader.encoded(elementType: .float64, shape: [3, 2])
        let text = String(decoding: header[10...], as: UTF8.self)
        #expect(header.count % 64 == 0 && header[6] == 1 && header[7] == 0)
        #expect(text.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }") && text.hasSuffix(" \n"))
        #expect(String(decoding: NumPyHeader.encoded(elementType: .int64, shape: [5])[10...], as: UTF8.self)
            .hasPrefix("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }"))
    }

    @Test("Images (N, H, W) and (N, H, W, C) flatten in C order and keep their shape; (N, D) has none")
    func imageArrays() throws {
        let pixels: [UInt8] = Array(0..<24)
        for (shape, imageShape) in [([2, 3, 4], ImageShape(height: 3, width: 4)), ([2, 2, 2, 3], ImageShape(height: 2, width: 2, channels: 3)),
                                    ([2, 12], nil)] {
            let path = try temporaryFile(named: "images.npy", bytes: NumPyHeader.encoded(elementType: .uint8, shape: shape) + pixels)
            let (features, observedShape) = try NumPyFile.readFeaturesAndShape(path: path)
            #expect(features == Matrix(rows: 2, columns: 12, elements: pixels.map(Double.init)), "shape \(shape)")
            #expect(observedShape == imageShape, "shape \(shape)")
            let labels = NumPyFile.labelsPath(forFeaturesPath: path)
            try NumPyFile.write(labels: [0, 1], to: labels)
            #expect(try NumPyFile.read(featuresPath: path, labelsPath: labels).imageShape == imageShape, "shape \(shape)")
        }
    }

    @Test("The labels file of name.npy is name-labels.npy")
    func labelsPathConvention() {
        #expect(NumPyFile.labelsPath(forFeaturesPath: "data/spiral.npy") == "data/spiral-labels.npy")
    }
}

@Suite("NumPy .npy files — bad files name the file and what was expected")
struct NumPyFileErrorTests {
    // Columns: fixture, the message after "PATH: ".
    static let badFeatures: [(name: String, message: String)] = [
        ("fortran.npy", "expected a C-order array, found Fortran order (save it with np.ascontiguousarray)"),
        ("big-endian.npy", "expected an element type among ['<f8', '<f4', '<i8', '<i4', '|u1'], found '>f8'"),
        ("complex.npy", "expected an element type among ['<f8', '<f4', '<i8', '<i4', '|u1'], found '<c16'"),
        ("truncated.npy", "expected 48 bytes of data after the header, found 43 (a truncated file)"),
        ("one-dimensional.npy", "expected a 2-D array (N, D) or images (N, H, W) or (N, H, W, C), found shape (3,)"),
        ("make_fixtures.py", "expected a NumPy .npy file (starting with \\x93NUMPY), found other bytes"),
    ]

    @Test("Bad features file → one sentence naming the file", arguments: badFeatures)
    func badFeaturesFile(name: String, message: String) {
        let path = fixture(name)
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) } == "\(path): \(message)")
    }

    @Test("A header promising 10¹² elements is refused before any allocation")
    func absurdShape() throws {
        let path = try temporaryFile(named: "absurd.npy", bytes: NumPyHeader.encoded(elementType: .float64, shape: [1_000_000, 1_000_000]))
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
            == "\(path): expected 8000000000000 bytes of data after the header, found 0 (a truncated file)")
    }

    @Test("Zero rows of 2⁴⁰ × 2⁴⁰ pixels: a row's length overflows, an error and not a trap")
    func overflowingRow() throws {
        let path = try temporaryFile(named: "wide.npy", bytes: NumPyHeader.encoded(elementType: .uint8, shape: [0, 1 << 40, 1 << 40]))
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
            == "\(path): expected 9223372036854775807 bytes of data after the header, found 0 (a truncated file)")
    }

    @Test("Feature and label row counts that differ")
    func rowCountMismatch() {
        let features = fixture("features-f8-v1.npy"), labels = fixture("labels-two.npy")
        #expect(errorMessage { _ = try NumPyFile.read(featuresPath: features, labelsPath: labels) }
            == "\(labels): expected 3 labels, one per row of \(features), found 2")
    }

    @Test("A label that is not an integer names its element")
    func fractionalLabel() {
        let labels = fixture("labels-fraction.npy")
        #expect(errorMessage { _ = try NumPyFile.read(featuresPath: fixture("features-f8-v1.npy"), labelsPath: labels) }
            == "\(labels): element 1: expected an integer label, found 1.5")
    }

    @Test("A label the model does not know names its element")
    func unknownLabel() {
        let labels = fixture("labels-i8.npy")
        #expect(errorMessage { _ = try NumPyFile.read(featuresPath: fixture("features-f8-v1.npy"), labelsPath: labels, classNames: ["0", "1"]) }
            == "\(labels): element 0: expected one of the model's classes ['0', '1'], found 2")
    }

    @Test("Labels of one class cannot train a classifier")
    func singleClass() throws {
        let labels = try temporaryDirectory().appendingPathComponent("labels.npy").path
        try NumPyFile.write(labels: [4, 4, 4], to: labels)
        #expect(errorMessage { _ = try NumPyFile.read(featuresPath: fixture("features-f8-v1.npy"), labelsPath: labels) }
            == "\(labels): every label is '4'; expected at least two classes to tell apart")
    }

    @Test("NaN and ±inf features are rejected with their row and column")
    func nonFinite() throws {
        let path = try temporaryDirectory().appendingPathComponent("nan.npy").path
        try NumPyFile.write(Matrix([[1, 2], [3, -.infinity]]), to: path)
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
            == "\(path): element [1, 1]: expected a finite number, found -inf (NaN and ±inf are rejected)")
    }

    @Test("A 4-D array that looks channel-first (N, C, H, W) is refused with the transposition that fixes it")
    func channelFirst() throws {
        let path = try temporaryFile(named: "chw.npy", bytes: NumPyHeader.encoded(elementType: .uint8, shape: [1, 3, 5, 5]) + Array(repeating: 0, count: 75))
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
            == "\(path): expected images channel-last, of shape (N, H, W, C), found shape (1, 3, 5, 5), which looks channel-first (N, C, H, W); save np.transpose(X, (0, 2, 3, 1)) instead")
    }

    @Test("A format version other than 1, 2 or 3")
    func unknownVersion() throws {
        var bytes = NumPyHeader.encoded(elementType: .float64, shape: [1, 1]) + [0, 0, 0, 0, 0, 0, 0, 0]
        bytes[6] = 4
        let path = try temporaryFile(named: "v4.npy", bytes: bytes)
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
            == "\(path): the .npy header is not readable: expected format version 1.0, 2.0 or 3.0, found 4.0")
    }

    @Test("A header nested 50,000 levels deep is an error, not a stack overflow")
    func deeplyNestedHeader() throws {
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + String(repeating: "(", count: 50_000)
            + String(repeating: ")", count: 50_000) + "}"
        let length = UInt32(header.utf8.count)
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [2, 0]
            + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
            + Array(header.utf8)
        let path = try temporaryFile(named: "nested.npy", bytes: bytes)
        let message = errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: path) }
        #expect(message?.hasPrefix("\(path): the .npy header is not readable") == true, "\(message ?? "no error")")
    }

    @Test("A missing file shows the resolved path")
    func missingFile() {
        #expect(errorMessage { _ = try NumPyFile.readFeaturesAndShape(path: "/nonexistent/x.npy") } == "/nonexistent/x.npy: no such file")
    }
}
