/// One distribution of a histogram chart: the values (e.g. the margins of every training example
/// at one epoch), drawn as a step outline in a run's colour, lighter for `lightness` → 1.
public struct HistogramSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]
    public var colorIndex: Int
    /// 0 for the run's full colour, towards 1 for paler (earlier epochs).
    public var lightness: Double
    /// Whether the area under the outline is tinted (the final distribution).
    public var filled: Bool

    public init(name: String, values: [Double], colorIndex: Int, lightness: Double = 0, filled: Bool = false) {
        self.name = name
        self.values = values
        self.colorIndex = colorIndex
        self.lightness = lightness
        self.filled = filled
    }
}

/// Distributions of values on shared bins: each series' fraction of values per bin as a step
/// outline, over equal bins of `range` (values outside it count in the first or last bin, so the
/// fractions of a series sum to 1), with vertical reference lines (e.g. Δ).
///
///     fraction in bin b = #{v : v in [lo + b·w, lo + (b + 1)·w)} / n,   w = (hi − lo)/bins
///
/// Each series is a `<g class="series">` holding its `path`, tooltip its name; the legend lists
/// the series. Give charts that compare the same `range` and `yMaximum` to share their axes.
/// - Complexity: O(total number of values + bins · series).
public struct Histogram: Equatable, Sendable {
    public var title: String
    public var xAxis: AxisTitle
    public var yAxis: AxisTitle
    public var range: ClosedRange<Double>
    public var binCount: Int
    public var series: [HistogramSeries]
    /// The top of the y axis (a fraction); nil for the tallest bin of this chart.
    public var yMaximum: Double?
    public var verticalMarkers: [VerticalMarker]
    public var width: Double
    public var plotHeight: Double

    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle = "fraction of examples", range: ClosedRange<Double>, binCount: Int = 30,
        series: [HistogramSeries], yMaximum: Double? = nil, verticalMarkers: [VerticalMarker] = [], width: Double = 440,
        plotHeight: Double = 220
    ) {
        precondition(binCount > 0 && range.upperBound > range.lowerBound, "a histogram needs bins over a non-empty range")
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.range = range
        self.binCount = binCount
        self.series = series
        self.yMaximum = yMaximum
        self.verticalMarkers = verticalMarkers
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The fraction of `values` in each of `binCount` equal bins of `range`, the outside ones in
    /// the edge bins; NaN values are left out.
    public static func fractions(of values: [Double], range: ClosedRange<Double>, binCount: Int) -> [Double] {
        var counts = Array(repeating: 0, count: binCount)
        let finite = values.filter { !$0.isNaN }
        let binWidth = (range.upperBound - range.lowerBound) / Double(binCount)
        for value in finite {
            let position = ((value - range.lowerBound) / binWidth).rounded(.down)
            counts[Int(min(max(position, 0), Double(binCount - 1)))] += 1
        }
        return counts.map { finite.isEmpty ? 0 : Double($0) / Double(finite.count) }
    }

    /// The tallest bin of `series` over `range`: a shared `yMaximum` for charts side by side.
    public static func tallestBin(of series: [HistogramSeries], range: ClosedRange<Double>, binCount: Int) -> Double {
        series.map { fractions(of: $0.values, range: range, binCount: binCount).max() ?? 0 }.max() ?? 0
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let top = yMaximum ?? Self.tallestBin(of: series, range: range, binCount: binCount)
        let yTicks = Ticks.linear(from: 0, to: max(top, 0.01), maximumCount: 5)
        let xTicks = PlotFrame.xTicks(fitting: PlotFrame.plotWidth(chartWidth: width, yTicks: yTicks)) {
            Ticks.linear(from: range.lowerBound, to: range.upperBound, maximumCount: $0)
        }
        let frame = PlotFrame(chartWidth: width, plotHeight: plotHeight,
                              xTicks: Ticks(values: xTicks.values, labels: xTicks.labels, domain: range),
                              yTicks: yTicks, yLogarithmic: false)
        let legend = Legend.layout(series.map { ($0.name, .line(color: color(of: $0).hex, dash: nil)) },
                                   left: frame.left, top: frame.bottom + PlotFrame.bottomMargin + 4, width: frame.width)
        var document = SVGDocument(width: width, height: frame.bottom + PlotFrame.bottomMargin + 4 + legend.height + 6, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        let markers = verticalMarkers.flatMap { marker -> [SVGElement] in
            guard let x = frame.x.pixel(marker.x), range.contains(marker.x) else { return [] }
            return [.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: "#222222", strokeWidth: 1.5, dash: "5 3"),
                    .text(marker.label, x: x + 4, y: frame.top + 14, size: PlotFrame.tickSize, fill: "#222222", bold: true)]
        }
        document.add(frame.clipped([.group(series.map { outline(of: $0, in: frame) }, className: "plot"), .group(markers, className: "markers")]))
        document.add(legend.element)
        return document.markup
    }

    private func color(of series: HistogramSeries) -> RGBColor {
        Palette.color(series.colorIndex).mixed(with: .white, fraction: series.lightness)
    }

    /// The series' bins as one step path along the bin tops, from the baseline to the baseline.
    private func outline(of series: HistogramSeries, in frame: PlotFrame) -> SVGElement {
        let fractions = Self.fractions(of: series.values, range: range, binCount: binCount)
        let binWidth = (range.upperBound - range.lowerBound) / Double(binCount)
        let baseline = frame.bottom
        var path = SVGPathData().move(to: (frame.left, baseline))
        for (bin, fraction) in fractions.enumerated() {
            let left = frame.x.pixel(range.lowerBound + Double(bin) * binWidth) ?? frame.left
            let right = frame.x.pixel(range.lowerBound + Double(bin + 1) * binWidth) ?? frame.right
            let height = frame.y.pixel(fraction) ?? baseline
            path = path.line(to: (left, height)).line(to: (right, height))
        }
        path = path.line(to: (frame.right, baseline))
        let color = color(of: series).hex
        var pieces: [SVGElement] = []
        if series.filled { pieces.append(SVGElement.path(path.close(), fill: color).withOpacity(0.2)) }
        pieces.append(.path(path, stroke: color, strokeWidth: series.filled ? 2.2 : 1.6))
        return SVGElement.group(pieces, className: "series").withTooltip(series.name)
    }
}
