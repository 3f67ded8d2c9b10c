import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// An element of parsed markup: name, attributes, concatenated text and children.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLNode] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all its descendants, depth first.
    var allElements: [XMLNode] { [self] + children.flatMap(\.allElements) }

    /// Descendants (and self) named `name`.
    func elements(named name: String) -> [XMLNode] { allElements.filter { $0.name == name } }

    /// Groups (and other elements) whose class attribute is `className`.
    func elements(withClass className: String) -> [XMLNode] {
        allElements.filter { $0.attributes["class"] == className }
    }

    /// The text of every descendant `text` element, in document order.
    var texts: [String] { elements(named: "text").map(\.text) }

    /// The text of the element's first `title` child: its tooltip.
    var tooltip: String? { children.first { $0.name == "title" }?.text }
}

/// Parses `markup` as XML with Foundation's parser; records an issue and returns nil when it is
/// not well-formed (mismatched tags, undefined entities like `&co`, duplicate attributes).
func parseXML(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLNode? {
    let builder = TreeBuilder()
    let parser = XMLParser(data: Data(markup.utf8))
    parser.delegate = builder
    let succeeded = parser.parse()
    guard succeeded, parser.parserError == nil, let root = builder.root, builder.stack.isEmpty else {
        Issue.record("not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "unbalanced")) at line \(parser.lineNumber), column \(parser.columnNumber):\n\(markup.prefix(600))",
                     sourceLocation: sourceLocation)
        return nil
    }
    return root
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let node = XMLNode(name: elementName, attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// Every number in every attribute (coordinates, sizes, points, path data): at most 2 decimals,
/// never "-0", never NaN or infinity.
func expectTidyNumbers(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let root = parseXML(markup, sourceLocation: sourceLocation),
          let number = try? NSRegularExpression(pattern: #"-?\d+(\.\d+)?"#) else { return }
    for element in root.allElements {
        for (name, value) in element.attributes where name != "font-family" && name != "xmlns" {
            let matches = number.matches(in: value, range: NSRange(value.startIndex..., in: value))
            for match in matches {
                guard let range = Range(match.range, in: value) else { continue }
                let token = value[range]
                let decimals = token.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(decimals <= 2 && token != "-0", "\(element.name) \(name)=\"\(value)\": \(token)", sourceLocation: sourceLocation)
            }
            #expect(!value.contains("nan") && !value.contains("inf"), "\(element.name) \(name)=\"\(value)\"", sourceLocation: sourceLocation)
        }
    }
}
