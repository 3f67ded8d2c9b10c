import Foundation

/// Everything that can be wrong with a data file or a synthetic dataset's parameters.
///
/// Each case carries the place (file, line and column for CSV; file and element for `.npy`;
/// kind and parameter for a generator) and renders as one sentence that says what was found and
/// what was expected, e.g.
///
///     data/a.csv: line 4: expected 3 columns, found 2 (a ragged row)
///
/// Lines and columns count from 1, the header being line 1; `.npy` elements, IDX and CIFAR-10
/// records count from 0, as NumPy indexes them, and byte offsets from 0 at the file's first byte.
public enum DatasetError: Error, Equatable, Sendable {
    /// The file does not exist; `path` is the path as resolved against the working directory.
    case fileNotFound(path: String)
    /// The file exists but cannot be read or written.
    case unreadable(file: String, reason: String)
    /// The file holds no bytes, not even a header.
    case emptyFile(file: String)
    /// The file holds a header row and no data rows.
    case headerOnly(file: String)
    /// A `.npy` array with zero rows.
    case noExamples(file: String)
    /// A row whose number of fields differs from the header's.
    case raggedRow(file: String, line: Int, expectedColumns: Int, foundColumns: Int)
    /// A quoted field whose closing quote never comes.
    case unterminatedQuote(file: String, line: Int, column: Int)
    /// A feature cell that is not a decimal number.
    case notANumber(file: String, line: Int, column: Int, found: String)
    /// A feature cell holding NaN or ±∞ (or a number too large for a Double).
    case nonFiniteNumber(file: String, line: Int, column: Int, found: String)
    /// A `.npy` feature holding NaN or ±∞ (row and column count from 0, as NumPy indexes).
    case nonFiniteElement(file: String, row: Int, column: Int, found: String)
    /// A label column named in the config that is not in the header.
    case missingLabelColumn(file: String, name: String, columns: [String])
    /// A feature column (of a model's feature names) that is not in the header.
    case missingFeatureColumn(file: String, name: String, columns: [String])
    /// A header with only a label column: no features to learn from.
    case noFeatureColumns(file: String)
    /// Training data whose labels are all one class: there is nothing to tell apart.
    case singleClass(file: String, className: String)
    /// A CSV label that is not one of a model's classes.
    case unknownLabel(file: String, line: Int, column: Int, label: String, knownClasses: [String])
    /// A `.npy` label that is not one of a model's classes.
    case unknownArrayLabel(file: String, element: Int, label: String, knownClasses: [String])
    /// A `.npy` label that is not an integer (a float array holding 2.5).
    case nonIntegerLabel(file: String, element: Int, found: String)
    /// A file that does not start with the `.npy` magic string `\x93NUMPY`.
    case badMagic(file: String)
    /// A `.npy` header that cannot be read; `reason` says what was expected.
    case badHeader(file: String, reason: String)
    /// A `.npy` array stored in Fortran (column-major) order.
    case fortranOrder(file: String)
    /// A `.npy` element type other than the supported ones.
    case unsupportedDataType(file: String, found: String, supported: [String])
    /// A `.npy` file shorter than its header's shape promises.
    case truncatedData(file: String, expectedBytes: Int, foundBytes: Int)
    /// A `.npy` array of the wrong number of dimensions (features 2-D to 4-D, labels 1-D);
    /// `expected` describes the allowed ones.
    case wrongDimensions(file: String, expected: String, shape: [Int])
    /// Features and labels files whose row counts differ.
    case rowCountMismatch(featuresFile: String, featureRows: Int, labelsFile: String, labelRows: Int)
    /// A synthetic dataset parameter out of range; `expected` says what is allowed.
    case invalidParameter(kind: String, name: String, value: String, expected: String)
    /// A split fraction outside [0, 1), or fractions summing to 1 or more.
    case invalidFraction(name: String, value: Double, expected: String)
    /// A header that names one column twice.
    case duplicateColumn(file: String, name: String)
    /// A label cell that is empty.
    case emptyLabel(file: String, line: Int, column: Int)
    /// A file whose examples have another number of features than the model or training data.
    case featureCountMismatch(file: String, expected: Int, found: Int)
    /// A file of a published dataset (IDX, CIFAR-10) that does not exist: its path resolved
    /// against the working directory, and where the dataset is published.
    case datasetNotFound(path: String, publishedAt: String)
    /// A folder where a file is needed (or the reverse); `expected` says what was.
    case wrongKindOfPath(path: String, expected: String, found: String)
    /// An IDX file whose first four bytes are not the magic number `expected` describes.
    case badIDXMagic(file: String, expected: String, found: [UInt8])
    /// A record (an IDX image or label, a CIFAR-10 label and image) cut short by the end of the file.
    case truncatedRecord(file: String, record: Int, offset: Int, expectedBytes: Int, foundBytes: Int)
    /// Bytes after the last record that the file's header (or its record size) accounts for.
    case trailingBytes(file: String, offset: Int, count: Int)
    /// A label byte outside the dataset's classes (CIFAR-10: 0 to 9).
    case labelOutOfRange(file: String, record: Int, offset: Int, label: Int, expected: ClosedRange<Int>)
    /// A CSV header row of numbers (all cells, or all but one), other than a count 0, 1, … or
    /// 1, 2, …: most likely the first data row of a file without a header.
    case numericHeader(file: String, cells: [String])
    /// Text on the first data row of a feature column: most likely the labels, in a column that
    /// is neither named `label` nor last.
    case textInFeatureColumn(file: String, line: Int, column: Int, found: String, columnName: String)
    /// An image shape that does not fit the features, or differs from the model's.
    case imageShapeMismatch(file: String, expected: String, found: String)
}

