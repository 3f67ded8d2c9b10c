import Foundation
import LinearAlgebra

/// Reading and writing NumPy `.npy` arrays (SPEC §6): features as a 2-D array N×D in C order
/// (`<f8`, `<f4`, `<i8`, `<i4` or `|u1`), labels as a 1-D array of N integers.
///
/// A dataset is a pair of files; by this program's convention the labels of `name.npy` are in
/// `name-labels.npy` (`labelsPath(forFeaturesPath:)`). In Python:
///
///     np.save("x.npy", X.astype(np.float64)); np.save("x-labels.npy", y.astype(np.int64))
public enum NumPyFile {
    /// The element types `read` accepts, by NumPy `descr`.
    public static var supportedDataTypes: [String] { NumPyHeader.ElementType.allCases.map(\.rawValue) }

    /// The labels file that goes with a features file: `name.npy` → `name-labels.npy`.
    public static func labelsPath(forFeaturesPath path: String) -> String {
        (path.hasSuffix(".npy") ? String(path.dropLast(4)) : path) + "-labels.npy"
    }

    /// The dataset of a features file (N×D) and a labels file (N integers).
    ///
    /// Classes are the distinct label values in numeric order, named by their decimal text, when
    /// `classNames` is nil (training data: at least two are required); otherwise each label maps
    /// onto `classNames` by its decimal text and an unknown one is an error. Feature names are
    /// `x1`…`xD`.
    /// - Throws: `DatasetError` for a missing or malformed file, and `rowCountMismatch` when the
    ///   files disagree on N.
    /// - Complexity: O(N·D); memory 8·N·D bytes for the features.
    public static func read(featuresPath: String, labelsPath: String, classNames: [String]? = nil) throws -> Dataset {
        let features = try readFeatures(path: featuresPath)
        let values = try readArray(path: labelsPath, allowedDimensions: [1, 2])
        guard values.shape.count == 1 || values.shape[1] == 1 else {
            throw DatasetError.wrongDimensions(file: labelsPath, expected: 1, shape: values.shape)
        }
        guard values.elements.count == features.rows else {
            throw DatasetError.rowCountMismatch(featuresFile: featuresPath, featureRows: features.rows,
                                                labelsFile: labelsPath, labelRows: values.elements.count)
        }
        var encoder = LabelEncoder(knownClasses: classNames)
        for (element, value) in values.elements.enumerated() {
            guard value == value.rounded(), abs(value) <= 0x1p53 else {
                throw DatasetError.nonIntegerLabel(file: labelsPath, element: element, found: "\(value)")
            }
            let label = String(Int(value))
            guard encoder.encode(label) != nil else {
                throw DatasetError.unknownArrayLabel(file: labelsPath, element: element, label: label, knownClasses: classNames ?? [])
            }
        }
        let (labels, names) = encoder.finish()
        if classNames == nil && names.count < 2 {
            guard let only = names.first else { throw DatasetError.noExamples(file: labelsPath) }
            throw DatasetError.singleClass(file: labelsPath, className: only)
        }
        return Dataset(features: features, labels: labels, classNames: names,
                       featureNames: (0..<features.columns).map { "x\($0 + 1)" })
    }

