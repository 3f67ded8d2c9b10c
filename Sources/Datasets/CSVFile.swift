import LinearAlgebra

/// Reading and writing datasets as CSV (SPEC §6): a header row, numeric feature columns, and a
/// label column of integers or strings.
///
///     x1,x2,label
///     0.25,-1.5,0
///     1.0,"2",cat
///
/// A file without a header row (`hasHeader: false`, the config's `"header": false`) names its
/// columns x0, x1, … by position, and its first row is data. A header row of numbers (all cells,
/// or all but the labels) is most likely such a file's first row and is an error with that hint,
/// unless the numbers count 0, 1, … or 1, 2, … (pandas' header for unnamed columns). A UTF-8
/// byte-order mark is skipped.
///
/// Reading streams the file through one buffer and parses each number from its bytes, so a file
/// of N rows and D features costs about 8·N·D bytes (the matrix) plus one buffer.
public enum CSVFile {
    /// The label column's default name; when no column has it, the last column is the label.
    public static let defaultLabelColumn = "label"

    /// The names of the columns of a file without a header row, by position: x0, x1, …, x(count − 1).
    public static func positionalColumnNames(count: Int) -> [String] {
        (0..<count).map { "x\($0)" }
    }

    /// The dataset in the CSV file at `path`.
    ///
    /// - Parameters:
    ///   - labelColumn: the label column's name. When it is the default `label` and no column has
    ///     that name, the last column is the label; any other missing name is an error.
    ///   - classNames: nil for training data: the classes are the distinct labels, in numeric
    ///     order when all are integers, else string order, and there must be at least two.
    ///     A model's classes for validation, test or predict data: labels map onto them, and a
    ///     label not among them is an error naming its line and column.
    ///   - hasHeader: false for a file without a header row: columns x0, x1, …
    /// - Throws: `DatasetError` naming the file and, for a bad cell, its line and column; text in a
    ///   feature column of the first data row adds the hint to name it as `label_column`.
    /// - Complexity: O(file size); memory 8·N·D bytes plus one row's buffer.
    public static func read(
        path: String, labelColumn: String = defaultLabelColumn, classNames: [String]? = nil, hasHeader: Bool = true
    ) throws -> Dataset {
        let reader = CSVRecordReader(file: try ByteFile.openForReading(path))
        let header = try readColumnNames(reader, hasHeader: hasHeader)
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
        let features = try readRows(reader, firstRecordIsData: !hasHeader, columnNames: header,
                                    featureColumns: featureColumn, hintLabelColumn: true) { reader in
            let label = reader.text(of: labelIndex)
            guard !label.isEmpty else { throw DatasetError.emptyLabel(file: path, line: reader.line, column: labelIndex + 1) }
            guard encoder.encode(label) != nil else {
                throw DatasetError.unknownLabel(file: path, line: reader.line, column: labelIndex + 1,
                                                label: label, knownClasses: classNames ?? [])
            }
        }
        let (labels, names) = try encoder.finishCheckingClasses(file: path)
        return Dataset(features: features, labels: labels, classNames: names,
                       featureNames: featureColumn.map { header[$0] })
    }

    /// The features of the CSV file at `path`, without labels: the columns named `featureNames`
    /// (a model's features), in that order, wherever they stand in the file. Other columns, such
    /// as a label column, are ignored, so the same call reads labelled and unlabelled data. A file
    /// without a header row (`hasHeader: false`) has the columns x0, x1, …
    /// - Throws: `DatasetError.missingFeatureColumn` when the header lacks a name, and the
    ///   errors of `read` for bad cells.
    public static func readFeatures(path: String, featureNames: [String], hasHeader: Bool = true) throws -> Matrix {
        let reader = CSVRecordReader(file: try ByteFile.openForReading(path))
        let header = try readColumnNames(reader, hasHeader: hasHeader)
        let featureColumns = try featureNames.map { name in
            guard let column = header.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(file: path, name: name, columns: header)
            }
            return column
        }
        return try readRows(reader, firstRecordIsData: !hasHeader, columnNames: header,
                            featureColumns: featureColumns, hintLabelColumn: false) { _ in }
    }

    /// The column names: the header row's, or x0, x1, … when the file has none (its first record,
    /// where the reader then stands, is data). An empty file is an error, and so is a header row
    /// of numbers (every cell, or every cell but one: the labels may be words), unless those
    /// numbers count 0, 1, … or 1, 2, … as pandas names unnamed columns.
    private static func readColumnNames(_ reader: CSVRecordReader, hasHeader: Bool) throws -> [String] {
        guard try reader.nextRecord() else { throw DatasetError.emptyFile(file: reader.file.path) }
        guard hasHeader else { return positionalColumnNames(count: reader.fields.count) }
        let names = reader.fields.indices.map(reader.text(of:))
        let numbers = reader.fields.indices.filter { DecimalNumber.parse(reader.trimmedBytes(of: $0)) != nil }.map { names[$0] }
        let counted = numbers.map { Int($0) }
        let isCount = counted == (0..<numbers.count).map(Optional.some) || counted == (0..<numbers.count).map { Optional.some($0 + 1) }
        if !numbers.isEmpty && numbers.count >= names.count - 1 && !isCount {
            throw DatasetError.numericHeader(file: reader.file.path, cells: names)
        }
        return names
    }

    /// Reads every data row into an N×`featureColumns.count` matrix (row i, column j = the row's
    /// cell in file column `featureColumns[j]`), calling `eachRow` once per row for its label.
    /// The reader stands on the header (or, with `firstRecordIsData`, on the first data row). With
    /// `hintLabelColumn`, text in a feature column of the first data row is reported as perhaps
    /// the label column, named from `columnNames`.
    private static func readRows(
        _ reader: CSVRecordReader, firstRecordIsData: Bool, columnNames: [String], featureColumns: [Int], hintLabelColumn: Bool,
        eachRow: (CSVRecordReader) throws -> Void
    ) throws -> Matrix {
        var elements: [Double] = []
        var rows = 0
        var hasRecord = firstRecordIsData ? true : try reader.nextRecord()
        while hasRecord {
            guard reader.fields.count == columnNames.count else {
                throw DatasetError.raggedRow(file: reader.file.path, line: reader.line,
                                             expectedColumns: columnNames.count, foundColumns: reader.fields.count)
            }
            if rows == 0 {
                reserveForEstimatedRows(&elements, reader: reader, columns: featureColumns.count)
                if hintLabelColumn { try checkForLabelText(reader, featureColumns: featureColumns, columnNames: columnNames) }
            }
            for column in featureColumns {
                elements.append(try reader.number(of: column))
            }
            try eachRow(reader)
            rows += 1
            hasRecord = try reader.nextRecord()
        }
        guard rows > 0 else { throw DatasetError.headerOnly(file: reader.file.path) }
        return Matrix(rows: rows, columns: featureColumns.count, elements: elements)
    }

    /// Fails with the label-column hint when a feature cell of the current (first) row holds text
    /// that is not a number: a column of words is most likely the labels.
    private static func checkForLabelText(_ reader: CSVRecordReader, featureColumns: [Int], columnNames: [String]) throws {
        for column in featureColumns {
            do {
                _ = try reader.number(of: column)
            } catch DatasetError.notANumber(let file, let line, let place, let found) where !found.isEmpty {
                throw DatasetError.textInFeatureColumn(file: file, line: line, column: place, found: found, columnName: columnNames[column])
            }
        }
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
