import LinearAlgebra

extension CSVFile {
    /// Writes `dataset` to `path` as CSV: a header of the feature names and `label`, then one row
    /// per example, its features and its class name.
    ///
    /// Numbers are written as Swift's `Double.description`, the shortest text that reads back as
    /// the same double, so `read` returns exactly the features written (−0.0 included) and the
    /// same data always gives the same bytes. Names holding `,`, `"` or a line break are quoted.
    /// Reading the file back orders the classes as SPEC §6 says (numeric, else string order).
    /// - Complexity: O(N·D); memory one 1 MiB buffer.
    public static func write(_ dataset: Dataset, to path: String) throws {
        let file = try ByteFile.openForWriting(path)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 20)
        let header = (dataset.featureNames + [defaultLabelColumn]).map(quotedIfNeeded)
        bytes.append(contentsOf: header.joined(separator: ",").utf8)
        bytes.append(UInt8(ascii: "\n"))
        let classNames = dataset.classNames.map(quotedIfNeeded)
        let columns = dataset.featureCount
        for row in 0..<dataset.exampleCount {
            for column in 0..<columns {
                bytes.append(contentsOf: dataset.features.elements[row * columns + column].description.utf8)
                bytes.append(UInt8(ascii: ","))
            }
            bytes.append(contentsOf: classNames[dataset.labels[row]].utf8)
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= 1 << 20 {
                try file.write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        try file.write(bytes)
        try file.flush()
    }

    /// `text`, or `"text"` with each `"` doubled when it holds a comma, quote or line break: a CSV
    /// field as every file this package writes spells it (data, comparison.csv, predictions).
    public static func quotedIfNeeded(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
