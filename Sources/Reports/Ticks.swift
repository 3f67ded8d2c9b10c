import Foundation

/// Tick marks for one chart axis: round values, their labels and the domain the axis spans.
///
/// Linear ticks are the multiples k·step of a "nice" step m·10ⁿ with m ∈ {1, 2, 5}, the smallest
/// such step that needs at most `maximumCount` ticks (so about 5–8) to cover the data; the domain
/// is widened to the first and last tick. Values are computed as (k·m)/10⁻ⁿ, an exact integer
/// divided by a power of ten, so a tick is 0.3 and not 3 × 0.1 = 0.30000000000000004.
///
/// Logarithmic ticks are decades 10ᵉ (every d-th decade when there are many) for positive data.
///
/// Degenerate data: NaN and ±∞ are ignored (and zero and negative values on a log axis); no
/// values at all give the domain [0, 1] (log: [1, 10]); a single value v is widened to
/// v ± max(|v|/10, 1e-300), or [v − 1, v + 1] when v = 0.
public struct Ticks: Equatable, Sendable {
    /// The tick positions in data units, ascending.
    public let values: [Double]
    /// One label per value, free of floating-point noise ("0.3", "1e-3").
    public let labels: [String]
    /// The range the axis spans, covering every data value and every tick.
    public let domain: ClosedRange<Double>

    /// Linear ticks covering every finite value of `data`.
    /// - Complexity: O(data.count).
    public static func linear(covering data: [Double], maximumCount: Int = 8, integerStep: Bool = false) -> Ticks {
        let finite = data.filter(\.isFinite)
        guard let lower = finite.min(), let upper = finite.max() else {
            return linear(from: 0, to: 1, maximumCount: maximumCount, integerStep: integerStep)
        }
        return linear(from: lower, to: upper, maximumCount: maximumCount, integerStep: integerStep)
    }

    /// Linear ticks covering [lower, upper] (the bounds may come in either order).
    /// - Parameter integerStep: steps of at least 1, for counts such as epochs.
    public static func linear(from lower: Double, to upper: Double, maximumCount: Int = 8, integerStep: Bool = false) -> Ticks {
        precondition(maximumCount >= 2, "an axis needs at least two ticks")
        guard lower.isFinite, upper.isFinite else { return linear(from: 0, to: 1, maximumCount: maximumCount, integerStep: integerStep) }
        var (low, high) = (min(lower, upper), max(lower, upper))
        if low == high {
            let halfWidth = low == 0 ? 1 : max(abs(low) / 10, 1e-300)
            (low, high) = (low - halfWidth, high + halfWidth)
        }
        guard (high - low).isFinite, high - low > 1e-290 else {
            return Ticks(values: [low, high], labels: [low, high].map { String(format: "%.3g", $0) }, domain: low...high)
        }
        var step = NiceStep.atMost(high - low)
        if integerStep { step = step.atLeastOne }
        while step.count(from: low, to: high) > maximumCount { step = step.next }
        let first = Int64((low / step.size).rounded(.down))
        let last = Int64((high / step.size).rounded(.up))
        let values = (first...last).map { step.value(at: $0) }
        let labels = values.map(step.label)
        return Ticks(values: values, labels: labels, domain: values[0]...values[values.count - 1])
    }

    /// Decade ticks 10ᵉ covering every positive finite value of `data` (zeros, negatives and
    /// non-finite values are left out, as a log axis cannot show them).
    /// - Complexity: O(data.count).
    public static func logarithmic(covering data: [Double], maximumCount: Int = 8) -> Ticks {
        let positive = data.filter { $0.isFinite && $0 > 0 }
        guard let lower = positive.min(), let upper = positive.max() else {
            return logarithmic(from: 1, to: 10, maximumCount: maximumCount)
        }
        return logarithmic(from: lower, to: upper, maximumCount: maximumCount)
    }

