import Testing
import Reports

@Suite("Fixed decimals — same value, same bytes")
struct DecimalFormattingTests {
    // value, maximum decimals, expected text
    @Test("rounding, trailing zeros, no -0", arguments: [
        (0.30000000000000004, 2, "0.3"), (0.1 + 0.2, 3, "0.3"), (-0.001, 2, "0"), (-0.0, 2, "0"),
        (12.5, 0, "13"), (-2.25, 2, "-2.25"), (1.005, 1, "1"), (100, 2, "100"), (0.0001, 4, "0.0001"),
        (-1234.5678, 3, "-1234.568"), (0.05, 2, "0.05"), (7, 0, "7"),
    ])
    func formats(value: Double, decimals: Int, expected: String) {
        #expect(formatDecimal(value, maximumDecimals: decimals) == expected, "value \(value), decimals \(decimals)")
    }

    @Test("non-finite values are named, huge ones fall back to description")
    func edges() {
        #expect(formatDecimal(.nan) == "NaN")
        #expect(formatDecimal(.infinity) == "inf")
        #expect(formatDecimal(-.infinity) == "-inf")
        #expect(formatDecimal(1e20) == (1e20).description)
    }
}
