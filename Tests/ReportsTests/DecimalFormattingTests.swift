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

@Suite("One accuracy format, sensible precision — percent with one decimal, four significant digits")
struct PrintedNumbersTests {
    // value, decimals, expected text
    @Test("fixed decimals keep their zeros", arguments: [
        (0.5, 1, "0.5"), (2, 2, "2.00"), (56.66666, 1, "56.7"), (100, 1, "100.0"), (-0.04, 1, "0.0"), (1.25, 0, "1"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(formatFixed(value, decimals: decimals) == expected, "\(value)")
    }

    @Test("accuracies: 34/60 → 56.7%, 1 → 100.0%, 0 → 0.0%; mean ± sd → 56.7 ± 2.1%")
    func accuracies() {
        #expect(formatAccuracy(34.0 / 60) == "56.7%")
        #expect(formatAccuracy(1) == "100.0%")
        #expect(formatAccuracy(0) == "0.0%")
        #expect(formatAccuracy(mean: 34.0 / 60, standardDeviation: 0.0213) == "56.7 ± 2.1%")
    }

    // value, expected text at 4 significant digits
    @Test("issue 17: gaussian-nll's lr 0.016666666666666666 prints as 0.01667", arguments: [Double: String]([
        (0.016666666666666666, "0.01667") as (Double, String), (0.1, "0.1"), (0.001, "0.001"), (1e-4, "0.0001"), (1.2e-5, "1.2e-5"),
        (250_000, "250000"), (1e6, "1e6"), (123456789, "1.235e8"), (0, "0"), (-0.25, "-0.25"), (2.0 / 3, "0.6667"),
    ].map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a }))
    func significant(value: Double, expected: String) {
        #expect(formatSignificant(value) == expected, "\(value)")
    }

    @Test("losses: four decimals; a diverging one in scientific notation")
    func losses() {
        #expect(formatLoss(1.12481) == "1.1248")
        #expect(formatLoss(2.5e200) == "2.500e+200")
        #expect(formatLoss(.nan) == "NaN")
    }
}
