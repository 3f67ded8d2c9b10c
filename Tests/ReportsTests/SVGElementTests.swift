import Testing
import Reports

@Suite("SVG builder — a run named <svm & co> must not break the page")
struct SVGElementTests {
    @Test("text, attributes and tooltips are escaped and the document parses")
    func escaping() throws {
        var document = SVGDocument(width: 100, height: 50, title: "<svm & co>")
        document.add(SVGElement.text("<svm & co>", x: 1, y: 2).withTooltip("a \"quoted\" 'name' & <tag>"))
        document.add(SVGElement("g", [("class", "<x & y>")]))
        let markup = document.markup
        #expect(!markup.contains("<svm"))
        let root = try #require(parseXML(markup))
        #expect(root.name == "svg")
        #expect(root.tooltip == "<svm & co>")
        #expect(root.texts == ["<svm & co>"])
        #expect(root.elements(named: "text")[0].tooltip == "a \"quoted\" 'name' & <tag>")
        #expect(root.elements(withClass: "<x & y>").count == 1)
    }

    @Test("coordinates have at most 2 decimals and no -0; rotation is around the anchor point")
    func numbers() throws {
        let element = SVGElement.text("loss", x: -0.0001, y: 10.126, anchor: .middle, rotation: -90)
        #expect(element.markup == #"<text x="0" y="10.13" text-anchor="middle" font-size="12" transform="rotate(-90 0 10.13)">loss</text>"#)
        let line = SVGElement.polyline(points: [(0.333333, -0.004), (1e-9, 2)], stroke: "#000000")
        #expect(line.markup.contains(#"points="0.33,0 0,2""#))
    }

    @Test("path data and view box are written with formatted numbers")
    func pathAndViewBox() throws {
        let path = SVGPathData().move(to: (1, 2.5)).line(to: (3.14159, -4)).close()
        #expect(path.commands == "M1 2.5 L3.14 -4 Z")
        var document = SVGDocument(width: 200, height: 100)
        document.viewBox = (-10, 0, 220.5, 100)
        let root = try #require(parseXML(document.markup))
        #expect(root.attributes["viewBox"] == "-10 0 220.5 100")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    }

    @Test("an empty element closes itself; the same drawing gives the same bytes")
    func deterministic() {
        func draw() -> String {
            var document = SVGDocument(width: 10, height: 10)
            document.add(.rect(x: 0.1 + 0.2, y: 1, width: 2, height: 3, fill: "#ffffff"))
            document.add(.circle(centerX: 1, centerY: 1, radius: 0.5))
            return document.markup
        }
        #expect(draw() == draw())
        #expect(draw().contains(##"<rect x="0.3" y="1" width="2" height="3" fill="#ffffff"/>"##))
    }
}