    /// Decade ticks covering [lower, upper], both positive: 10^⌊log₁₀ lower⌋ … 10^⌈log₁₀ upper⌉,
    /// every d-th decade when more than `maximumCount` would be needed.
    public static func logarithmic(from lower: Double, to upper: Double, maximumCount: Int = 8) -> Ticks {
        precondition(lower > 0 && upper > 0 && lower.isFinite && upper.isFinite, "a log axis needs positive finite bounds")
        var firstExponent = Int(log10(min(lower, upper)).rounded(.down))
        var lastExponent = Int(log10(max(lower, upper)).rounded(.up))
        // log10 of an exact power of ten can land a hair off: keep the bounds inside the decades.
        if pow(10, Double(firstExponent)) > min(lower, upper) { firstExponent -= 1 }
        if pow(10, Double(lastExponent)) < max(lower, upper) { lastExponent += 1 }
        if firstExponent == lastExponent { lastExponent += 1 }
        let stride = Int((Double(lastExponent - firstExponent) / Double(maximumCount - 1)).rounded(.up))
        firstExponent = Int((Double(firstExponent) / Double(stride)).rounded(.down)) * stride
        lastExponent = Int((Double(lastExponent) / Double(stride)).rounded(.up)) * stride
        let exponents = Array(Swift.stride(from: firstExponent, through: lastExponent, by: stride))
        let values = exponents.map { decade($0) }
        return Ticks(values: values, labels: exponents.map(decadeLabel), domain: values[0]...values[values.count - 1])
    }

    /// Whether a loss axis reads better on a log scale: every finite value is positive and the
    /// largest is more than 100 times the smallest (the values span over two decades).
    public static func prefersLogarithmic(_ data: [Double]) -> Bool {
        let finite = data.filter(\.isFinite)
        guard let lower = finite.min(), let upper = finite.max(), lower > 0 else { return false }
        return upper / lower > 100
    }

    /// 10ᵉ, exact for the exponents a chart meets.
    static func decade(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }

    /// "0.001" … "1000" for exponents −3 … 3, "1e-4", "1e4" beyond.
    static func decadeLabel(_ exponent: Int) -> String {
        (-3...3).contains(exponent) ? formatDecimal(decade(exponent), maximumDecimals: 3) : "1e\(exponent)"
    }
}

/// A step m·10ⁿ with m ∈ {1, 2, 5}.
private struct NiceStep {
    var mantissa: Int64
    var exponent: Int

    /// The largest nice step not above span/10 (a start from which `next` climbs).
    static func atMost(_ span: Double) -> NiceStep {
        NiceStep(mantissa: 1, exponent: Int(log10(span / 10).rounded(.down)))
    }

    /// The step size as a Double (exact mantissa times an exact power of ten).
    var size: Double {
        exponent >= 0 ? Double(mantissa) * pow(10, Double(exponent)) : Double(mantissa) / pow(10, Double(-exponent))
    }

    /// A multiple's label: plain decimals ("0.25", "1500") while they stay short, "%.3g"
    /// ("2e-08", "1.5e+10") for steps below 10⁻⁶ or values from 10¹⁰.
    func label(_ value: Double) -> String {
        if exponent < -6 || abs(value) >= 1e10 { return String(format: "%.3g", value) }
        return formatDecimal(value, maximumDecimals: max(0, -exponent))
    }

    /// The next larger nice step: 1 → 2 → 5 → 10.
    var next: NiceStep {
        switch mantissa {
        case 1: NiceStep(mantissa: 2, exponent: exponent)
        case 2: NiceStep(mantissa: 5, exponent: exponent)
        default: NiceStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    /// This step, or 1 when it is smaller.
    var atLeastOne: NiceStep { exponent < 0 ? NiceStep(mantissa: 1, exponent: 0) : self }

    /// How many of its multiples cover [low, high].
    func count(from low: Double, to high: Double) -> Int {
        Int((high / size).rounded(.up) - (low / size).rounded(.down)) + 1
    }

    /// k·step, computed as an exact integer scaled by an exact power of ten.
    func value(at k: Int64) -> Double {
        let multiple = Double(k * mantissa)
        return exponent >= 0 ? multiple * pow(10, Double(exponent)) : multiple / pow(10, Double(-exponent))
    }
}
