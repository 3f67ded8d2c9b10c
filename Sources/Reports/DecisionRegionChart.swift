/// A data point of the plane with its true and predicted class.
public struct ClassifiedPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    /// The true class yᵢ: the point's colour.
    public var label: Int
    /// The predicted class argmax_j s_j.
    public var predicted: Int

    public init(x: Double, y: Double, label: Int, predicted: Int) {
        self.x = x
        self.y = y
        self.label = label
        self.predicted = predicted
    }

    /// Whether the prediction differs from the label.
    public var isMisclassified: Bool { label != predicted }
}

/// A class centroid to mark on the plane, e.g. of a triplet run's embedding.
public struct Centroid: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var classIndex: Int

    public init(x: Double, y: Double, classIndex: Int) {
        self.x = x
        self.y = y
        self.classIndex = classIndex
    }
}

/// The decision regions of a 2-D classifier with the data on top: the grid of predicted classes
/// in light tints of the class colours, each point a dot in its true class's colour, each
/// misclassified point circled in black, centroids as black-edged diamonds; axes in raw units.
///
/// The regions are `<g class="regions">` of one `rect` per run of equal cells in a grid row;
/// points are `<g class="points">` of `circle`s, the rings `<g class="misclassified">`. Points
/// outside the plotted rectangle (the grid's) are not drawn (choose it to cover the data). Without
/// a grid the chart is a scatter plot of the points and centroids on a white plane.
/// - Complexity: O(grid cells + points).
public struct DecisionRegionChart: Equatable, Sendable {
    public var title: String
    public var xAxis: AxisTitle
    public var yAxis: AxisTitle
    /// The regions to colour, or nil for points and centroids alone.
    public var grid: PredictionGrid?
    /// The plotted rectangle: the grid's, when there is one.
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var points: [ClassifiedPoint]
    /// The legend's class names; class k is drawn in `Palette.color(k)`.
    public var classNames: [String]
    public var centroids: [Centroid]
    public var width: Double
    public var plotHeight: Double

    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle, grid: PredictionGrid, points: [ClassifiedPoint],
        classNames: [String], centroids: [Centroid] = [], width: Double = 440, plotHeight: Double = 340
    ) {
        self.init(title: title, xAxis: xAxis, yAxis: yAxis, xRange: grid.xRange, yRange: grid.yRange, points: points,
                  classNames: classNames, centroids: centroids, width: width, plotHeight: plotHeight)
        self.grid = grid
    }

    /// A chart without regions: the points and centroids over the rectangle `xRange` × `yRange`.
    public init(
        title: String, xAxis: AxisTitle, yAxis: AxisTitle, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        points: [ClassifiedPoint], classNames: [String], centroids: [Centroid] = [], width: Double = 440, plotHeight: Double = 340
    ) {
        precondition(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound, "a chart covers a non-empty rectangle")
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.grid = nil
        self.xRange = xRange
        self.yRange = yRange
        self.points = points
        self.classNames = classNames
        self.centroids = centroids
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let yTicks = Ticks.linear(from: yRange.lowerBound, to: yRange.upperBound)
        let xTicks = PlotFrame.xTicks(fitting: PlotFrame.plotWidth(chartWidth: width, yTicks: yTicks)) {
            Ticks.linear(from: xRange.lowerBound, to: xRange.upperBound, maximumCount: $0)
        }
        let frame = PlotFrame(chartWidth: width, plotHeight: plotHeight,
                              xTicks: Ticks(values: xTicks.values, labels: xTicks.labels, domain: xRange),
                              yTicks: Ticks(values: yTicks.values, labels: yTicks.labels, domain: yRange),
                              yLogarithmic: false)
        let legendTop = frame.bottom + PlotFrame.bottomMargin + 4
        let legend = Legend.layout(legendEntries, left: frame.left, top: legendTop, width: frame.width)
        var document = SVGDocument(width: width, height: legendTop + legend.height + 6, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        if let grid { document.add(Self.regions(of: grid, in: frame)) }
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        document.add(dataPoints(in: frame))
        document.add(legend.element)
        return document.markup
    }

    private var legendEntries: [(label: String, swatch: LegendSwatch)] {
        var entries: [(label: String, swatch: LegendSwatch)] = classNames.enumerated().map { index, name in
            (name, .square(fill: Palette.tint(index).hex, stroke: Palette.color(index).hex))
        }
        if points.contains(where: \.isMisclassified) {
            entries.append(("misclassified", .marker { x, y in Self.ring(x: x, y: y) }))
        }
        if !centroids.isEmpty {
            entries.append(("class centroid", .marker { x, y in Self.diamond(x: x, y: y, color: "#ffffff") }))
        }
        return entries
    }

    /// One rectangle per run of equal predicted classes in each grid row.
    private static func regions(of grid: PredictionGrid, in frame: PlotFrame) -> SVGElement {
        let cellWidth = frame.width / Double(grid.columnCount)
        let cellHeight = frame.height / Double(grid.rowCount)
        var rectangles: [SVGElement] = []
        for row in 0..<grid.rowCount {
            let top = frame.bottom - Double(row + 1) * cellHeight
            for run in grid.runs(inRow: row) {
                rectangles.append(.rect(x: frame.left + Double(run.start) * cellWidth, y: top,
                                        width: Double(run.length) * cellWidth, height: cellHeight,
                                        fill: Palette.tint(run.classIndex).hex))
            }
        }
        return .group(rectangles, className: "regions", attributes: [("shape-rendering", "crispEdges")])
    }

    /// The points (true-class colour), rings around the misclassified ones, then centroids on top.
    private func dataPoints(in frame: PlotFrame) -> SVGElement {
        var dots: [SVGElement] = []
        var rings: [SVGElement] = []
        for point in points {
            guard xRange.contains(point.x), yRange.contains(point.y),
                  let x = frame.x.pixel(point.x), let y = frame.y.pixel(point.y) else { continue }
            dots.append(.circle(centerX: x, centerY: y, radius: 3.2, fill: Palette.color(point.label).hex, stroke: "#ffffff", strokeWidth: 0.6))
            if point.isMisclassified { rings.append(Self.ring(x: x, y: y)) }
        }
        let diamonds = centroids.compactMap { centroid -> SVGElement? in
            guard xRange.contains(centroid.x), yRange.contains(centroid.y),
                  let x = frame.x.pixel(centroid.x), let y = frame.y.pixel(centroid.y) else { return nil }
            return Self.diamond(x: x, y: y, color: Palette.color(centroid.classIndex).hex)
        }
        return .group([.group(dots, className: "points"), .group(rings, className: "misclassified"),
                       .group(diamonds, className: "centroids")], className: "data")
    }

    static func ring(x: Double, y: Double) -> SVGElement {
        .circle(centerX: x, centerY: y, radius: 6, stroke: "#000000", strokeWidth: 1.5)
    }

    static func diamond(x: Double, y: Double, color: String) -> SVGElement {
        let r = 7.0
        let outline = SVGPathData().move(to: (x, y - r)).line(to: (x + r, y)).line(to: (x, y + r)).line(to: (x - r, y)).close()
        return .path(outline, fill: color, stroke: "#000000", strokeWidth: 1.5)
    }
}
