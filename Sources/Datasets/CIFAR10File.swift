import Foundation
import LinearAlgebra

/// Reading the binary version of CIFAR-10 (SPEC §4): `cifar-10-batches-bin/` holds five training
/// batches `data_batch_1.bin` … `data_batch_5.bin` and `test_batch.bin`, each 10,000 records of
///
///     1 byte      the label, 0–9 (airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck)
///     3,072 bytes the 32×32 image, channel-planar: 1,024 red bytes row by row, then green, then blue
///
/// Reading turns each record's planes into the channel-last row x[(r·32 + c)·3 + k] (image shape
/// [32, 32, 3], cs231n's `X.reshape(N, 3, 32, 32).transpose(0, 2, 3, 1)`), converting the bytes
/// straight into the N×3,072 matrix of doubles (pixels keep their 0–255 values) a block of records at
/// a time: the whole training set costs its 1.2 GB of doubles and a 1 MiB block, with no copy of
/// its bytes.
public enum CIFAR10File {
    /// The class names, in label order.
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    /// The shape of every image, [32, 32, 3]: 32 rows of 32 pixels, channels red, green, blue.
    static let imageShape: ImageShape = {
        guard let shape = ImageShape(height: 32, width: 32, channels: 3) else { preconditionFailure("32×32×3 is an image shape") }
        return shape
    }()
    /// 1 label byte and the image's H·W·C = 3,072 pixel bytes.
    public static let recordByteCount = 1 + imageShape.featureCount
    /// The batches of the training part, in order, as named in the folder.
    public static let trainingBatchNames = (1...5).map { "data_batch_\($0).bin" }
    /// The batch of the test part.
    public static let testBatchName = "test_batch.bin"
    /// Where the dataset is published: the hint of a missing file.
    public static let publishedAt = "CIFAR-10 is published at https://www.cs.toronto.edu/~kriz/cifar.html: download its binary "
        + "version cifar-10-binary.tar.gz and unpack it with tar xzf cifar-10-binary.tar.gz, which makes the folder cifar-10-batches-bin"

    /// Which batches a folder stands for.
    public enum Part: Sendable {
        /// data_batch_1.bin … data_batch_5.bin (50,000 images).
        case training
        /// test_batch.bin (10,000 images).
        case test
    }

