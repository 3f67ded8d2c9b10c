import Foundation

/// The title of a chart axis: a quantity and its unit, drawn as "loss (nats)" or "epoch".
public struct AxisTitle: Equatable, Sendable, ExpressibleByStringLiteral {
    /// The quantity, e.g. "loss" or "x₁".
    public var name: String
    /// The unit, e.g. "raw units", or nil for counts and other unitless quantities.
    public var unit: String?

    public init(_ name: String, unit: String? = nil) {
        self.name = name
        self.unit = unit
    }

    public init(stringLiteral name: String) {
        self.init(name)
    }

    /// "name (unit)", or the name alone.
    public var text: String {
        unit.map { "\(name) (\($0))" } ?? name
    }
}

/// How a chart's y axis maps values: linear, logarithmic (decades), or logarithmic exactly when
/// `Ticks.prefersLogarithmic` says the data span more than two decades.
public enum YScale: Equatable, Sendable {
    case linear, logarithmic, automatic
}

/// A map from data values in `domain` to pixel positions from `start` to `end` (end < start for
/// a y axis, whose pixels grow downwards).
struct AxisScale {
    var logarithmic: Bool
    var domain: ClosedRange<Double>
    var start: Double
    var end: Double

    /// The pixel of `value`:
    ///
    ///     linear  p = start + (v − lo)/(hi − lo)·(end − start)
    ///     log     p = start + (log v − log lo)/(log hi − log lo)·(end − start)
    ///
    /// nil for NaN, ±∞, and v ≤ 0 on a log axis: a gap in a line, a point not drawn.
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite, !logarithmic || value > 0 else { return nil }
        let fraction = logarithmic
            ? (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
            : (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return start + fraction * (end - start)
    }
}

/// The estimated width of `text` at font size `size`: 0.6 em per character, a little above the
/// average advance of sans-serif fonts, so layouts err on the side of room.
func estimatedTextWidth(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.6
}

/// `text`, cut to fit `width` at `size` with a trailing "…" when it is estimated to be wider.
func fitted(_ text: String, size: Double, width: Double) -> String {
    guard estimatedTextWidth(text, size: size) > width else { return text }
    let keep = max(Int(width / (size * 0.6)) - 1, 1)
    return String(text.prefix(keep)) + "…"
}
