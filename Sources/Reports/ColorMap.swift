/// A continuous colour map: colours at evenly spaced stops over [0, 1], linearly interpolated.
public struct ColorMap: Equatable, Sendable {
    /// The colours at positions 0, 1/(n−1), …, 1.
    public let stops: [RGBColor]

    public init(stops: [RGBColor]) {
        precondition(stops.count >= 2, "a colour map needs at least two stops")
        self.stops = stops
    }

    /// The colour at position t ∈ [0, 1] (clamped; NaN gives the first stop).
    public func color(at t: Double) -> RGBColor {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], fraction: position - Double(index))
    }

    /// White to dark blue (ColorBrewer "Blues"), for counts and accuracies: more is darker.
    public static let sequentialBlues = ColorMap(stops: [
        RGBColor(red: 0xF7, green: 0xFB, blue: 0xFF), RGBColor(red: 0xC6, green: 0xDB, blue: 0xEF),
        RGBColor(red: 0x6B, green: 0xAE, blue: 0xD6), RGBColor(red: 0x21, green: 0x71, blue: 0xB5),
        RGBColor(red: 0x08, green: 0x30, blue: 0x6B),
    ])

    /// Blue – white – red (ColorBrewer "RdBu" reversed), for signed weights: position 0.5 is white.
    public static let divergingBlueRed = ColorMap(stops: [
        RGBColor(red: 0x21, green: 0x66, blue: 0xAC), RGBColor(red: 0x67, green: 0xA9, blue: 0xCF),
        RGBColor(red: 0xD1, green: 0xE5, blue: 0xF0), .white,
        RGBColor(red: 0xFD, green: 0xDB, blue: 0xC7), RGBColor(red: 0xEF, green: 0x8A, blue: 0x62),
        RGBColor(red: 0xB2, green: 0x18, blue: 0x2B),
    ])
}
