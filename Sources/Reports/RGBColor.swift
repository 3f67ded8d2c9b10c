import Foundation

/// An sRGB colour with 8-bit channels, written as `#rrggbb` (lowercase) in SVG and CSS.
public struct RGBColor: Equatable, Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let white = RGBColor(red: 255, green: 255, blue: 255)
    public static let black = RGBColor(red: 0, green: 0, blue: 0)

    /// `#rrggbb` in lowercase hex.
    public var hex: String {
        "#" + [red, green, blue].map { channel in
            let digits = String(channel, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The colour a fraction t of the way to `other`: each channel (1 − t)·self + t·other, rounded;
    /// t is clamped to [0, 1].
    public func mixed(with other: RGBColor, fraction t: Double) -> RGBColor {
        let t = min(max(t.isNaN ? 0 : t, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(((1 - t) * Double(a) + t * Double(b)).rounded())
        }
        return RGBColor(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    /// The WCAG relative luminance 0.2126·R + 0.7152·G + 0.0722·B of the linearized channels:
    /// 0 for black, 1 for white.
    public var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever reads better on this colour as a background (black above
    /// luminance 0.18, where both give the same WCAG contrast ratio).
    public var contrastingText: RGBColor {
        relativeLuminance > 0.18 ? .black : .white
    }
}
