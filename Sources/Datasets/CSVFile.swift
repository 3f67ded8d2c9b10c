import LinearAlgebra

/// Reading and writing datasets as CSV (SPEC §6): a header row, numeric feature columns, and a
/// label column of integers or strings.
///
///     x1,x2,label
///     0.25,-1.5,0
///     1.0,"2",cat
///
/// Reading streams the file through one buffer and parses each number from its bytes, so a file
/// of N rows and D features costs about 8·N·D bytes (the matrix) plus one buffer.
public enum CSVFile {
    /// The label column's default name; when no column has it, the last column is the label.
    public static let defaultLabelColumn = "label"

    /// The dataset in the CSV file at `path`.
    ///
    /// - Parameters:
    ///   - labelColumn: the label column's name. When it is the default `label` and no column has
    ///     that name, the last column is the label; any other missing name is an error.
    ///   - classNames: nil for training data: the classes are the distinct labels, in numeric
    ///     order when all are integers, else string order, and there must be at least two.
    ///     A model's classes for validation, test or predict data: labels map onto them, and a
    ///     label not among them is an error naming its line and column.
    /// - Throws: `DatasetError` naming the file and, for a bad cell, its line and column.
    /// - Complexity: O(file size); memory 8·N·D bytes plus one row's buffer.
    public static func read(path: String, labelColumn: String = defaultLabelColumn, classNames: [String]? = nil) throws -> Dataset {
        let reader = CSVRecordReader(file: try ByteFile.openForReading(path))
        let header = try readHeader(reader)
        if let duplicate = header.enumerated().first(where: { header[..<$0.offset].contains($0.element) })?.element {
            throw DatasetError.duplicateColumn(file: path, name: duplicate)
        }
        let labelIndex: Int
        if let named = header.firstIndex(of: labelColumn) {
            labelIndex = named
        } else if labelColumn == defaultLabelColumn {
            labelIndex = header.count - 1
        } else {
            throw DatasetError.missingLabelColumn(file: path, name: labelColumn, columns: header)
        }
        guard header.count >= 2 else { throw DatasetError.noFeatureColumns(file: path) }
        var featureColumn = Array(0..<header.count)
        featureColumn.remove(at: labelIndex)

        var encoder = LabelEncoder(knownClasses: classNames)
        let features = try readRows(reader, columnCount: header.count, featureColumns: featureColumn) { reader in
            let label = reader.text(of: labelIndex)
            guard !label.isEmpty else { throw DatasetError.emptyLabel(file: path, line: reader.line, column: labelIndex + 1) }
            guard encoder.encode(label) != nil else {
                throw DatasetError.unknownLabel(file: path, line: reader.line, column: labelIndex + 1,
                                                label: label, knownClasses: classNames ?? [])
            }
        }
        let (labels, names) = encoder.finish()
        if classNames == nil && names.count < 2, let only = names.first {
            throw DatasetError.singleClass(file: path, className: only)
        }
        return Dataset(features: features, labels: labels, classNames: names,
                       featureNames: featureColumn.map { header[$0] })
    }

    /// The features of the CSV file at `path`, without labels: the columns named `featureNames`
    /// (a model's features), in that order, wherever they stand in the file. Other columns, such
    /// as a label column, are ignored, so the same call reads labelled and unlabelled data.
    /// - Throws: `DatasetError.missingFeatureColumn` when the header lacks a name, and the
    ///   errors of `read` for bad cells.
    public static func readFeatures(path: String, featureNames: [String]) throws -> Matrix {
        let reader = CSVRecordReader(file: try ByteFile.openForReading(path))
        let header = try readHeader(reader)
        let featureColumns = try featureNames.map { name in
            guard let column = header.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(file: path, name: name, columns: header)
            }
            return column
        }
        return try readRows(reader, columnCount: header.count, featureColumns: featureColumns) { _ in }
    }

    /// The header's column names; an empty file is an error.
    private static func readHeader(_ reader: CSVRecordReader) throws -> [String] {
        guard try reader.nextRecord() else { throw DatasetError.emptyFile(file: reader.file.path) }
        return reader.fields.indices.map(reader.text(of:))
    }

    /// Reads every data row into an N×`featureColumns.count` matrix (row i, column j = the row's
    /// cell in file column `featureColumns[j]`), calling `eachRow` once per row for its label.
    private static func readRows(
        _ reader: CSVRecordReader, columnCount: Int, featureColumns: [Int],
        eachRow: (CSVRecordReader) throws -> Void
    ) throws -> Matrix {
        var elements: [Double] = []
        var rows = 0
        while try reader.nextRecord() {
            guard reader.fields.count == columnCount else {
                throw DatasetError.raggedRow(file: reader.file.path, line: reader.line,
                                             expectedColumns: columnCount, foundColumns: reader.fields.count)
            }
            if rows == 0 { reserveForEstimatedRows(&elements, reader: reader, columns: featureColumns.count) }
            for column in featureColumns {
                elements.append(try reader.number(of: column))
            }
            try eachRow(reader)
            rows += 1
        }
        guard rows > 0 else { throw DatasetError.headerOnly(file: reader.file.path) }
        return Matrix(rows: rows, columns: featureColumns.count, elements: elements)
    }

    /// Reserves room for (file size / first row's size) rows plus 10 %, so that the matrix grows
    /// once instead of doubling (which would briefly hold two copies), in memory backed by huge
    /// pages where the system offers them (shuffled rows then cost fewer TLB misses).
    private static func reserveForEstimatedRows(_ elements: inout [Double], reader: CSVRecordReader, columns: Int) {
        guard let size = reader.file.size, reader.recordByteCount > 0 else { return }
        let estimatedRows = size / reader.recordByteCount + size / reader.recordByteCount / 10 + 16
        let cap = size / 2 + 16  // each number takes at least two bytes ("0,")
        Matrix.reserveHugePageCapacity(&elements, capacity: min(estimatedRows * columns, cap))
    }
}
