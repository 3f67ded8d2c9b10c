/// Writes a `JSONValue` as text, deterministically: keys in their stored order, two-space indent,
/// numbers in the shortest form that reads back to the same double (so a model file round-trips
/// exactly), integral values without a fraction. Same value → same bytes.
public enum JSONWriter {
    /// `value` as indented JSON text with a final newline.
    public static func string(_ value: JSONValue) -> String {
        var text = ""
        write(value, indent: "", into: &text)
        return text + "\n"
    }

    /// `value` on one line, for `--json` outputs and short arrays.
    public static func compactString(_ value: JSONValue) -> String {
        var text = ""
        writeCompact(value, into: &text)
        return text
    }

    /// A double as JSON: integral values up to 2⁵³ without a fraction, others in Swift's
    /// shortest round-trip form. Non-finite values have no JSON form and are written as null.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 9_007_199_254_740_992 {
            return value == 0 ? "0" : String(Int64(value))
        }
        return "\(value)"
    }

    private static func write(_ value: JSONValue, indent: String, into text: inout String) {
        switch value {
        case .array(let elements) where elements.allSatisfy(isScalar):
            writeCompact(value, into: &text)
        case .array(let elements):
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += indent + "  "
                write(element, indent: indent + "  ", into: &text)
                text += index == elements.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .object(let members) where members.isEmpty:
            text += "{}"
        case .object(let members):
            text += "{\n"
            for (index, member) in members.enumerated() {
                text += indent + "  " + quoted(member.key) + ": "
                write(member.value, indent: indent + "  ", into: &text)
                text += index == members.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        default:
            writeCompact(value, into: &text)
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    private static func writeCompact(_ value: JSONValue, into text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let bool): text += bool ? "true" : "false"
        case .number(let number): text += Self.number(number)
        case .string(let string): text += quoted(string)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                writeCompact(element, into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += ", " }
                text += quoted(member.key) + ": "
                writeCompact(member.value, into: &text)
            }
            text += "}"
        }
    }

    /// `string` in double quotes with JSON's escapes.
    public static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
