import LinearAlgebra

extension NumPyFile {
    /// Writes `features` to `path` as a `.npy` version 1.0 array of shape (N, D) and type `<f8`
    /// (little-endian float64), which `np.load` reads as the same numbers, bit for bit.
    public static func write(_ features: Matrix, to path: String) throws {
        let file = try ByteFile.openForWriting(path)
        try file.write(NumPyHeader.encoded(elementType: .float64, shape: [features.rows, features.columns]))
        let littleEndian = features.elements.map { $0.bitPattern.littleEndian }
        try littleEndian.withUnsafeBytes { try file.write($0) }
        try file.flush()
    }

    /// Writes `labels` to `path` as a `.npy` version 1.0 array of shape (N,) and type `<i8`.
    public static func write(labels: [Int], to path: String) throws {
        let file = try ByteFile.openForWriting(path)
        try file.write(NumPyHeader.encoded(elementType: .int64, shape: [labels.count]))
        let littleEndian = labels.map { Int64($0).littleEndian }
        try littleEndian.withUnsafeBytes { try file.write($0) }
        try file.flush()
    }

    /// Writes `dataset` as a pair: features to `featuresPath`, labels to `labelsPath`.
    ///
    /// When every class name is an integer (`"0"`, `"1"`, `"7"`) the labels file holds those
    /// integers, so reading the pair back gives the same classes; otherwise it holds the class
    /// indices 0..<K and the names are lost (a `.npy` file holds numbers only).
    public static func write(_ dataset: Dataset, featuresPath: String, labelsPath: String) throws {
        let integerNames = dataset.classNames.compactMap { Int($0) }
        let values = integerNames.count == dataset.classCount ? dataset.labels.map { integerNames[$0] } : dataset.labels
        try write(dataset.features, to: featuresPath)
        try write(labels: values, to: labelsPath)
    }
}
