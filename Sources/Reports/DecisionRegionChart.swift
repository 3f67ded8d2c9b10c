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

/// The decision regions of one epoch: the chart's title then, each class's region as a polygon
/// in the chart's units (`DecisionRegions.polygons`), and the class predicted for each point.
public struct RegionFrame: Equatable, Sendable {
    public var epoch: Int
    public var title: String
    public var regions: [[PlanePoint]]
    /// One prediction per point of the chart: which points are ringed as misclassified.
    public var predicted: [Int]

    public init(epoch: Int, title: String, regions: [[PlanePoint]], predicted: [Int]) {
        self.epoch = epoch
        self.title = title
        self.regions = regions
        self.predicted = predicted
    }
}

/// The decision regions of a 2-D classifier with the data on top: each class's region a polygon
/// in a light tint of the class colour, each point a dot in its true class's colour, each
/// misclassified point circled in black, centroids as black-edged diamonds; axes in raw units.
///
/// With several frames (epochs of training), each is a `<g class="frame" data-epoch="e">` inside
/// a `<g class="frames">` (one group for the regions under the points, one for the title and
/// rings over them): the last frame is shown and the others carry `display="none"` until the
/// page's epoch slider shows them. Regions are `<path>`s in `<g class="regions">`, points
/// `<g class="points">` of `circle`s, rings `<g class="misclassified">`. Points outside the
/// plotted rectangle are not drawn (choose it to cover the data). Without frames the chart is a
/// scatter plot of the points and centroids on a white plane.
/// - Complexity: O(frames · (K² + points)).
public struct DecisionRegionChart: Equatable, Sendable {
    public var xAxis: AxisTitle
    public var yAxis: AxisTitle
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// The points with their true class and the final frame's prediction.
    public var points: [ClassifiedPoint]
    /// The epochs to draw, the final one last; the chart's title is the last frame's.
    public var frames: [RegionFrame]
    /// The legend's class names; class k is drawn in `Palette.color(k)`.
    public var classNames: [String]
    public var centroids: [Centroid]
    public var width: Double
    public var plotHeight: Double

    public init(
        xAxis: AxisTitle, yAxis: AxisTitle, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        points: [ClassifiedPoint], frames: [RegionFrame], classNames: [String], centroids: [Centroid] = [],
        width: Double = 440, plotHeight: Double = 340
    ) {
        precondition(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound, "a chart covers a non-empty rectangle")
        precondition(frames.allSatisfy { $0.predicted.count == points.count }, "a frame predicts every point")
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.xRange = xRange
        self.yRange = yRange
        self.points = points
        self.frames = frames
        self.classNames = classNames
        self.centroids = centroids
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The title of the final frame (the chart's accessible name).
    public var title: String { frames.last?.title ?? "decision regions" }

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
        if frames.contains(where: { $0.regions.contains { !$0.isEmpty } }) {
            document.add(framesGroup { [Self.regions($0.regions, in: frame)] })
        }
        document.add(frame.axes(xTitle: xAxis, yTitle: yAxis))
        document.add(dataPoints(in: frame))
        document.add(framesGroup { [PlotFrame.chartTitle($0.title, chartWidth: width), rings(predicted: $0.predicted, in: frame)] })
        document.add(centroidMarkers(in: frame))
        document.add(legend.element)
        return document.markup
    }

    /// One `frame` group per frame holding `content(frame)`, all but the last hidden.
    private func framesGroup(_ content: (RegionFrame) -> [SVGElement]) -> SVGElement {
        let groups = frames.enumerated().map { index, regionFrame in
            SVGElement.group(content(regionFrame), className: "frame",
                             attributes: [("data-epoch", String(regionFrame.epoch)), ("display", index == frames.count - 1 ? nil : "none")])
        }
        return .group(groups, className: "frames")
    }

    private var legendEntries: [(label: String, swatch: LegendSwatch)] {
        var entries: [(label: String, swatch: LegendSwatch)] = classNames.enumerated().map { index, name in
            (name, .square(fill: Palette.tint(index).hex, stroke: Palette.color(index).hex))
        }
        if frames.contains(where: { zip($0.predicted, points).contains { $0 != $1.label } }) {
            entries.append(("misclassified", .marker { x, y in Self.ring(x: x, y: y) }))
        }
        if !centroids.isEmpty {
            entries.append(("class centroid", .marker { x, y in Self.diamond(x: x, y: y, color: "#ffffff") }))
        }
        return entries
    }

    /// Each class's polygon, filled with its tint.
    private static func regions(_ polygons: [[PlanePoint]], in frame: PlotFrame) -> SVGElement {
        let paths = polygons.enumerated().compactMap { classIndex, polygon -> SVGElement? in
            let pixels = polygon.compactMap { point -> (x: Double, y: Double)? in
                guard let x = frame.x.pixel(point.x), let y = frame.y.pixel(point.y) else { return nil }
                return (x, y)
            }
            guard pixels.count >= 3 else { return nil }
            let outline = pixels.dropFirst().reduce(SVGPathData().move(to: pixels[0])) { $0.line(to: $1) }.close()
            return .path(outline, fill: Palette.tint(classIndex).hex, stroke: Palette.color(classIndex).hex, strokeWidth: 0.8)
        }
        return .group(paths, className: "regions")
    }

    /// Whether `point` lies in the plotted rectangle, and its pixel there.
    private func pixel(of point: (x: Double, y: Double), in frame: PlotFrame) -> (x: Double, y: Double)? {
        guard xRange.contains(point.x), yRange.contains(point.y),
              let x = frame.x.pixel(point.x), let y = frame.y.pixel(point.y) else { return nil }
        return (x, y)
    }

    /// The points in their true class's colour.
    private func dataPoints(in frame: PlotFrame) -> SVGElement {
        let dots = points.compactMap { point -> SVGElement? in
            guard let at = pixel(of: (point.x, point.y), in: frame) else { return nil }
            return .circle(centerX: at.x, centerY: at.y, radius: 3.2, fill: Palette.color(point.label).hex, stroke: "#ffffff", strokeWidth: 0.6)
        }
        return .group(dots, className: "points")
    }

    /// Black rings around the points whose prediction differs from their label.
    private func rings(predicted: [Int], in frame: PlotFrame) -> SVGElement {
        let rings = zip(points, predicted).compactMap { point, prediction -> SVGElement? in
            guard prediction != point.label, let at = pixel(of: (point.x, point.y), in: frame) else { return nil }
            return Self.ring(x: at.x, y: at.y)
        }
        return .group(rings, className: "misclassified")
    }

    private func centroidMarkers(in frame: PlotFrame) -> SVGElement {
        let diamonds = centroids.compactMap { centroid -> SVGElement? in
            guard let at = pixel(of: (centroid.x, centroid.y), in: frame) else { return nil }
            return Self.diamond(x: at.x, y: at.y, color: Palette.color(centroid.classIndex).hex)
        }
        return .group(diamonds, className: "centroids")
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
