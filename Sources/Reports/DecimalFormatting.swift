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
