/// A Python literal as a `.npy` header writes it: `{'descr': '<f8', 'fortran_order': False,
/// 'shape': (3, 2), }`.
enum PythonLiteral: Equatable {
    case string(String)
    case boolean(Bool)
    case integer(Int)
    case tuple([PythonLiteral])
    case dictionary([String: PythonLiteral])
}

/// Parses the subset of Python literal syntax that `.npy` headers use: dictionaries with string
/// keys, quoted strings, `True`/`False`, integers, and tuples or lists (a trailing comma allowed).
/// Returns nil on anything else; the caller turns that into an error naming the file.
struct PythonLiteralParser {
    /// The deepest nesting accepted: a real header nests two levels (a dictionary holding the shape
    /// tuple); a hostile one must not exhaust the stack.
    static let maximumDepth = 16

    private let characters: [Character]
    private var index = 0
    private var depth = 0

    init(text: String) {
        characters = Array(text)
    }

    /// The literal at the current position, or nil when the text is not one.
    mutating func parseValue() -> PythonLiteral? {
        skipSpaces()
        guard index < characters.count, depth < Self.maximumDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        switch characters[index] {
        case "{": return parseDictionary()
        case "(", "[": return parseSequence(closing: characters[index] == "(" ? ")" : "]")
        case "'", "\"": return parseString().map(PythonLiteral.string)
        case "T", "F": return parseBoolean()
        default: return parseInteger()
        }
    }

    private mutating func parseDictionary() -> PythonLiteral? {
        index += 1
        var entries: [String: PythonLiteral] = [:]
        while true {
            skipSpaces()
            if consume("}") { return .dictionary(entries) }
            guard let key = parseString(), consumeAfterSpaces(":"), let value = parseValue() else { return nil }
            entries[key] = value
            skipSpaces()
            if consume("}") { return .dictionary(entries) }
            guard consume(",") else { return nil }
        }
    }

    private mutating func parseSequence(closing: Character) -> PythonLiteral? {
        index += 1
        var elements: [PythonLiteral] = []
        while true {
            skipSpaces()
            if consume(closing) { return .tuple(elements) }
            guard let element = parseValue() else { return nil }
            elements.append(element)
            skipSpaces()
            if consume(closing) { return .tuple(elements) }
            guard consume(",") else { return nil }
        }
    }

    private mutating func parseString() -> String? {
        skipSpaces()
        guard index < characters.count, characters[index] == "'" || characters[index] == "\"" else { return nil }
        let quote = characters[index]
        index += 1
        var text = ""
        while index < characters.count && characters[index] != quote {
            text.append(characters[index])
            index += 1
        }
        guard consume(quote) else { return nil }
        return text
    }

    private mutating func parseBoolean() -> PythonLiteral? {
        for (word, value) in [("True", true), ("False", false)] where characters[index...].starts(with: word) {
            index += word.count
            return .boolean(value)
        }
        return nil
    }

    private mutating func parseInteger() -> PythonLiteral? {
        var digits = ""
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            digits.append(characters[index])
            index += 1
        }
        _ = consume("L")  // Python 2 wrote long integers as 300L
        return Int(digits).map(PythonLiteral.integer)
    }

    private mutating func skipSpaces() {
        while index < characters.count && characters[index].isWhitespace { index += 1 }
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard index < characters.count && characters[index] == character else { return false }
        index += 1
        return true
    }

    private mutating func consumeAfterSpaces(_ character: Character) -> Bool {
        skipSpaces()
        return consume(character)
    }
}