extension DatasetError: CustomStringConvertible {
    /// The error as one sentence that names the file and place, e.g.
    /// `data/a.csv: line 4, column 3: expected a number, found 'abc'`.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .unreadable(let file, let reason):
            return "\(file): cannot read or write the file: \(reason)"
        case .emptyFile(let file):
            return "\(file): the file is empty; expected a header row and data rows"
        case .headerOnly(let file):
            return "\(file): line 2: expected data rows after the header, found none"
        case .noExamples(let file):
            return "\(file): expected at least one example, found an array of zero rows"
        case .raggedRow(let file, let line, let expected, let found):
            return "\(file): line \(line): expected \(expected) columns, found \(found) (a ragged row)"
        case .unterminatedQuote(let file, let line, let column):
            return "\(file): line \(line), column \(column): expected a closing quote, found the end of the file"
        case .notANumber(let file, let line, let column, let found):
            let shown = found.isEmpty ? "an empty cell" : "'\(shortened(found))'"
            return "\(file): line \(line), column \(column): expected a number, found \(shown)"
        case .nonFiniteNumber(let file, let line, let column, let found):
            return "\(file): line \(line), column \(column): expected a finite number, found '\(shortened(found))' (NaN and ±inf are rejected)"
        case .nonFiniteElement(let file, let row, let column, let found):
            return "\(file): element [\(row), \(column)]: expected a finite number, found \(found) (NaN and ±inf are rejected)"
        case .missingLabelColumn(let file, let name, let columns):
            return "\(file): line 1: expected a label column named '\(name)', found columns \(quotedList(columns))"
        case .missingFeatureColumn(let file, let name, let columns):
            return "\(file): line 1: expected a feature column named '\(name)', found columns \(quotedList(columns))"
        case .noFeatureColumns(let file):
            return "\(file): line 1: expected at least one feature column besides the label"
        case .singleClass(let file, let className):
            return "\(file): every label is '\(className)'; expected at least two classes to tell apart"
        case .unknownLabel(let file, let line, let column, let label, let known):
            return "\(file): line \(line), column \(column): expected one of the model's classes \(quotedList(known)), found '\(shortened(label))'"
        case .unknownArrayLabel(let file, let element, let label, let known):
            return "\(file): element \(element): expected one of the model's classes \(quotedList(known)), found \(label)"
        case .nonIntegerLabel(let file, let element, let found):
            return "\(file): element \(element): expected an integer label, found \(found)"
        case .badMagic(let file):
            return "\(file): expected a NumPy .npy file (starting with \\x93NUMPY), found other bytes"
        case .badHeader(let file, let reason):
            return "\(file): the .npy header is not readable: \(reason)"
        case .fortranOrder(let file):
            return "\(file): expected a C-order array, found Fortran order (save it with np.ascontiguousarray)"
        case .unsupportedDataType(let file, let found, let supported):
            return "\(file): expected an element type among \(quotedList(supported)), found '\(found)'"
        case .truncatedData(let file, let expected, let found):
            return "\(file): expected \(expected) bytes of data after the header, found \(found) (a truncated file)"
        case .wrongDimensions(let file, let expected, let shape):
            return "\(file): expected \(expected), found shape \(NumPyFile.shapeText(shape))"
        case .rowCountMismatch(let featuresFile, let featureRows, let labelsFile, let labelRows):
            return "\(labelsFile): expected \(featureRows) labels, one per row of \(featuresFile), found \(labelRows)"
        case .invalidParameter(let kind, let name, let value, let expected):
            return "synthetic \(kind): \(name) = \(value): expected \(expected)"
        case .invalidFraction(let name, let value, let expected):
            return "\(name) = \(value): expected \(expected)"
        case .duplicateColumn(let file, let name):
            return "\(file): line 1: the column name '\(shortened(name))' appears twice; expected distinct column names"
        case .emptyLabel(let file, let line, let column):
            return "\(file): line \(line), column \(column): expected a label, found an empty cell"
        case .featureCountMismatch(let file, let expected, let found):
            return "\(file): expected \(expected) features per example (as the model or training data has), found \(found)"
        case .datasetNotFound(let path, let publishedAt):
            return "\(path): no such file; \(publishedAt)"
        case .wrongKindOfPath(let path, let expected, let found):
            return "\(path): expected \(expected), found \(found)"
        case .badIDXMagic(let file, let expected, let found):
            let hex = found.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            let shown = found.isEmpty ? "an empty file" : found.starts(with: [0x1F, 0x8B]) ? "\(hex) (a gzip file: unpack it first, e.g. gunzip FILE.gz)" : hex
            return "\(file): bytes 0–3: expected the IDX magic number \(expected), found \(shown)"
        case .truncatedRecord(let file, let record, let offset, let expected, let found):
            return "\(file): record \(record) at byte offset \(offset): expected \(byteCount(expected)), found \(found) (a truncated file)"
        case .trailingBytes(let file, let offset, let count):
            return "\(file): byte offset \(offset): expected the end of the file after the last record, found \(count) more \(count == 1 ? "byte" : "bytes")"
        case .labelOutOfRange(let file, let record, let offset, let label, let expected):
            return "\(file): record \(record) at byte offset \(offset): expected a label from \(expected.lowerBound) to \(expected.upperBound), found \(label)"
        case .numericHeader(let file, let cells):
            let shown = cells.prefix(3).map { "'\(shortened($0))'" }.joined(separator: ", ") + (cells.count > 3 ? ", …" : "")
            return "\(file): line 1: expected a header row of column names, found a row of numbers (\(shown)); "
                + "a file without a header row needs \"header\": false in the config's data section (evaluate, predict and explain: --no-header)"
        case .textInFeatureColumn(let file, let line, let column, let found, let name):
            return "\(file): line \(line), column \(column): expected a number, found '\(shortened(found))'; if column '\(shortened(name))' "
                + "holds the labels, set data.label_column to \"\(shortened(name))\" (evaluate and explain: --label-column)"
        case .imageShapeMismatch(let file, let expected, let found):
            return "\(file): expected \(expected), found \(found)"
        }
    }
}

/// `['a', 'b']`, or the first ten names and a count of the rest.
private func quotedList(_ names: [String]) -> String {
    let shown = names.prefix(10).map { "'\($0)'" }
    let rest = names.count > 10 ? [" and \(names.count - 10) more"] : []
    return "[" + shown.joined(separator: ", ") + rest.joined() + "]"
}

/// "1 byte", "6 bytes".
private func byteCount(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(count) bytes"
}

extension String {
    /// The string with zeros before it up to `width` characters ("b" → "0b").
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// The path as the user sees it resolved: absolute, against the current working directory.
func resolvedPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

/// A cell as an error message quotes it: on one line (line breaks and other control characters
/// escaped) and at most 40 characters, so a runaway quoted field cannot flood the terminal.
func shortened(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        case let control where control.value < 0x20 || control.value == 0x7F:
            escaped += "\\u{\(String(control.value, radix: 16))}"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped.count <= 40 ? escaped : String(escaped.prefix(39)) + "…"
}
