import Foundation
import LinearAlgebra

/// Reading the IDX files of MNIST, Fashion-MNIST and EMNIST as they are distributed (SPEC §4): a
/// pair of an images file and a labels file, both unsigned bytes after a big-endian header.
///
///     bytes 0–3    magic number 00 00 08 n: two zero bytes, type 08 (unsigned byte), n dimensions
///     bytes 4…     n sizes, each a big-endian UInt32: N, then H, W (images) or nothing (labels)
///     then         N records of H·W bytes (pixels 0–255, row by row) or of one byte (the label)
///
/// `train-images-idx3-ubyte` holds (60000, 28, 28), `train-labels-idx1-ubyte` (60000). Images
/// of 3 dimensions (N, H, W) get the image shape [H, W], of 4 (N, H, W, C) [H, W, C]; of 2 (N, D)
/// none. Reading converts the bytes straight into the N×D matrix of doubles (pixels keep their
/// 0–255 values), a block at a time, so the file is never held whole. The files must be
/// unpacked: a gzip file (`.gz`, as the datasets are downloaded) is recognized and named as such.
public enum IDXFile {
    /// Where the IDX datasets are published: the hint of a missing file.
    public static let publishedAt = "MNIST is published at https://yann.lecun.com/exdb/mnist/, Fashion-MNIST at "
        + "https://github.com/zalandoresearch/fashion-mnist, EMNIST at https://www.nist.gov/itl/products-and-services/emnist-dataset "
        + "(unpack the .gz files with gunzip)"

    /// The labels file that goes with an images file by the datasets' naming: the file name's last
    /// `images` becomes `labels` and `idx3` becomes `idx1` (`t10k-images-idx3-ubyte` →
    /// `t10k-labels-idx1-ubyte`, `emnist-letters-train-images-idx3-ubyte` →
    /// `emnist-letters-train-labels-idx1-ubyte`); nil when the name has no `images`.
    public static func labelsPath(forImagesPath path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard let images = name.range(of: "images", options: .backwards) else { return nil }
        let renamed = name.replacingCharacters(in: images, with: "labels").replacingOccurrences(of: "idx3", with: "idx1")
        let folder = String(path.dropLast(name.count))
        return folder + renamed
    }

    /// Whether `path` names an IDX file by the datasets' naming: a file name that ends in `idx`, the
    /// number of dimensions and `-ubyte` (the elements' type, unsigned bytes), after `-`, `.` or
    /// `_` or as the whole name (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
    /// `train-images.idx3-ubyte`, `t10k-idx3-ubyte`), or such a name and `.gz`: a file still
    /// packed, which reading then reports as gzip to unpack. Whether the name holds `images` does
    /// not matter here; it matters only for finding the labels file (`labelsPath(forImagesPath:)`).
    public static func isIDXName(_ path: String) -> Bool {
        URL(fileURLWithPath: path).lastPathComponent.range(of: "(^|[-._])idx[0-9]-ubyte(\\.gz)?$", options: .regularExpression) != nil
    }

    /// The dataset of an images file and a labels file.
    ///
    /// Classes are the distinct label values in numeric order, named by their decimal text, when
    /// `classNames` is nil (training data: at least two are required); otherwise each label maps
    /// onto `classNames` and an unknown one is an error. Feature names are the pixels' (`p{row}_{column}`,
    /// `ImageShape.featureNames`), or `x1`…`xD` for 2 dimensions.
    /// - Throws: `DatasetError` naming the file and the byte offset or record: a missing file (with
    ///   where the datasets are published), a wrong magic number, a truncated record, trailing
    ///   bytes, and `rowCountMismatch` when the files hold different numbers of records.
    /// - Complexity: O(N·D); memory 8·N·D bytes for the features and a 1 MiB block.
    public static func read(imagesPath: String, labelsPath: String, classNames: [String]? = nil) throws -> Dataset {
        let (features, imageShape) = try readImages(path: imagesPath)
        let labels = try readLabels(path: labelsPath)
        guard labels.count == features.rows else {
            throw DatasetError.rowCountMismatch(featuresFile: imagesPath, featureRows: features.rows,
                                                labelsFile: labelsPath, labelRows: labels.count)
        }
        let (indices, names) = try LabelEncoder.encode(integerLabels: labels, file: labelsPath, knownClasses: classNames)
        return Dataset(features: features, labels: indices, classNames: names,
                       featureNames: ImageShape.featureNames(of: imageShape, count: features.columns), imageShape: imageShape)
    }

