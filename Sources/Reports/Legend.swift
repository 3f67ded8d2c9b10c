/// The small picture before a legend entry's label.
enum LegendSwatch {
    /// A short line in a series' colour and dash.
    case line(color: String, dash: String?)
    /// A filled square, e.g. a class's region tint with its colour as border.
    case square(fill: String, stroke: String)
    /// Any marker drawn centred at the given point, e.g. the misclassified ring.
    case marker((Double, Double) -> SVGElement)

    func element(x: Double, centerY: Double) -> SVGElement {
        switch self {
        case let .line(color, dash):
            .line(x1: x, y1: centerY, x2: x + Legend.swatchWidth, y2: centerY, stroke: color, strokeWidth: 2.5, dash: dash)
        case let .square(fill, stroke):
            .rect(x: x + 5, y: centerY - 6, width: 12, height: 12, fill: fill, stroke: stroke)
        case let .marker(draw):
            draw(x + Legend.swatchWidth / 2, centerY)
        }
    }
}

/// A legend laid out in rows below a chart: entries left to right, wrapping to a new row when
/// the next one would pass the chart's width, so no label is ever cut or overlapped. Each entry
/// is a `<g class="legend-entry">` with its swatch, its label and the label as tooltip.
enum Legend {
    static let swatchWidth = 22.0
    static let rowHeight = 18.0
    static let labelSize = 12.0

    /// The legend's group and its height, for entries starting at `top` between `left` and
    /// `left + width`.
    static func layout(_ entries: [(label: String, swatch: LegendSwatch)], left: Double, top: Double, width: Double) -> (element: SVGElement, height: Double) {
        guard !entries.isEmpty else { return (.group([], className: "legend"), 0) }
        var groups: [SVGElement] = []
        var x = left
        var row = 0
        for entry in entries {
            let label = fitted(entry.label, size: labelSize, width: width - swatchWidth - 6)
            let entryWidth = swatchWidth + 6 + estimatedTextWidth(label, size: labelSize)
            if x > left && x + entryWidth > left + width {
                x = left
                row += 1
            }
            let centerY = top + Double(row) * rowHeight + rowHeight / 2
            groups.append(SVGElement.group([
                entry.swatch.element(x: x, centerY: centerY),
                .text(label, x: x + swatchWidth + 6, y: centerY, size: labelSize, verticalShift: 0.35),
            ], className: "legend-entry").withTooltip(entry.label))
            x += entryWidth + 18
        }
        return (.group(groups, className: "legend"), Double(row + 1) * rowHeight)
    }
}
