import Foundation

/// A scalar field over a rectangle, e.g. the loss on a plane of weight space: a grid of cells
/// coloured in `bands` equal steps of log(value) from the field's smallest to its largest value,
/// so that the band edges read as contour lines (straight-edged for a piecewise-linear hinge
/// loss, elliptic for a quadratic one), with a marked point (the final weights at the centre).
///
/// `values[row][column]` is the value at the centre of the cell in row `row` (row 0 at the
/// bottom) and column `column`. Cells are `<rect>`s in `<g class="cells">`; the colour key below
/// the plot names the range. Non-finite and non-positive values are grey.
/// - Complexity: O(rows · columns).
public struct SurfaceChart: Equatable, Sendable {
    public var title: String
    public var xAxis: AxisTitle
    public var yAxis: AxisTitle
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var values: [[Double]]
    public var marked: PlanePoint?
    public var bands: Int
    public var width: Double
    public var plotHeight: Double

    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, values: [[Double]],
        marked: PlanePoint? = nil, bands: Int = 12, width: Double = 360, plotHeight: Double = 260
    ) {
        precondition(!values.isEmpty && !values[0].isEmpty && values.allSatisfy { $0.count == values[0].count }, "a field needs a full grid")
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.xRange = xRange
        self.yRange = yRange
        self.values = values
        self.marked = marked
        self.bands = bands
        self.width = width
        self.plotHeight = plotHeight
    }

    /// Dark purple (low) through blue and green to yellow (high): viridis at five stops.
    static let colorMap = ColorMap(stops: [
        RGBColor(red: 0x44, green: 0x01, blue: 0x54), RGBColor(red: 0x3B, green: 0x52, blue: 0x8B),
        RGBColor(red: 0x21, green: 0x91, blue: 0x8C), RGBColor(red: 0x5E, green: 0xC9, blue: 0x62),
        RGBColor(red: 0xFD, green: 0xE7, blue: 0x25),
    ])

    /// The band of `value` in 0..<bands between log lo and log hi; nil when it cannot be placed.
    static func band(of value: Double, low: Double, high: Double, bands: Int) -> Int? {
        guard value.isFinite, value > 0, low > 0 else { return nil }
        guard high > low else { return 0 }
        let t = (log(value) - log(low)) / (log(high) - log(low))
        return min(max(Int((t * Double(bands)).rounded(.down)), 0), bands - 1)
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let positive = values.flatMap { $0 }.filter { $0.isFinite && $0 > 0 }
        let low = positive.min() ?? 1, high = positive.max() ?? 1
        let yTicks = Ticks.linear(from: yRange.lowerBound, to: yRange.upperBound, maximumCount: 5)
        let xTicks = Ticks.linear(from: xRange.lowerBound, to: xRange.upperBound, maximumCount: 5)
        let frame = PlotFrame(chartWidth: width, plotHeight: plotHeight, xTicks: Ticks(values: xTicks.values, labels: xTicks.labels, domain: xRange),
                              yTicks: Ticks(values: yTicks.values, labels: yTicks.labels, domain: yRange), yLogarithmic: false)
        let keyTop = frame.bottom + PlotFrame.bottomMargin + 2
        var document = SVGDocument(width: width, height: keyTop + 34, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        let rows = values.count, columns = values[0].count
        let cellWidth = frame.width / Double(columns), cellHeight = frame.height / Double(rows)
        var cells: [SVGElement] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                let fill = Self.band(of: value, low: low, high: high, bands: bands)
                    .map { Self.colorMap.color(at: (Double($0) + 0.5) / Double(bands)) } ?? RGBColor(red: 0xBB, green: 0xBB, blue: 0xBB)
                cells.append(.rect(x: frame.left + Double(column) * cellWidth, y: frame.bottom - Double(row + 1) * cellHeight,
                                   width: cellWidth + 0.3, height: cellHeight + 0.3, fill: fill.hex))
            }
        }
        document.add(SVGElement.group(cells, className: "cells", attributes: [("shape-rendering", "crispEdges")]))
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        if let marked, let x = frame.x.pixel(marked.x), let y = frame.y.pixel(marked.y) {
            let plus = SVGPathData().move(to: (x - 7, y)).line(to: (x + 7, y)).move(to: (x, y - 7)).line(to: (x, y + 7))
            document.add(.group([.path(plus, stroke: "#ffffff", strokeWidth: 4), .path(plus, stroke: "#000000", strokeWidth: 1.8)], className: "marked"))
        }
        let key = (0..<bands).map { band in
            SVGElement.rect(x: frame.left + Double(band) * 12, y: keyTop, width: 12, height: 10,
                            fill: Self.colorMap.color(at: (Double(band) + 0.5) / Double(bands)).hex)
        }
        document.add(.group(key, className: "key"))
        document.add(.text("\(formatSignificant(low)) to \(formatSignificant(high)), \(bands) bands of equal ratio",
                           x: frame.left, y: keyTop + 26, size: PlotFrame.tickSize, fill: "#333333"))
        return document.markup
    }
}
