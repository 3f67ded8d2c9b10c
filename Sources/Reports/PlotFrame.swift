/// The rectangle a chart plots into, its two axis scales and ticks, and the elements that draw
/// the frame: grid lines at the ticks, tick labels, and the axis titles (the y title rotated).
///
/// Layout (pixels): the chart title on the first line, the plot below it, tick labels and the x
/// title under the plot, the y tick labels and y title left of it; `leftMargin(for:)` makes room
/// for the widest y label so that nothing overlaps.
struct PlotFrame {
    static let tickSize = 11.0
    static let axisTitleSize = 12.5
    static let chartTitleSize = 14.0
    /// The plot's top edge: below the chart title.
    static let top = 34.0
    /// From the plot's bottom edge to the end of the x title.
    static let bottomMargin = 44.0
    static let rightMargin = 18.0
    static let gridColor = "#e4e4e4"
    static let axisColor = "#555555"

    var left: Double
    var top: Double
    var width: Double
    var height: Double
    var x: AxisScale
    var y: AxisScale
    var xTicks: Ticks
    var yTicks: Ticks

    var bottom: Double { top + height }
    var right: Double { left + width }

    /// Room left of the plot for the y title, the widest y tick label and the gaps between.
    static func leftMargin(for yTicks: Ticks) -> Double {
        let widest = yTicks.labels.map { estimatedTextWidth($0, size: tickSize) }.max() ?? 0
        return 8 + axisTitleSize + 10 + widest + 6
    }

    /// The plot's width in a chart `chartWidth` wide whose y axis has `yTicks`.
    static func plotWidth(chartWidth: Double, yTicks: Ticks) -> Double {
        max(chartWidth - leftMargin(for: yTicks) - rightMargin, 40)
    }

    /// The x ticks from `makeTicks(maximumCount)` with the largest count, 8 down to 2, whose
    /// labels fit side by side in `plotWidth` with a gap of 10 pixels: "0.00025" labels on a
    /// narrow plot get fewer ticks instead of overlapping.
    static func xTicks(fitting plotWidth: Double, _ makeTicks: (Int) -> Ticks) -> Ticks {
        for maximumCount in stride(from: 8, to: 2, by: -1) {
            let ticks = makeTicks(maximumCount)
            let widest = ticks.labels.map { estimatedTextWidth($0, size: tickSize) }.max() ?? 0
            if Double(ticks.values.count) * (widest + 10) <= plotWidth { return ticks }
        }
        return makeTicks(2)
    }

    /// A frame of `chartWidth` with the plot `plotHeight` high below the title line.
    init(chartWidth: Double, plotHeight: Double, xTicks: Ticks, yTicks: Ticks, yLogarithmic: Bool) {
        left = Self.leftMargin(for: yTicks)
        top = Self.top
        width = Self.plotWidth(chartWidth: chartWidth, yTicks: yTicks)
        height = plotHeight
        self.xTicks = xTicks
        self.yTicks = yTicks
        x = AxisScale(logarithmic: false, domain: xTicks.domain, start: left, end: left + width)
        y = AxisScale(logarithmic: yLogarithmic, domain: yTicks.domain, start: top + plotHeight, end: top)
    }

    /// `elements` inside a nested `<svg>` viewport over the plot (3 pixels wider on each side, so
    /// a line along an edge keeps its full stroke): whatever lies outside is clipped, without the
    /// `id` a `clipPath` would need (ids clash when several charts share a page).
    func clipped(_ elements: [SVGElement]) -> SVGElement {
        let box = [left - 3, top - 3, width + 6, height + 6].map(svgNumber)
        return SVGElement("svg", [("x", box[0]), ("y", box[1]), ("width", box[2]), ("height", box[3]),
                                  ("viewBox", box.joined(separator: " ")), ("overflow", "hidden")],
                          children: elements)
    }

    /// The chart title, centred over the whole chart, cut to fit.
    static func chartTitle(_ title: String, chartWidth: Double) -> SVGElement {
        .text(fitted(title, size: chartTitleSize, width: chartWidth - 12), x: chartWidth / 2, y: 20,
              anchor: .middle, size: chartTitleSize, bold: true)
    }

    /// Grid lines and tick labels at every tick inside the domain, the plot's border, and the axis
    /// titles. `xTitle` is centred under the plot; `yTitle` reads bottom to top at the left edge.
    func axes(xTitle: AxisTitle, yTitle: AxisTitle) -> SVGElement {
        var grid: [SVGElement] = []
        var labels: [SVGElement] = []
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            guard let position = x.pixel(value), x.domain.contains(value) else { continue }
            grid.append(.line(x1: position, y1: top, x2: position, y2: bottom, stroke: Self.gridColor))
            labels.append(.text(label, x: position, y: bottom + 15, anchor: .middle, size: Self.tickSize))
        }
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            guard let position = y.pixel(value), y.domain.contains(value) else { continue }
            grid.append(.line(x1: left, y1: position, x2: right, y2: position, stroke: Self.gridColor))
            labels.append(.text(label, x: left - 6, y: position, anchor: .end, size: Self.tickSize, verticalShift: 0.35))
        }
        let border = SVGElement.rect(x: left, y: top, width: width, height: height, stroke: Self.axisColor)
        let titles: [SVGElement] = [
            .text(fitted(xTitle.text, size: Self.axisTitleSize, width: width), x: left + width / 2, y: bottom + 34,
                  anchor: .middle, size: Self.axisTitleSize),
            .text(fitted(yTitle.text, size: Self.axisTitleSize, width: height), x: 8 + Self.axisTitleSize, y: top + height / 2,
                  anchor: .middle, size: Self.axisTitleSize, rotation: -90),
        ]
        return .group([.group(grid, className: "grid"), border, .group(labels, className: "tick-labels", attributes: [("fill", "#333333")]),
                       .group(titles, className: "axis-titles")], className: "axes")
    }
}
