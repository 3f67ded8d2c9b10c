/// One named curve of a line chart: y against x, with gaps where y is nil, NaN or ±∞ (or ≤ 0 on
/// a log axis). A gap splits the curve into separate polylines; an isolated point is a dot.
public struct LineSeries: Equatable, Sendable {
    /// The legend label, e.g. the run's name.
    public var name: String
    /// The x values (e.g. epochs).
    public var x: [Double]
    /// One y value per x; nil is a gap.
    public var y: [Double?]
    /// The palette index (`Palette.color`): the run's index, so the run has one colour in every chart.
    public var colorIndex: Int
    /// Dashed instead of solid, e.g. validation beside a solid training curve of the same run.
    public var dashed: Bool

    public init(name: String, x: [Double], y: [Double?], colorIndex: Int, dashed: Bool = false) {
        precondition(x.count == y.count, "a series needs one y per x")
        self.name = name
        self.x = x
        self.y = y
        self.colorIndex = colorIndex
        self.dashed = dashed
    }
}

/// A vertical reference line at x with a short label at its top, e.g. the margin "Δ = 1".
public struct VerticalMarker: Equatable, Sendable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// Curves of several named series on shared axes, with a legend naming every series: loss curves
/// (epoch vs loss, log y when the losses span decades), accuracy curves, loss shapes.
///
/// Each series is a `<g class="series">` whose tooltip is its name, holding one polyline per run
/// of consecutive drawable points, inside a nested `<svg>` that clips them to the plot; the
/// legend below the plot has one entry per series.
/// - Complexity: O(total number of points).
public struct LineChart: Equatable, Sendable {
    public var title: String
    public var xAxis: AxisTitle
    public var yAxis: AxisTitle
    public var series: [LineSeries]
    public var yScale: YScale
    /// A fixed y axis (e.g. 0…1 for accuracies, 0…4 for loss shapes whose squared hinge grows
    /// fast): curves leaving it are clipped at the plot's edge. Ignored on a log axis.
    public var yRange: ClosedRange<Double>?
    /// Vertical reference lines, e.g. the SVM margin Δ on a loss-shape chart.
    public var verticalMarkers: [VerticalMarker]
    /// Whether x ticks are whole numbers (epochs).
    public var integerX: Bool
    public var width: Double
    public var plotHeight: Double

    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle, series: [LineSeries], yScale: YScale = .linear,
        yRange: ClosedRange<Double>? = nil, verticalMarkers: [VerticalMarker] = [], integerX: Bool = false,
        width: Double = 560, plotHeight: Double = 260
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.yScale = yScale
        self.yRange = yRange
        self.verticalMarkers = verticalMarkers
        self.integerX = integerX
        self.width = width
        self.plotHeight = plotHeight
    }

    /// Whether the y axis is logarithmic after resolving `.automatic` against the data.
    public var usesLogarithmicY: Bool {
        switch yScale {
        case .linear: false
        case .logarithmic: true
        case .automatic: Ticks.prefersLogarithmic(allY)
        }
    }

    private var allY: [Double] { series.flatMap { $0.y.compactMap { $0 } } }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let logarithmic = usesLogarithmicY
        let yTicks: Ticks
        if logarithmic {
            yTicks = .logarithmic(covering: allY)
        } else if let yRange {
            yTicks = .linear(from: yRange.lowerBound, to: yRange.upperBound)
        } else {
            yTicks = .linear(covering: allY)
        }
        let xValues = series.flatMap(\.x) + verticalMarkers.map(\.x)
        let xTicks = PlotFrame.xTicks(fitting: PlotFrame.plotWidth(chartWidth: width, yTicks: yTicks)) {
            Ticks.linear(covering: xValues, maximumCount: $0, integerStep: integerX)
        }
        let frame = PlotFrame(chartWidth: width, plotHeight: plotHeight, xTicks: xTicks, yTicks: yTicks, yLogarithmic: logarithmic)
        let legend = Legend.layout(series.map { ($0.name, .line(color: Palette.color($0.colorIndex).hex, dash: dash(of: $0))) },
                                   left: frame.left, top: frame.bottom + PlotFrame.bottomMargin + 4, width: frame.width)
        var document = SVGDocument(width: width, height: frame.bottom + PlotFrame.bottomMargin + 4 + legend.height + 6, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        document.add(frame.clipped([markers(in: frame), .group(series.map { curve($0, in: frame) }, className: "plot")]))
        document.add(legend.element)
        return document.markup
    }

    private func dash(of series: LineSeries) -> String? {
        series.dashed ? "6 4" : Palette.dash(for: series.colorIndex)
    }

    /// The drawable runs of a series, each a polyline (or a dot when it is a single point).
    private func curve(_ series: LineSeries, in frame: PlotFrame) -> SVGElement {
        let color = Palette.color(series.colorIndex).hex
        var pieces: [SVGElement] = []
        var run: [(x: Double, y: Double)] = []
        func flush() {
            if run.count == 1 {
                pieces.append(.circle(centerX: run[0].x, centerY: run[0].y, radius: 2.5, fill: color))
            } else if run.count > 1 {
                pieces.append(.polyline(points: run, stroke: color, dash: dash(of: series)))
            }
            run = []
        }
        for (x, y) in zip(series.x, series.y) {
            guard let y, let px = frame.x.pixel(x), let py = frame.y.pixel(y) else {
                flush()
                continue
            }
            run.append((px, py))
        }
        flush()
        return SVGElement.group(pieces, className: "series").withTooltip(series.name)
    }

    /// Dashed vertical lines with their labels just inside the plot's top edge.
    private func markers(in frame: PlotFrame) -> SVGElement {
        let elements = verticalMarkers.flatMap { marker -> [SVGElement] in
            guard let x = frame.x.pixel(marker.x) else { return [] }
            return [
                .line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: "#444444", strokeWidth: 1.2, dash: "4 3"),
                .text(marker.label, x: x + 4, y: frame.top + 14, size: PlotFrame.tickSize, fill: "#222222"),
            ]
        }
        return .group(elements, className: "markers")
    }
}
