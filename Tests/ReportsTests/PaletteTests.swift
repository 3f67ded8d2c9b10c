import Testing
import Reports

@Suite("Palette and colour maps — one class, one colour, readable for colour-blind students")
struct PaletteTests {
    @Test("the Okabe–Ito colours, the same index giving the same colour, wrapping after 8")
    func palette() {
        #expect(Palette.colors.map(\.hex) == ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#f0e442", "#000000"])
        #expect(Palette.color(2) == Palette.color(10))
        #expect(Palette.color(-1) == Palette.color(7))
        #expect(Set(Palette.colors).count == 8)
        #expect(Palette.dash(for: 3) == nil && Palette.dash(for: 8) != nil && Palette.dash(for: 8) != Palette.dash(for: 16))
    }

    @Test("region tints are light: luminance above 0.5 for every class")
    func tints() {
        for index in 0..<8 {
            #expect(Palette.tint(index).relativeLuminance > 0.5, "class \(index): \(Palette.tint(index).hex)")
        }
    }

    @Test("mixing, luminance and contrast")
    func colors() {
        #expect(RGBColor.black.mixed(with: .white, fraction: 0.5).hex == "#808080")
        #expect(RGBColor.white.relativeLuminance == 1 && RGBColor.black.relativeLuminance == 0)
        #expect(RGBColor.white.contrastingText == .black && RGBColor(red: 0x08, green: 0x30, blue: 0x6b).contrastingText == .white)
    }

    @Test("colour maps: the ends are the end stops, the diverging map is white at 0.5")
    func maps() {
        #expect(ColorMap.sequentialBlues.color(at: 0) == ColorMap.sequentialBlues.stops[0])
        #expect(ColorMap.sequentialBlues.color(at: 2) == ColorMap.sequentialBlues.stops.last)
        #expect(ColorMap.divergingBlueRed.color(at: 0.5) == .white)
        #expect(ColorMap.divergingBlueRed.color(at: .nan) == ColorMap.divergingBlueRed.stops[0])
    }
}
