import Foundation

/// `value` written in plain decimal notation, rounded half away from zero to at most
/// `maximumDecimals` digits after the point, trailing zeros dropped and never "-0":
///
///     formatDecimal(0.30000000000000004) = "0.3"     formatDecimal(-0.001) = "0"
///     formatDecimal(12.5, maximumDecimals: 0) = "13" formatDecimal(-2.25) = "-2.25"
///
/// The same value always gives the same bytes (no locale, no shortest-round-trip search), which is
/// what makes the SVG output deterministic. Non-finite values render as "NaN", "inf" and "-inf";
/// magnitudes of 10¹⁵ and more (after scaling by 10^decimals) fall back to Swift's `description`.
/// - Parameter maximumDecimals: 0 through 15.
/// - Complexity: O(number of digits).
public func formatDecimal(_ value: Double, maximumDecimals: Int = 2) -> String {
    precondition((0...15).contains(maximumDecimals), "maximumDecimals must be in 0...15")
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let factor = pow(10, Double(maximumDecimals))
    let scaled = (abs(value) * factor).rounded(.toNearestOrAwayFromZero)
    guard scaled < 1e15 else { return value.description }
    let units = Int64(scaled)
    if units == 0 { return "0" }
    let divisor = Int64(factor)
    var text = String(units / divisor)
    let fraction = units % divisor
    if fraction > 0 {
        var digits = String(fraction)
        digits = String(repeating: "0", count: maximumDecimals - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        text += "." + digits
    }
    return value < 0 ? "-" + text : text
}

/// `value` with exactly `decimals` digits after the point, rounded half away from zero, never
/// "-0.0": `formatFixed(0.5, decimals: 1)` = "0.5", `formatFixed(2, decimals: 2)` = "2.00".
/// Non-finite values as in `formatDecimal`.
/// - Parameter decimals: 0 through 15.
public func formatFixed(_ value: Double, decimals: Int) -> String {
    let text = formatDecimal(value, maximumDecimals: decimals)
    guard value.isFinite, decimals > 0, !text.contains("e") else { return text }
    let written = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? -1
    return (written < 0 ? text + "." : text) + String(repeating: "0", count: decimals - max(written, 0))
}

/// An accuracy as every printed line of the tool shows it (tables, progress, `evaluate`, the
/// sweep line): a percentage with one decimal, "56.7%" for 0.5667. Files keep the fraction at
/// full precision (`comparison.csv`, `summary.json`, `evaluate --json`).
///
/// One decimal tells apart every count of examples up to 1,000 (one example is ≥ 0.1 point).
public func formatAccuracy(_ fraction: Double) -> String {
    formatFixed(100 * fraction, decimals: 1) + "%"
}

/// An accuracy over the seeds of `--repeats`: mean ± standard deviation in points, "56.7 ± 2.1%".
public func formatAccuracy(mean: Double, standardDeviation: Double) -> String {
    formatFixed(100 * mean, decimals: 1) + " ± " + formatFixed(100 * standardDeviation, decimals: 1) + "%"
}

/// `value` to `digits` significant digits for a table, trailing zeros dropped: 0.016666666666666666
/// → "0.01667", 0.1 → "0.1", 250000 → "250000", 0.000012 → "1.2e-5". Plain decimals for
/// 10⁻⁴ ≤ |value| < 10⁶, else scientific notation; non-finite values as in `formatDecimal`.
/// - Parameter digits: 1 through 15.
public func formatSignificant(_ value: Double, digits: Int = 4) -> String {
    precondition((1...15).contains(digits), "digits must be in 1...15")
    guard value.isFinite, value != 0 else { return formatDecimal(value) }
    let exponent = Int(log10(abs(value)).rounded(.down))
    if (-4..<6).contains(exponent) {
        return formatDecimal(value, maximumDecimals: min(15, max(0, digits - 1 - exponent)))
    }
    let scientific = String(format: "%.\(digits - 1)e", value)
    guard let e = scientific.firstIndex(of: "e") else { return scientific }
    var mantissa = String(scientific[..<e])
    if mantissa.contains(".") {
        while mantissa.last == "0" { mantissa.removeLast() }
        if mantissa.last == "." { mantissa.removeLast() }
    }
    return mantissa + "e" + String(Int(scientific[scientific.index(after: e)...]) ?? 0)
}

/// A loss for tables and progress lines: four decimals, or scientific notation from 10⁵ on so that
/// a diverging loss does not print 300 digits: "0.5123", "2.500e+200", "NaN".
public func formatLoss(_ value: Double) -> String {
    guard value.isFinite else { return formatDecimal(value) }
    return abs(value) < 1e5 ? formatFixed(value, decimals: 4) : String(format: "%.3e", value)
}
