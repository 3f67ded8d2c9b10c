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
    /// A shaded band around the curve (e.g. the 10th to 90th percentile of the margins): one
    /// (lower, upper) pair per x, nil for none.
    public var band: [ClosedRange<Double>?]?

    public init(name: String, x: [Double], y: [Double?], colorIndex: Int, dashed: Bool = false, band: [ClosedRange<Double>?]? = nil) {
        precondition(x.count == y.count && (band == nil || band?.count == x.count), "a series needs one y (and band) per x")
        self.name = name
        self.x = x
        self.y = y
        self.colorIndex = colorIndex
        self.dashed = dashed
        self.band = band
    }
}

/// A marked point with a short label, e.g. "✕ diverged at epoch 12" where a run blew up. A point
/// above the plot is drawn on its top edge, so a run that left the chart is still marked.
public struct PointMarker: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var label: String
    public var colorIndex: Int

    public init(x: Double, y: Double, label: String, colorIndex: Int) {
        self.x = x
        self.y = y
        self.label = label
        self.colorIndex = colorIndex
    }
}

/// A vertical reference line at x with a short label at its top, e.g. the margin "Δ = 1", in a
/// run's colour or dark grey.
public struct VerticalMarker: Equatable, Sendable {
    public var x: Double
    public var label: String
    public var colorIndex: Int?

    public init(x: Double, label: String, colorIndex: Int? = nil) {
        self.x = x
        self.label = label
        self.colorIndex = colorIndex
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
    /// fast): curves leaving it are clipped at the plot's edge. On a log axis only its upper
    /// bound counts: values above it leave the top of the plot.
    public var yRange: ClosedRange<Double>?
    /// Vertical reference lines, e.g. the SVM margin Δ on a loss-shape chart.
    public var verticalMarkers: [VerticalMarker]
    /// Marked points, e.g. where a run diverged.
    public var pointMarkers: [PointMarker]
    /// Whether the chart draws its own legend (off when a section shows one legend for all).
    public var showsLegend: Bool
    /// Whether x ticks are whole numbers (epochs).
    public var integerX: Bool
    public var width: Double
    public var plotHeight: Double

    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle, series: [LineSeries], yScale: YScale = .linear,
        yRange: ClosedRange<Double>? = nil, verticalMarkers: [VerticalMarker] = [], pointMarkers: [PointMarker] = [],
        showsLegend: Bool = true, integerX: Bool = false, width: Double = 560, plotHeight: Double = 260
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.yScale = yScale
        self.yRange = yRange
        self.verticalMarkers = verticalMarkers
        self.pointMarkers = pointMarkers
        self.showsLegend = showsLegend
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

    /// Every y the axis must cover: the curves, their bands, and the markers.
    private var allY: [Double] {
        series.flatMap { $0.y.compactMap { $0 } + ($0.band ?? []).flatMap { $0.map { [$0.lowerBound, $0.upperBound] } ?? [] } }
            + pointMarkers.map(\.y)
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let logarithmic = usesLogarithmicY
        let yTicks: Ticks
        if logarithmic {
            yTicks = .logarithmic(covering: allY.filter { $0 <= (yRange?.upperBound ?? .infinity) })
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
        let legendEntries = showsLegend ? series.map { ($0.name, LegendSwatch.line(color: Palette.color($0.colorIndex).hex, dash: dash(of: $0))) } : []
        let legend = Legend.layout(legendEntries, left: frame.left, top: frame.bottom + PlotFrame.bottomMargin + 4, width: frame.width)
        var document = SVGDocument(width: width, height: frame.bottom + PlotFrame.bottomMargin + 4 + legend.height + 6, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        document.add(frame.clipped([.group(series.compactMap { band(of: $0, in: frame) }, className: "bands"), markers(in: frame),
                                    .group(series.map { curve($0, in: frame) }, className: "plot")]))
        document.add(points(in: frame))
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

    /// The series' band as one translucent polygon per run of x with a finite band.
    private func band(of series: LineSeries, in frame: PlotFrame) -> SVGElement? {
        guard let band = series.band else { return nil }
        var pieces: [SVGElement] = []
        var lower: [(x: Double, y: Double)] = [], upper: [(x: Double, y: Double)] = []
        func flush() {
            if lower.count > 1 {
                let outline = (lower + upper.reversed()).dropFirst().reduce(SVGPathData().move(to: lower[0])) { $0.line(to: $1) }.close()
                pieces.append(SVGElement.path(outline, fill: Palette.color(series.colorIndex).hex).withOpacity(0.16))
            }
            lower = []
            upper = []
        }
        for (x, range) in zip(series.x, band) {
            guard let range, let px = frame.x.pixel(x), let low = frame.y.pixel(range.lowerBound), let high = frame.y.pixel(range.upperBound) else {
                flush()
                continue
            }
            lower.append((px, low))
            upper.append((px, high))
        }
        flush()
        return .group(pieces, className: "band")
    }

    /// Each point marker: a ✕ in the run's colour (on the top edge when it lies above the plot),
    /// and its label in a row of its own at the plot's top left, on a white halo so that it
    /// reads over the curves.
    private func points(in frame: PlotFrame) -> SVGElement {
        let elements = pointMarkers.enumerated().flatMap { index, marker -> [SVGElement] in
            guard let x = frame.x.pixel(marker.x) else { return [] }
            let y = min(max(frame.y.pixel(marker.y) ?? frame.top, frame.top), frame.bottom)
            let color = Palette.color(marker.colorIndex).hex, r = 5.0
            let cross = SVGPathData().move(to: (x - r, y - r)).line(to: (x + r, y + r)).move(to: (x - r, y + r)).line(to: (x + r, y - r))
            var label = SVGElement.text("✕ " + fitted(marker.label, size: PlotFrame.tickSize, width: frame.width - 24), x: frame.left + 6,
                                        y: frame.top + 16 + Double(index) * 15, size: PlotFrame.tickSize, fill: color, bold: true)
            label.attributes += [.init("stroke", "#ffffff"), .init("stroke-width", "3"), .init("paint-order", "stroke")]
            return [.path(cross, stroke: color, strokeWidth: 2.5), label]
        }
        return .group(elements, className: "point-markers")
    }

    /// Dashed vertical lines with their labels just inside the plot's top edge, one label row per
    /// marker so that close lines (Δ = 0.1 and Δ = 1) keep readable labels.
    private func markers(in frame: PlotFrame) -> SVGElement {
        let elements = verticalMarkers.enumerated().flatMap { index, marker -> [SVGElement] in
            guard let x = frame.x.pixel(marker.x) else { return [] }
            let color = marker.colorIndex.map { Palette.color($0).hex } ?? "#444444"
            let leftHalf = x < frame.left + frame.width * 0.7
            return [
                .line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: color, strokeWidth: 1.5, dash: "4 3"),
                .text(marker.label, x: leftHalf ? x + 4 : x - 4, y: frame.top + 14 + Double(index) * 14, anchor: leftHalf ? .start : .end,
                      size: PlotFrame.tickSize, fill: "#222222"),
            ]
        }
        return .group(elements, className: "markers")
    }
}
