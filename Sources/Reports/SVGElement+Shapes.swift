/// How a text line is placed horizontally relative to its x coordinate (SVG `text-anchor`).
public enum TextAnchor: String, Sendable {
    case start, middle, end
}

extension SVGElement {
    /// A group of elements (`<g>`), with an optional class name for styling and tests.
    public static func group(_ children: [SVGElement], className: String? = nil, attributes: [(String, String?)] = []) -> SVGElement {
        SVGElement("g", [("class", className)] + attributes, children: children)
    }

    /// A `<title>` element: a tooltip when it is an element's first child, the accessible name
    /// when it is the first child of `<svg>`.
    public static func title(_ text: String) -> SVGElement {
        SVGElement("title", text: text)
    }

    /// An axis-aligned rectangle with its top-left corner at (x, y).
    public static func rect(
        x: Double, y: Double, width: Double, height: Double,
        fill: String = "none", stroke: String? = nil, strokeWidth: Double? = nil
    ) -> SVGElement {
        SVGElement("rect", [
            ("x", svgNumber(x)), ("y", svgNumber(y)),
            ("width", svgNumber(max(width, 0))), ("height", svgNumber(max(height, 0))),
            ("fill", fill), ("stroke", stroke), ("stroke-width", strokeWidth.map(svgNumber)),
        ])
    }

    /// A circle of `radius` centred at (centerX, centerY).
    public static func circle(
        centerX: Double, centerY: Double, radius: Double,
        fill: String = "none", stroke: String? = nil, strokeWidth: Double? = nil
    ) -> SVGElement {
        SVGElement("circle", [
            ("cx", svgNumber(centerX)), ("cy", svgNumber(centerY)), ("r", svgNumber(radius)),
            ("fill", fill), ("stroke", stroke), ("stroke-width", strokeWidth.map(svgNumber)),
        ])
    }

    /// A straight segment from (x1, y1) to (x2, y2); `dash` is an SVG `stroke-dasharray`, e.g. "4 3".
    public static func line(
        x1: Double, y1: Double, x2: Double, y2: Double,
        stroke: String, strokeWidth: Double = 1, dash: String? = nil
    ) -> SVGElement {
        SVGElement("line", [
            ("x1", svgNumber(x1)), ("y1", svgNumber(y1)), ("x2", svgNumber(x2)), ("y2", svgNumber(y2)),
            ("stroke", stroke), ("stroke-width", svgNumber(strokeWidth)), ("stroke-dasharray", dash),
        ])
    }

    /// A connected line through `points` in order, not closed and not filled.
    public static func polyline(
        points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 2, dash: String? = nil
    ) -> SVGElement {
        let coordinates = points.map { svgNumber($0.x) + "," + svgNumber($0.y) }.joined(separator: " ")
        return SVGElement("polyline", [
            ("points", coordinates), ("fill", "none"), ("stroke", stroke),
            ("stroke-width", svgNumber(strokeWidth)), ("stroke-linejoin", "round"), ("stroke-dasharray", dash),
        ])
    }

    /// A path from SVG path data (build it with `SVGPathData` so numbers stay formatted).
    public static func path(_ data: SVGPathData, fill: String = "none", stroke: String? = nil, strokeWidth: Double? = nil) -> SVGElement {
        SVGElement("path", [
            ("d", data.commands), ("fill", fill), ("stroke", stroke), ("stroke-width", strokeWidth.map(svgNumber)),
        ])
    }

    /// A line of text whose baseline starts, centres or ends at (x, y) as `anchor` says, rotated
    /// by `rotation` degrees around (x, y) (−90 for a y-axis title read bottom to top).
    /// `verticalShift` (in em) moves it off the baseline: 0.35 centres the glyphs on y.
    public static func text(
        _ content: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double = 12,
        rotation: Double = 0, verticalShift: Double = 0, fill: String? = nil, bold: Bool = false
    ) -> SVGElement {
        SVGElement("text", [
            ("x", svgNumber(x)), ("y", svgNumber(y)),
            ("dy", verticalShift == 0 ? nil : svgNumber(verticalShift) + "em"),
            ("text-anchor", anchor == .start ? nil : anchor.rawValue),
            ("font-size", svgNumber(size)),
            ("font-weight", bold ? "bold" : nil),
            ("fill", fill),
            ("transform", rotation == 0 ? nil : "rotate(\(svgNumber(rotation)) \(svgNumber(x)) \(svgNumber(y)))"),
        ], text: content)
    }
}

/// SVG path data built from commands with formatted numbers, e.g. a "×" marker:
/// `SVGPathData().move(to: (x − r, y − r)).line(to: (x + r, y + r))…`.
public struct SVGPathData: Equatable, Sendable {
    /// The `d` attribute's text so far.
    public private(set) var commands = ""

    /// An empty path.
    public init() {}

    /// Starts a new subpath at `point` (`M x y`).
    public func move(to point: (x: Double, y: Double)) -> SVGPathData {
        appending("M", point)
    }

    /// A straight segment to `point` (`L x y`).
    public func line(to point: (x: Double, y: Double)) -> SVGPathData {
        appending("L", point)
    }

    /// Closes the current subpath (`Z`).
    public func close() -> SVGPathData {
        var copy = self
        copy.commands += commands.isEmpty ? "Z" : " Z"
        return copy
    }

    private func appending(_ command: String, _ point: (x: Double, y: Double)) -> SVGPathData {
        var copy = self
        copy.commands += (commands.isEmpty ? "" : " ") + command + svgNumber(point.x) + " " + svgNumber(point.y)
        return copy
    }
}
