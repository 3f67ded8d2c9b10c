import Foundation
import Testing
import Training
import LinearAlgebra

@Suite("JSON writer — doubles round-trip exactly, same value → same bytes")
struct JSONWriterTests {
    @Test("every double written reads back to the same bits (seeds 0..<20, all magnitudes)", arguments: 0..<20)
    func doublesRoundTrip(seed: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(seed))
        var values: [Double] = [0.1, 1.0 / 3, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 2.2250738585072014e-308, -1e-7, 123456789.125]
        for _ in 0..<200 {
            let mantissa = generator.uniform(in: -1, 1)
            let exponent = generator.uniformInteger(below: 600) - 300
            values.append(mantissa * pow(10, Double(exponent)))
        }
        let text = JSONWriter.string(.array(values.map(JSONValue.number)))
        let parsed = try JSONParser.parse(text).arrayElements?.compactMap(\.numberValue) ?? []
        #expect(parsed.count == values.count)
        for (value, back) in zip(values, parsed) where value.bitPattern != back.bitPattern {
            Issue.record("seed \(seed): wrote \(value) as \(JSONWriter.number(value)), read back \(back)")
        }
    }

    // value, text
    static let numbers: [(Double, String)] = [(1, "1"), (-3, "-3"), (0.5, "0.5"), (1e-5, "1e-05"), (.nan, "null"), (.infinity, "null")]

    @Test("integral values have no fraction; NaN and ∞ (no JSON form) are null", arguments: numbers)
    func numberText(value: Double, text: String) {
        #expect(JSONWriter.number(value) == text)
    }

    @Test("deterministic: keys in stored order, two-space indent, final newline; same value → same bytes")
    func deterministic() throws {
        let value: JSONValue = ["z": 1, "a": ["b": [1, 2.5], "c": "q\"uote\n"], "list": [["x": true], nil]]
        let text = JSONWriter.string(value)
        #expect(text == """
            {
              "z": 1,
              "a": {
                "b": [1, 2.5],
                "c": "q\\"uote\\n"
              },
              "list": [
                {
                  "x": true
                },
                null
              ]
            }

            """)
        #expect(JSONWriter.string(value) == text)
        #expect(try JSONParser.parse(text) == value)
        #expect(try JSONParser.parse(JSONWriter.compactString(value)) == value)
    }

    @Test("strings with control characters and non-ASCII round-trip")
    func strings() throws {
        let string = "tab\there\u{01} é 😀 \\ / \""
        #expect(try JSONParser.parse(JSONWriter.quoted(string)) == .string(string))
    }
}
