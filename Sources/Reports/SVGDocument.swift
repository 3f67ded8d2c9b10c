/// A standalone `<svg>` element to inline in HTML: a size in CSS pixels, a view box (the user
/// coordinate system, by default 0 0 width height), an accessible title and the drawing.
///
/// `markup` is deterministic: the same elements give the same bytes. No `id` attributes are
/// written, so any number of documents can share one HTML page without clashes.
public struct SVGDocument: Equatable, Sendable {
    /// The rendered width in CSS pixels.
    public var width: Double
    /// The rendered height in CSS pixels.
    public var height: Double
    /// The user coordinate box (minimum x, minimum y, width, height).
    public var viewBox: (x: Double, y: Double, width: Double, height: Double)
    /// The accessible name (first `<title>` child), e.g. the chart's title.
    public var title: String?
    /// The drawing, painted in order (later elements on top).
    public var elements: [SVGElement] = []

    /// An empty drawing of width × height pixels whose view box is 0 0 width height.
    public init(width: Double, height: Double, title: String? = nil) {
        self.width = width
        self.height = height
        self.viewBox = (0, 0, width, height)
        self.title = title
    }

    /// Paints `element` on top of what is drawn so far.
    public mutating func add(_ element: SVGElement) {
        elements.append(element)
    }

    /// Paints `elements` in order on top of what is drawn so far.
    public mutating func add(contentsOf elements: [SVGElement]) {
        self.elements += elements
    }

    /// The `<svg>` element with its namespace, size, view box, a readable font stack and the drawing.
    /// - Complexity: O(size of the drawing).
    public var markup: String {
        let box = [viewBox.x, viewBox.y, viewBox.width, viewBox.height].map(svgNumber).joined(separator: " ")
        let root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", svgNumber(width)), ("height", svgNumber(height)), ("viewBox", box),
            ("role", "img"),
            ("font-family", "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"),
        ], children: (title.map { [SVGElement.title($0)] } ?? []) + elements)
        return root.markup
    }

    public static func == (left: SVGDocument, right: SVGDocument) -> Bool {
        left.markup == right.markup
    }
}
