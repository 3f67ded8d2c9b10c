/// One element of an SVG drawing: a name, attributes in a fixed order, child elements and an
/// optional text content. Rendering escapes every attribute value and the text with
/// `escapedForMarkup`, so user text (a run named `<svm & co>`) can be passed as it is and never
/// breaks the page; nothing is ever inserted unescaped.
///
/// Coordinates given to the constructors are written with `formatDecimal` (at most 2 decimals),
/// so the same drawing always renders to the same bytes.
public struct SVGElement: Equatable, Sendable {
    /// The tag name, e.g. `rect`.
    public var name: String
    /// Attribute names and (unescaped) values, rendered in this order.
    public var attributes: [Attribute]
    /// Child elements, rendered after the text.
    public var children: [SVGElement]
    /// The (unescaped) text content, e.g. of a `text` or `title` element.
    public var text: String?

    /// One attribute: a name and its unescaped value.
    public struct Attribute: Equatable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An element with the given parts; attributes whose value is nil are left out.
    public init(_ name: String, _ attributes: [(String, String?)] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes.compactMap { name, value in value.map { Attribute(name, $0) } }
        self.children = children
        self.text = text
    }

    /// The element as markup: `<name a="v">text<child/>…</name>`, or `<name a="v"/>` when empty.
    /// - Complexity: O(size of the tree).
    public var markup: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// Appends the markup to `output` (one buffer for the whole tree instead of nested strings).
    func write(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + attribute.value.escapedForMarkup + "\""
        }
        if text == nil && children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        if let text { output += text.escapedForMarkup }
        for child in children { child.write(into: &output) }
        output += "</" + name + ">"
    }

    /// The same element drawn at `opacity` (0…1), e.g. a translucent band.
    public func withOpacity(_ opacity: Double) -> SVGElement {
        var copy = self
        copy.attributes.append(Attribute("opacity", svgNumber(opacity)))
        return copy
    }

    /// The same element with a `<title>` first child: the tooltip a browser shows on hover and the
    /// name a screen reader reads.
    public func withTooltip(_ tooltip: String) -> SVGElement {
        var copy = self
        copy.children.insert(.title(tooltip), at: 0)
        return copy
    }
}

/// A coordinate or length as SVG text: at most 2 decimals, never "-0".
func svgNumber(_ value: Double) -> String {
    formatDecimal(value, maximumDecimals: 2)
}
