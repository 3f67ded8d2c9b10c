import Foundation
import LinearAlgebra

/// Reading and writing NumPy `.npy` arrays (SPEC §6): features as an array in C order (`<f8`,
/// `<f4`, `<i8`, `<i4` or `|u1`) of shape (N, D), or of images (N, H, W) or (N, H, W, C)
/// channel-last, flattened to N×(H·W·C) rows with that image shape (SPEC §4); labels as a 1-D
/// array of N integers.
///
/// A dataset is a pair of files; by this program's convention the labels of `name.npy` are in
/// `name-labels.npy` (`labelsPath(forFeaturesPath:)`). In Python:
///
///     np.save("x.npy", X.astype(np.float64)); np.save("x-labels.npy", y.astype(np.int64))
public enum NumPyFile {
    /// The labels file that goes with a features file: `name.npy` → `name-labels.npy`.
    public static func labelsPath(forFeaturesPath path: String) -> String {
        (path.hasSuffix(".npy") ? String(path.dropLast(4)) : path) + "-labels.npy"
    }

    /// The dataset of a features file (N×D) and a labels file (N integers).
    ///
    /// Classes are the distinct label values in numeric order, named by their decimal text, when
    /// `classNames` is nil (training data: at least two are required); otherwise each label maps
    /// onto `classNames` by its decimal text and an unknown one is an error. Feature names are
    /// `x1`…`xD`, or for images the pixels' (`p{row}_{column}[_{channel}]`, `ImageShape.featureNames`).
    /// - Throws: `DatasetError` for a missing or malformed file, and `rowCountMismatch` when the
    ///   files disagree on N.
    /// - Complexity: O(N·D); memory 8·N·D bytes for the features.
    public static func read(featuresPath: String, labelsPath: String, classNames: [String]? = nil) throws -> Dataset {
        let (features, imageShape) = try readFeaturesAndShape(path: featuresPath)
        let values = try readArray(path: labelsPath, allowedDimensions: [1, 2], describing: "a 1-D array of labels")
        guard values.shape.count == 1 || values.shape[1] == 1 else {
            throw DatasetError.wrongDimensions(file: labelsPath, expected: "a 1-D array of labels", shape: values.shape)
        }
        guard values.elements.count == features.rows else {
            throw DatasetError.rowCountMismatch(featuresFile: featuresPath, featureRows: features.rows,
                                                labelsFile: labelsPath, labelRows: values.elements.count)
        }
        let integers = try values.elements.enumerated().map { element, value in
            guard value == value.rounded(), abs(value) <= 0x1p53 else {
                throw DatasetError.nonIntegerLabel(file: labelsPath, element: element, found: "\(value)")
            }
            return Int(value)
        }
        let (labels, names) = try LabelEncoder.encode(integerLabels: integers, file: labelsPath, knownClasses: classNames)
        return Dataset(features: features, labels: labels, classNames: names,
                       featureNames: ImageShape.featureNames(of: imageShape, count: features.columns), imageShape: imageShape)
    }

    /// The features of a `.npy` file as an N×D matrix converted to `Double`, in memory backed by
    /// huge pages where the system offers them (`Matrix(rows:columns:hugePageElements:)`), and
    /// the image shape of an array of images: (N, D) has none, (N, H, W) gives [H, W] and
    /// (N, H, W, C) gives [H, W, C], D = H·W·C in either case. NaN and ±∞ are rejected, as in CSV
    /// files; so is a 4-D array that looks channel-first, (N, C, H, W) with C ≤ 4 < W, which read
    /// channel-last would scramble every image.
    public static func readFeaturesAndShape(path: String) throws -> (features: Matrix, imageShape: ImageShape?) {
        let (file, header) = try openArray(path: path, allowedDimensions: [2, 3, 4],
                                           describing: "a 2-D array (N, D) or images (N, H, W) or (N, H, W, C)")
        let rows = header.shape[0], columns = header.shape.dropFirst().checkedProduct ?? 0  // openArray checked it
        guard columns > 0 else { throw DatasetError.noFeatureColumns(file: path) }
        let imageShape = ImageShape(dimensions: Array(header.shape.dropFirst()))
        if header.shape.count == 4, header.shape[1] <= 4, header.shape[3] > 4 {
            throw DatasetError.imageShapeMismatch(
                file: path, expected: "images channel-last, of shape (N, H, W, C)",
                found: "shape \(shapeText(header.shape)), which looks channel-first (N, C, H, W); save np.transpose(X, (0, 2, 3, 1)) instead")
        }
        let features = try Matrix(rows: rows, columns: columns) { buffer, initializedCount in
            initializedCount = try readElements(file, into: buffer, type: header.elementType)
        }
        if let index = features.elements.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError.nonFiniteElement(file: path, row: index / columns, column: index % columns, found: "\(features.elements[index])")
        }
        return (features, imageShape)
    }

    /// A shape as NumPy prints it: `(5000, 28, 28)`, `(5,)`.
    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }

    /// The shape and elements (as `Double`, in C order) of the `.npy` file at `path`.
    static func readArray(path: String, allowedDimensions: [Int], describing expected: String) throws -> (shape: [Int], elements: [Double]) {
        let (file, header) = try openArray(path: path, allowedDimensions: allowedDimensions, describing: expected)
        let elements = try [Double](unsafeUninitializedCapacity: header.elementCount ?? 0) { buffer, initializedCount in
            initializedCount = try readElements(file, into: buffer, type: header.elementType)
        }
        return (header.shape, elements)
    }

    /// The `.npy` file at `path` opened and positioned at its data, with its header.
    ///
    /// The shape is checked against the file's size before anything is allocated, so a header
    /// promising 10¹² elements is reported as truncated rather than exhausting memory.
    private static func openArray(path: String, allowedDimensions: [Int], describing expected: String) throws -> (ByteFile, NumPyHeader) {
        let file = try ByteFile.openForReading(path)
        let header = try NumPyHeader.read(from: file)
        guard allowedDimensions.contains(header.shape.count) else {
            throw DatasetError.wrongDimensions(file: path, expected: expected, shape: header.shape)
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
            readBytes = try file.readDoubles(into: base, count: count, type: type)
        }
        guard readBytes == count * type.byteCount else {
            throw DatasetError.truncatedData(file: file.path, expectedBytes: count * type.byteCount, foundBytes: readBytes)
        }
        return count
    }
}
