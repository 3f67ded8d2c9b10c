/// The qualitative colours of classes and runs: the Okabe–Ito palette (Okabe & Ito, "Color
/// Universal Design", 2008), chosen to stay distinguishable with the common colour-vision
/// deficiencies. Index i always gives the same colour, so class 2 or run 2 looks the same in
/// every chart of a report.
///
/// Order: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black. Index i
/// ≥ 8 wraps to colour i mod 8; charts that may show more than 8 series tell the cycles apart
/// with `dash(for:)`.
public enum Palette {
    /// The eight Okabe–Ito colours, in the order used for indices 0…7.
    public static let colors: [RGBColor] = [
        RGBColor(red: 0x00, green: 0x72, blue: 0xB2), // blue
        RGBColor(red: 0xD5, green: 0x5E, blue: 0x00), // vermillion
        RGBColor(red: 0x00, green: 0x9E, blue: 0x73), // bluish green
        RGBColor(red: 0xE6, green: 0x9F, blue: 0x00), // orange
        RGBColor(red: 0xCC, green: 0x79, blue: 0xA7), // reddish purple
        RGBColor(red: 0x56, green: 0xB4, blue: 0xE9), // sky blue
        RGBColor(red: 0xF0, green: 0xE4, blue: 0x42), // yellow
        RGBColor(red: 0x00, green: 0x00, blue: 0x00), // black
    ]

    /// The colour of class or run `index` (wrapping after 8).
    public static func color(_ index: Int) -> RGBColor {
        colors[wrapped(index)]
    }

    /// A light tint of `color(index)` for filled regions: 25 % of the colour over white, so the
    /// points drawn on top in full colour stay visible.
    public static func tint(_ index: Int) -> RGBColor {
        color(index).mixed(with: .white, fraction: 0.75)
    }

    /// A stroke-dasharray that tells apart the cycles of the palette: nil (solid) for indices
    /// 0…7, then dashed, dotted, dash-dotted.
    public static func dash(for index: Int) -> String? {
        let patterns: [String?] = [nil, "7 4", "2 3", "8 3 2 3"]
        return patterns[(max(index, 0) / colors.count) % patterns.count]
    }

    private static func wrapped(_ index: Int) -> Int {
        ((index % colors.count) + colors.count) % colors.count
    }
}