    /// The N×D features matrix of a 2-D `.npy` file, converted to `Double`, in memory backed by
    /// huge pages where the system offers them (`Matrix(rows:columns:hugePageElements:)`). NaN and
    /// ±∞ are rejected, as in CSV files.
    public static func readFeatures(path: String) throws -> Matrix {
        let (file, header) = try openArray(path: path, allowedDimensions: [2])
        let rows = header.shape[0], columns = header.shape[1]
        guard columns > 0 else { throw DatasetError.noFeatureColumns(file: path) }
        let features = try Matrix(rows: rows, columns: columns) { buffer, initializedCount in
            initializedCount = try readElements(file, into: buffer, type: header.elementType)
        }
        if let index = features.elements.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError.nonFiniteElement(file: path, row: index / columns, column: index % columns, found: "\(features.elements[index])")
        }
        return features
    }

    /// The shape and elements (as `Double`, in C order) of the `.npy` file at `path`.
    static func readArray(path: String, allowedDimensions: [Int]) throws -> (shape: [Int], elements: [Double]) {
        let (file, header) = try openArray(path: path, allowedDimensions: allowedDimensions)
        let elements = try [Double](unsafeUninitializedCapacity: header.elementCount ?? 0) { buffer, initializedCount in
            initializedCount = try readElements(file, into: buffer, type: header.elementType)
        }
        return (header.shape, elements)
    }

    /// The `.npy` file at `path` opened and positioned at its data, with its header.
    ///
    /// The shape is checked against the file's size before anything is allocated, so a header
    /// promising 10¹² elements is reported as truncated rather than exhausting memory.
    private static func openArray(path: String, allowedDimensions: [Int]) throws -> (ByteFile, NumPyHeader) {
        let file = try ByteFile.openForReading(path)
        let header = try NumPyHeader.read(from: file)
        guard allowedDimensions.contains(header.shape.count) else {
            throw DatasetError.wrongDimensions(file: path, expected: allowedDimensions[0], shape: header.shape)
        }
        let available = max((file.size ?? Int.max) - header.dataOffset, 0)
        let (expectedBytes, overflow) = (header.elementCount ?? Int.max).multipliedReportingOverflow(by: header.elementType.byteCount)
        guard !overflow, expectedBytes <= available, header.elementCount != nil else {
            throw DatasetError.truncatedData(file: path, expectedBytes: overflow ? Int.max : expectedBytes, foundBytes: available)
        }
        return (file, header)
    }

    /// `buffer.count` elements of `type` from the file's current position, as doubles, into
    /// `buffer`; returns how many (all of them, or it throws `truncatedData`). `<f8` is read
    /// straight into the buffer (disk speed); other types through a 1 MiB block.
    private static func readElements(_ file: ByteFile, into buffer: UnsafeMutableBufferPointer<Double>, type: NumPyHeader.ElementType) throws -> Int {
        let count = buffer.count
        guard let base = buffer.baseAddress else { return 0 }
        let readBytes: Int
        if type == .float64 {
            readBytes = try file.read(into: base, count: count * 8)
            for index in 0..<readBytes / 8 { base[index] = Double(bitPattern: UInt64(littleEndian: base[index].bitPattern)) }
        } else {
            readBytes = try convertBlocks(file, into: base, count: count, type: type)
        }
        guard readBytes == count * type.byteCount else {
            throw DatasetError.truncatedData(file: file.path, expectedBytes: count * type.byteCount, foundBytes: readBytes)
        }
        return count
    }

    /// Reads elements of `type` block by block, converting each to a double; returns bytes read.
    private static func convertBlocks(_ file: ByteFile, into destination: UnsafeMutablePointer<Double>, count: Int,
                                      type: NumPyHeader.ElementType) throws -> Int {
        let width = type.byteCount
        let blockElements = (1 << 20) / width
        var block = [UInt8](repeating: 0, count: blockElements * width)
        var done = 0
        while done < count {
            let wanted = min(blockElements, count - done)
            let read = try block.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                let got = try file.read(into: base, count: wanted * width)
                for index in 0..<got / width {
                    destination[done + index] = convert(raw, at: index * width, type: type)
                }
                return got
            }
            done += read / width
            if read < wanted * width { return done * width + read % width }
        }
        return done * width
    }

    /// The little-endian element of `type` at `offset`, as a double.
    private static func convert(_ raw: UnsafeMutableRawBufferPointer, at offset: Int, type: NumPyHeader.ElementType) -> Double {
        switch type {
        case .float64: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        case .float32: Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
        case .int64: Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        case .int32: Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .uint8: Double(raw[offset])
        }
    }
}