    /// The images of an IDX file of 2 to 4 dimensions as an N×D matrix of their byte values, and
    /// their image shape (nil for 2 dimensions).
    public static func readImages(path: String) throws -> (features: Matrix, imageShape: ImageShape?) {
        let (file, shape) = try open(path: path, dimensions: 2...4, describing: "00 00 08 03 (images: unsigned bytes, 3 dimensions)")
        let headerBytes = 4 + 4 * shape.count
        // Up to four sizes of up to 2³² each: an image's bytes, and all of them (checked here too,
        // since a pipe has no size for `checkSize` to hold them against), must fit an Int.
        guard let columns = shape.dropFirst().checkedProduct, shape.checkedProduct != nil else {
            throw DatasetError.truncatedRecord(file: path, record: 0, offset: headerBytes, expectedBytes: Int.max,
                                               foundBytes: max((file.size ?? 0) - headerBytes, 0))
        }
        let rows = shape[0]
        guard columns > 0 else { throw DatasetError.noFeatureColumns(file: path) }
        try checkSize(file, records: rows, recordBytes: columns, headerBytes: headerBytes)
        let features = try Matrix(rows: rows, columns: columns) { buffer, initializedCount in
            guard let destination = buffer.baseAddress else { return }
            let read = try file.readDoubles(into: destination, count: rows * columns, type: .uint8)
            try checkRead(read, file, records: rows, recordBytes: columns, headerBytes: headerBytes)
            initializedCount = rows * columns
        }
        return (features, ImageShape(dimensions: Array(shape.dropFirst())))
    }

    /// The labels of a 1-dimensional IDX file, one byte each.
    public static func readLabels(path: String) throws -> [Int] {
        let (file, shape) = try open(path: path, dimensions: 1...1, describing: "00 00 08 01 (labels: unsigned bytes, 1 dimension)")
        try checkSize(file, records: shape[0], recordBytes: 1, headerBytes: 8)
        var labels: [Int] = []
        labels.reserveCapacity(shape[0])
        let read = try file.forEachBlock(recordBytes: 1, count: shape[0]) { block, _ in
            labels.append(contentsOf: block.lazy.map(Int.init))
        }
        try checkRead(read, file, records: shape[0], recordBytes: 1, headerBytes: 8)
        return labels
    }

    /// The file at `path` positioned at its first record, and its shape; the magic number must be
    /// 00 00 08 n with n in `dimensions`, which `expected` describes for the error.
    private static func open(path: String, dimensions: ClosedRange<Int>, describing expected: String) throws -> (ByteFile, [Int]) {
        let file = try ByteFile.openDataset(path, publishedAt: publishedAt)
        let magic = try file.readBytes(count: 4)
        guard magic.count == 4, magic[0] == 0, magic[1] == 0, magic[2] == 0x08, dimensions.contains(Int(magic[3])) else {
            throw DatasetError.badIDXMagic(file: path, expected: expected, found: magic)
        }
        let sizes = try file.readBytes(count: 4 * Int(magic[3]))
        guard sizes.count == 4 * Int(magic[3]) else {
            throw DatasetError.truncatedData(file: path, expectedBytes: 4 * Int(magic[3]), foundBytes: sizes.count)
        }
        let shape = stride(from: 0, to: sizes.count, by: 4).map { start in
            sizes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        return (file, shape)
    }

    /// Throws `truncatedRecord` when a read of `records` records of `recordBytes` got only `read`
    /// bytes: the file shrank after `checkSize` measured it.
    private static func checkRead(_ read: Int, _ file: ByteFile, records: Int, recordBytes: Int, headerBytes: Int) throws {
        guard read < records * recordBytes else { return }
        let record = read / recordBytes
        throw DatasetError.truncatedRecord(file: file.path, record: record, offset: headerBytes + record * recordBytes,
                                           expectedBytes: recordBytes, foundBytes: read % recordBytes)
    }

    /// Fails unless the file holds exactly `records` records of `recordBytes` after its header: a
    /// shorter file names the first record cut short, a longer one the offset of its extra bytes.
    /// Checked before anything is allocated, so a header promising 10¹² images is an error, not an
    /// exhausted memory.
    static func checkSize(_ file: ByteFile, records: Int, recordBytes: Int, headerBytes: Int) throws {
        guard let size = file.size else { return }
        let available = size - headerBytes
        let (expected, overflow) = records.multipliedReportingOverflow(by: recordBytes)
        if overflow || available < expected {
            let record = available / recordBytes
            throw DatasetError.truncatedRecord(file: file.path, record: record, offset: headerBytes + record * recordBytes,
                                               expectedBytes: recordBytes, foundBytes: available - record * recordBytes)
        }
        if available > expected {
            throw DatasetError.trailingBytes(file: file.path, offset: headerBytes + expected, count: available - expected)
        }
    }
}
