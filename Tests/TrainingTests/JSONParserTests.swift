import Testing
import Training

@Suite("JSON parser — syntax errors with line and column, duplicate keys, escapes, numbers")
struct JSONParserTests {
    // text, line, column of the error, a phrase of the message
    static let syntaxErrors: [(String, Int, Int, String)] = [
        ("{\n  \"a\": 1,\n}", 3, 1, "trailing comma"),
        ("{\"a\" 1}", 1, 6, "':'"),
        ("[1, 2", 1, 6, "the end of the file"),
        ("{\"a\": tru}", 1, 10, "'true'"),
        ("{\n  \"é\": x\n}", 2, 8, "a value"),
        ("[1] 2", 1, 5, "the end of the document"),
        ("{a: 1}", 1, 2, "a key in double quotes"),
        ("\"abc", 1, 5, "a closing"),
        ("\"\\x\"", 1, 3, "after '\\'"),
    ]

    @Test("a syntax error names its line and column (1-based, counting characters)", arguments: syntaxErrors)
    func syntaxError(text: String, line: Int, column: Int, phrase: String) {
        do {
            let value = try JSONParser.parse(text)
            Issue.record("\(text.debugDescription) parsed as \(value), expected an error at \(line):\(column)")
        } catch {
            #expect(error.line == line && error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.expected.contains(phrase), "\(text.debugDescription): \(error.expected)")
        }
    }

    @Test("a key twice in one object is an error at the second one (a second \"seed\" must not silently win)")
    func duplicateKeys() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"seed\": 1, \"seed\": 2}") }
        #expect(error?.line == 1 && error?.column == 13)
        #expect(error?.expected.contains("\"seed\" appears twice") == true)
        #expect((try? JSONParser.parse("{\"a\": {\"seed\": 1}, \"b\": {\"seed\": 2}}")) != nil, "the same key in two objects is fine")
    }

    @Test("escapes: \\n \\t \\\" \\\\ \\/ \\u00e9 and a surrogate pair")
    func escapes() throws {
        let value = try JSONParser.parse(#""a\n\t\"\\\/\u00e9\ud83d\ude00 b""#)
        #expect(value == .string("a\n\t\"\\/é😀 b"))
    }

    // text, value
    static let numbers: [(String, Double)] = [
        ("0", 0), ("-0.5e2", -50), ("1E+3", 1000), ("3.25", 3.25), ("1e-3", 0.001),
        ("0.1", 0.1), ("9007199254740993", 9007199254740992), ("-12", -12),
    ]

    @Test("numbers read as the nearest double", arguments: numbers)
    func number(text: String, expected: Double) throws {
        #expect(try JSONParser.parse(text) == .number(expected))
    }

    @Test("malformed numbers are errors: 1. .5 - 1e 1e400 01 +1", arguments: ["1.", ".5", "-", "1e", "1e400", "01", "+1", "[1, 2,]"])
    func malformedNumber(text: String) {
        #expect(throws: JSONSyntaxError.self, "\(text) should not parse") { try JSONParser.parse(text) }
    }

    @Test("objects keep their keys in file order; nesting and literals")
    func structure() throws {
        let value = try JSONParser.parse(" {\"z\": [true, false, null], \"a\": {\"b\": \"c\"}} ")
        #expect(value.objectMembers?.map(\.key) == ["z", "a"])
        #expect(value["z"] == [true, false, nil])
        #expect(value["a"]?["b"] == "c")
    }

    @Test("absurd nesting is an error, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }
}
