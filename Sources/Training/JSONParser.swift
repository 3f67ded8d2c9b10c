import Foundation

/// A JSON syntax error at a line and column (both 1-based), with what was expected there.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let line: Int
    public let column: Int
    public let expected: String
}

/// Reads JSON text (RFC 8259) into a `JSONValue`, keeping object keys in file order and reporting
/// a syntax error by line and column. Duplicate keys are an error (a config's second `"seed"`
/// would otherwise silently win).
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0

    /// Parses `text` as one JSON document.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.error("the end of the document") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func error(_ expected: String) -> JSONSyntaxError {
        var line = 1, column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
        }
        let found = current.map { "'\(String(decoding: [$0], as: UTF8.self))'" } ?? "the end of the file"
        return JSONSyntaxError(line: line, column: column, expected: "expected \(expected), found \(found)")
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 200 else { throw error("less deeply nested values") }
        switch current {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case let byte? where byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39): return try parseNumber()
        default: throw error("a value (an object, a list, a string, a number, true, false or null)")
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        for byte in word.utf8 {
            guard current == byte else { throw error("'\(word)'") }
            position += 1
        }
        return value
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("a key in double quotes") }
            let keyStart = position
            let key = try parseString()
            if members.contains(where: { $0.key == key }) {
                position = keyStart
                throw error("each key once (\"\(key)\" appears twice)")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("':' after the key \"\(key)\"") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") { throw error("another key after ',' (JSON allows no trailing comma)") }
            } else if current == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            } else {
                throw error("',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") { throw error("another value after ',' (JSON allows no trailing comma)") }
            } else if current == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            } else {
                throw error("',' or ']'")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var utf8Run: [UInt8] = []
        func flush() {
            if !utf8Run.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8Run, as: UTF8.self).unicodeScalars)
                utf8Run.removeAll()
            }
        }
        while true {
            guard let byte = current else { throw error("a closing '\"'") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                position += 1
                scalars.append(try parseEscape())
            case 0x00..<0x20:
                throw error("a closing '\"' before the end of the line")
            default:
                utf8Run.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        guard let byte = current else { throw error("an escape after '\\'") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHexQuad()
            if (0xD800..<0xDC00).contains(high), current == UInt8(ascii: "\\"), position + 1 < bytes.count,
               bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                let low = try parseHexQuad()
                if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low &- 0xDC00)), (0xDC00..<0xE000).contains(low) {
                    return scalar
                }
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\'")
        }
    }

    private mutating func parseHexQuad() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else { throw error("four hexadecimal digits after '\\u'") }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        func digits() -> Int {
            let first = position
            while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1 }
            return position - first
        }
        if current == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard digits() > 0 else { throw error("a digit") }
        if bytes[integerStart] == UInt8(ascii: "0") && position - integerStart > 1 {
            position = integerStart
            throw error("a number without leading zeros (JSON reads 010 as an error, not as 10 or 8)")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw error("a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw error("a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            position = start
            throw error("a number within the range of a double")
        }
        return .number(number)
    }
}
