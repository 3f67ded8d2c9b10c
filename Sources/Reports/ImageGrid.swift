/// One picture of an image grid with a short note under it (e.g. how many weights are exactly 0).
public struct GridImage: Equatable, Sendable {
    public var picture: PNGImage
    public var note: String?

    public init(picture: PNGImage, note: String? = nil) {
        self.picture = picture
        self.note = note
    }
}

/// The pictures of one row of an image grid at one epoch.
public struct ImageRowFrame: Equatable, Sendable {
    public var epoch: Int
    public var images: [GridImage]

    public init(epoch: Int, images: [GridImage]) {
        self.epoch = epoch
        self.images = images
    }
}

/// A row of an image grid: a label and its pictures, one frame when they do not change over
/// training (a class's mean image), several when they do (the templates, the last frame last).
public struct ImageRow: Equatable, Sendable {
    public var label: String
    public var frames: [ImageRowFrame]

    public init(label: String, frames: [ImageRowFrame]) {
        self.label = label
        self.frames = frames
    }
}

/// Pictures in a grid, one column per class (its name on top) and one row per kind of picture
/// (mean image, template), each drawn as a PNG `<image>` scaled up with crisp pixels. A row with
/// several frames holds a `<g class="frames">` of `<g class="frame" data-epoch="e">`, the last
/// shown and the others `display="none"` until the page's epoch slider shows them. A line of text
/// under the grid says how to read the colours.
/// - Complexity: O(rows · frames · columns) elements (the pixels are inside the PNGs).
public struct ImageGrid: Equatable, Sendable {
    public var title: String
    public var columnNames: [String]
    public var rows: [ImageRow]
    /// The side of a picture on the page, in pixels.
    public var imageSize: Double
    /// How to read the colours, under the grid.
    public var colorKey: String

    public init(title: String, columnNames: [String], rows: [ImageRow], imageSize: Double = 64, colorKey: String) {
        self.title = title
        self.columnNames = columnNames
        self.rows = rows
        self.imageSize = imageSize
        self.colorKey = colorKey
    }

    private static let labelSize = 12.0
    private static let noteSize = 10.5
    private static let gap = 8.0
    private static let top = 34.0

    /// The chart as an `<svg>` element.
    public var svg: String {
        let left = 8 + (rows.map { estimatedTextWidth($0.label, size: Self.labelSize) }.max() ?? 0) + 10
        let cell = max(imageSize, columnNames.map { estimatedTextWidth($0, size: Self.labelSize) }.max() ?? 0,
                       estimatedTextWidth("00 of 000 = 0", size: Self.noteSize)) + Self.gap
        let rowHeight = imageSize + 18 + Self.gap
        let gridTop = Self.top + 18
        let width = max(left + cell * Double(columnNames.count) + 8, estimatedTextWidth(title, size: PlotFrame.chartTitleSize) + 24,
                        estimatedTextWidth(colorKey, size: Self.noteSize) + 16)
        let height = gridTop + rowHeight * Double(rows.count) + 22
        var document = SVGDocument(width: width, height: height, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        let names = columnNames.enumerated().map { column, name in
            SVGElement.text(fitted(name, size: Self.labelSize, width: cell - 4), x: left + (Double(column) + 0.5) * cell, y: gridTop - 6,
                            anchor: .middle, size: Self.labelSize, bold: true)
        }
        document.add(.group(names, className: "column-names"))
        for (rowIndex, row) in rows.enumerated() {
            let y = gridTop + Double(rowIndex) * rowHeight
            document.add(.text(row.label, x: left - 10, y: y + imageSize / 2, anchor: .end, size: Self.labelSize, verticalShift: 0.35))
            let frames = row.frames.enumerated().map { index, frame in
                SVGElement.group(images(frame.images, left: left, top: y, cell: cell), className: "frame",
                                 attributes: [("data-epoch", String(frame.epoch)), ("display", index == row.frames.count - 1 ? nil : "none")])
            }
            document.add(row.frames.count > 1 ? .group(frames, className: "frames") : .group(frames.flatMap(\.children), className: "row"))
        }
        document.add(.text(colorKey, x: 8, y: height - 8, size: Self.noteSize, fill: "#444444"))
        return document.markup
    }

    /// The pictures of one row at one epoch, each framed, with its note under it.
    private func images(_ images: [GridImage], left: Double, top: Double, cell: Double) -> [SVGElement] {
        images.enumerated().flatMap { column, image -> [SVGElement] in
            let x = left + Double(column) * cell + (cell - imageSize) / 2
            var elements: [SVGElement] = [
                SVGElement("image", [
                    ("x", svgNumber(x)), ("y", svgNumber(top)), ("width", svgNumber(imageSize)), ("height", svgNumber(imageSize)),
                    ("href", image.picture.dataURI), ("preserveAspectRatio", "none"), ("image-rendering", "optimizeSpeed"),
                    ("style", "image-rendering: pixelated"),
                ]),
                .rect(x: x, y: top, width: imageSize, height: imageSize, stroke: "#888888", strokeWidth: 0.5),
            ]
            if let note = image.note {
                elements.append(.text(note, x: x + imageSize / 2, y: top + imageSize + 13, anchor: .middle, size: Self.noteSize, fill: "#444444"))
            }
            return elements
        }
    }
}
