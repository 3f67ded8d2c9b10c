import Foundation

/// One field of a CSV record: a byte range of the reader's buffer (the quotes excluded).
struct CSVField {
    var start: Int
    var end: Int
    /// Whether the field was quoted (then `""` inside stands for one `"`).
    var isQuoted: Bool
    /// Whether the quoted field holds a `""` escape that must be undone to read its text.
    var hasEscapedQuotes: Bool
}

/// Reads a CSV file record by record through one buffer, never holding the whole file: the
/// fields of the current record are byte ranges of that buffer, read in place.
///
/// RFC 4180 with the usual leniency: `,` separates fields; `"…"` quotes a field, in which `""` is
/// one `"` and commas and line breaks are data; a record ends at `\n` or `\r\n`; the last record
/// may lack its line break; blank lines are skipped. A UTF-8 byte-order mark at the start of the
/// file (Excel's "CSV UTF-8" writes one) is skipped: it is invisible, and left in place it would
/// become part of the first column's name.
/// - Complexity: O(bytes) time; memory is the buffer (1 MiB, grown only for a longer record).
final class CSVRecordReader {
    let file: ByteFile
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var start = 0
    private var end = 0
    private var atEndOfFile = false
    /// Until the first bytes are read and checked for a byte-order mark.
    private var atStartOfFile = true
    private var nextLine = 1
    /// The current record's fields, valid until the next call to `nextRecord`.
    private(set) var fields: [CSVField] = []
    /// The line on which the current record starts (the header is line 1).
    private(set) var line = 0
    /// The number of bytes the current record took, its line break included.
    private(set) var recordByteCount = 0

    init(file: ByteFile, bufferSize: Int = 1 << 20) {
        self.file = file
        buffer = .allocate(capacity: max(bufferSize, 16))
    }

    deinit {
        buffer.deallocate()
    }

    /// Moves to the next non-blank record; false at the end of the file.
    func nextRecord() throws -> Bool {
        while true {
            if start == end && atEndOfFile { return false }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<end])
            switch Self.scanRecord(bytes, from: start, atEndOfFile: atEndOfFile, fields: &fields) {
            case .complete(let next, let lineBreaks):
                atStartOfFile = false
                line = nextLine
                nextLine += lineBreaks
                recordByteCount = next - start
                start = next
                let isBlank = fields.count == 1 && !fields[0].isQuoted && isBlankField(fields[0])
                if !isBlank { return true }
            case .incomplete:
                try refill()
            case .unterminatedQuote(let column):
                throw DatasetError.unterminatedQuote(file: file.path, line: nextLine, column: column)
            }
        }
    }

    /// The bytes of field `index` of the current record, spaces and tabs around it trimmed.
    func trimmedBytes(of index: Int) -> UnsafeBufferPointer<UInt8> {
        var first = fields[index].start, last = fields[index].end
        while first < last && DecimalNumber.isSpace(buffer[first]) { first += 1 }
        while last > first && DecimalNumber.isSpace(buffer[last - 1]) { last -= 1 }
        return UnsafeBufferPointer(rebasing: buffer[first..<last])
    }

    /// The text of field `index`, spaces around it trimmed and `""` escapes undone.
    func text(of index: Int) -> String {
        let text = String(decoding: trimmedBytes(of: index), as: UTF8.self)
        return fields[index].hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Field `index` as a finite number, or the error that names the line and column.
    func number(of index: Int) throws -> Double {
        let bytes = trimmedBytes(of: index)
        guard !fields[index].hasEscapedQuotes, let value = DecimalNumber.parse(bytes) else {
            throw DatasetError.notANumber(file: file.path, line: line, column: index + 1, found: text(of: index))
        }
        guard value.isFinite else {
            throw DatasetError.nonFiniteNumber(file: file.path, line: line, column: index + 1, found: text(of: index))
        }
        return value
    }

    private func isBlankField(_ field: CSVField) -> Bool {
        (field.start..<field.end).allSatisfy { DecimalNumber.isSpace(buffer[$0]) }
    }

    /// Keeps the unread bytes, moved to the front, and reads more after them; doubles the buffer
    /// when one record fills it.
    private func refill() throws {
        let unread = end - start
        if start > 0, let base = buffer.baseAddress {
            base.update(from: base + start, count: unread)
        }
        start = 0
        end = unread
        if end == buffer.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            if let destination = larger.baseAddress, let source = buffer.baseAddress {
                destination.update(from: source, count: end)
            }
            buffer.deallocate()
            buffer = larger
        }
        guard let base = buffer.baseAddress else { return }
        let read = try file.read(into: base + end, count: buffer.count - end)
        end += read
        if read == 0 { atEndOfFile = true }
        if atStartOfFile && (end >= 3 || atEndOfFile) {
            atStartOfFile = false
            if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
        }
    }

    enum ScanResult: Equatable {
        /// A whole record: `next` is the index after it, `lineBreaks` the lines it spans.
        case complete(next: Int, lineBreaks: Int)
        /// The record runs past the bytes at hand: read more and scan again.
        case incomplete
        /// The file ends inside a quoted field of this 1-based column.
        case unterminatedQuote(column: Int)
    }

    /// Splits the record that starts at `start` into `fields`.
    static func scanRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEndOfFile: Bool, fields: inout [CSVField]
    ) -> ScanResult {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\"")
        var index = start
        var lineBreaks = 0
        while true {
            var firstNonSpace = index
            while firstNonSpace < count && DecimalNumber.isSpace(bytes[firstNonSpace]) { firstNonSpace += 1 }
            if firstNonSpace < count && bytes[firstNonSpace] == quote {
                var closing = firstNonSpace + 1
                var hasEscapedQuotes = false
                while true {
                    if closing >= count { return atEndOfFile ? .unterminatedQuote(column: fields.count + 1) : .incomplete }
                    if bytes[closing] == quote {
                        if closing + 1 >= count && !atEndOfFile { return .incomplete }
                        if closing + 1 < count && bytes[closing + 1] == quote {
                            hasEscapedQuotes = true
                            closing += 2
                            continue
                        }
                        break
                    }
                    if bytes[closing] == newline { lineBreaks += 1 }
                    closing += 1
                }
                fields.append(CSVField(start: firstNonSpace + 1, end: closing, isQuoted: true, hasEscapedQuotes: hasEscapedQuotes))
                index = closing + 1
                while index < count && bytes[index] != comma && bytes[index] != newline { index += 1 }
            } else {
                var fieldEnd = index
                while fieldEnd < count && bytes[fieldEnd] != comma && bytes[fieldEnd] != newline { fieldEnd += 1 }
                let contentEnd = fieldEnd > index && bytes[fieldEnd - 1] == UInt8(ascii: "\r") ? fieldEnd - 1 : fieldEnd
                fields.append(CSVField(start: index, end: contentEnd, isQuoted: false, hasEscapedQuotes: false))
                index = fieldEnd
            }
            if index >= count {
                return atEndOfFile ? .complete(next: count, lineBreaks: lineBreaks + 1) : .incomplete
            }
            if bytes[index] == newline { return .complete(next: index + 1, lineBreaks: lineBreaks + 1) }
            index += 1
        }
    }
}