    /// The batch files that `path` names: the `part`'s batches in it when it is a folder, else the
    /// file itself.
    /// - Throws: `DatasetError.datasetNotFound` (with where CIFAR-10 is published) when `path` or a
    ///   batch in the folder is missing.
    public static func batchFiles(at path: String, part: Part) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DatasetError.datasetNotFound(path: resolvedPath(path), publishedAt: publishedAt)
        }
        guard isFolder.boolValue else { return [path] }
        return (part == .training ? trainingBatchNames : [testBatchName]).map { batchPath($0, inFolder: path) }
    }

    /// The path of the batch `name` in `folder`, whether or not the folder was written with a
    /// trailing slash: `cifar-10-batches-bin` and `cifar-10-batches-bin/` both give
    /// `cifar-10-batches-bin/test_batch.bin`.
    public static func batchPath(_ name: String, inFolder folder: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + name
    }

    /// Whether `path` is a folder (of batches) rather than a batch file.
    public static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Whether `path` is a folder that holds a CIFAR-10 batch (`data_batch_1.bin` or `test_batch.bin`).
    public static func isBatchFolder(_ path: String) -> Bool {
        isFolder(path) && (trainingBatchNames.prefix(1) + [testBatchName]).contains {
            FileManager.default.fileExists(atPath: batchPath($0, inFolder: path))
        }
    }

    /// The dataset of the batch files `paths`, their records in order.
    ///
    /// Without `classNames` (training data) the classes are the ten CIFAR-10 names in label order,
    /// whether or not every one occurs. With a model's `classNames`, label l maps onto the class
    /// named `classNames[l]`'s CIFAR-10 name, or else `"l"` (a model trained on `.npy` labels 0–9).
    /// Feature names are `p{row}_{column}_{channel}` (channel 0 red, 1 green, 2 blue); the image shape is [32, 32, 3].
    /// - Throws: `DatasetError` naming the file and the record or byte offset: a missing file
    ///   (with where CIFAR-10 is published), a truncated record, a label outside 0–9, a label the
    ///   model does not know.
    /// - Complexity: O(N·3,072); memory 8·N·3,072 bytes for the features and a 1 MiB block.
    public static func read(paths: [String], classNames: [String]? = nil) throws -> Dataset {
        let pixels = imageShape.featureCount
        var files: [(file: ByteFile, records: Int)] = []
        for path in paths {
            let file = try ByteFile.openDataset(path, publishedAt: publishedAt)
            let size = file.size ?? 0
            let records = size / recordByteCount
            if size % recordByteCount != 0 || size == 0 {
                throw DatasetError.truncatedRecord(file: path, record: records, offset: records * recordByteCount,
                                                   expectedBytes: recordByteCount, foundBytes: size % recordByteCount)
            }
            files.append((file, records))
        }
        let classIndex = labelMapping(classNames: classNames)
        let rows = files.reduce(0) { $0 + $1.records }
        var labels = [Int](repeating: 0, count: rows)
        let features = try Matrix(rows: rows, columns: pixels) { buffer, initializedCount in
            guard let destination = buffer.baseAddress else { return }
            var firstRow = 0
            for (file, records) in files {
                let read = try file.forEachBlock(recordBytes: recordByteCount, count: records) { block, firstRecord in
                    for record in 0..<block.count / recordByteCount {
                        let bytes = UnsafeRawBufferPointer(rebasing: block[(record * recordByteCount)..<((record + 1) * recordByteCount)])
                        let row = firstRow + firstRecord + record
                        labels[row] = try classOf(label: Int(bytes[0]), classIndex: classIndex, file: file.path,
                                                  record: firstRecord + record, classNames: classNames)
                        writeChannelLast(planes: UnsafeRawBufferPointer(rebasing: bytes[1...]), into: destination + row * pixels)
                    }
                }
                if read < records * recordByteCount {  // the file shrank since its size was taken
                    let record = read / recordByteCount
                    throw DatasetError.truncatedRecord(file: file.path, record: record, offset: record * recordByteCount,
                                                       expectedBytes: recordByteCount, foundBytes: read % recordByteCount)
                }
                firstRow += records
            }
            initializedCount = rows * pixels
        }
        return Dataset(features: features, labels: labels, classNames: classNames ?? Self.classNames,
                       featureNames: imageShape.featureNames, imageShape: imageShape)
    }

    /// One image's planes (R, then G, then B, each H×W row by row) written channel-last, in the
    /// layout of `ImageShape.featureIndex`:
    ///
    ///     destination[(r·W + c)·C + k] = planes[(k·H + r)·W + c]
    ///
    /// for row r, column c and channel k of the image shape [32, 32, 3].
    /// - Complexity: O(H·W·C).
    static func writeChannelLast(planes: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<Double>) {
        let shape = imageShape
        var planeIndex = 0
        for channel in 0..<shape.channels {
            for row in 0..<shape.height {
                for column in 0..<shape.width {
                    destination[shape.featureIndex(row: row, column: column, channel: channel)] = Double(planes[planeIndex])
                    planeIndex += 1
                }
            }
        }
    }

    /// For each label byte 0–9, its class index: the label itself for training data, else the
    /// model's class with the label's CIFAR-10 name or its number (nil when it has neither).
    private static func labelMapping(classNames: [String]?) -> [Int?] {
        guard let classNames else { return Array(0..<10) }
        return (0..<10).map { label in
            classNames.firstIndex(of: Self.classNames[label]) ?? classNames.firstIndex(of: String(label))
        }
    }

    /// The class index of `label` of `record`, or the error naming the record and its offset.
    private static func classOf(label: Int, classIndex: [Int?], file: String, record: Int, classNames: [String]?) throws -> Int {
        guard label < 10 else {
            throw DatasetError.labelOutOfRange(file: file, record: record, offset: record * recordByteCount, label: label, expected: 0...9)
        }
        guard let index = classIndex[label] else {
            throw DatasetError.unknownArrayLabel(file: file, element: record, label: "\(label) (\(Self.classNames[label]))",
                                                 knownClasses: classNames ?? [])
        }
        return index
    }
}
