import Testing
import Reports

@Suite("Heat map — confusion matrices and sweep grids")
struct HeatMapTests {
    static let confusion = HeatMap(
        title: "Confusion <svm & co>", rowAxis: "true class", columnAxis: "predicted class",
        rowLabels: ["cat", "dog", "<bird>"], columnLabels: ["cat", "dog", "<bird>"],
        values: [[50, 2, 0], [3, 41, 6], [0, 9, 39]])

    @Test("one cell per value with its count; row and column labels escaped")
    func structure() throws {
        let markup = Self.confusion.svg
        let root = try #require(parseXML(markup))
        let cells = root.elements(withClass: "cell")
        #expect(cells.count == 9)
        #expect(cells.flatMap(\.texts) == ["50", "2", "0", "3", "41", "6", "0", "9", "39"])
        #expect(cells[5].tooltip == "true class dog, predicted class <bird>: 6")
        let labels = try #require(root.elements(withClass: "labels").first).texts
        #expect(labels == ["predicted class", "true class", "cat", "dog", "<bird>", "cat", "dog", "<bird>"])
        expectTidyNumbers(markup)
        #expect(markup == Self.confusion.svg)
    }

    @Test("text is white on the darkest cell and black on the lightest")
    func contrast() throws {
        let root = try #require(parseXML(Self.confusion.svg))
        let texts = root.elements(withClass: "cell").map { $0.elements(named: "text")[0] }
        #expect(texts[0].attributes["fill"] == "#ffffff")
        #expect(texts[2].attributes["fill"] == "#000000")
    }

    @Test("a sweep grid: accuracies in percent with one decimal always written (85.0, not 85), NaN cells as –, the best cell framed")
    func sweep() throws {
        let map = HeatMap(title: "Validation accuracy", rowAxis: "learning rate", columnAxis: "λ",
                          rowLabels: ["0.01", "0.1"], columnLabels: ["0", "0.001"],
                          values: [[81.25, 85], [.nan, 93.333]], decimals: 1, markedCell: (1, 1))
        let root = try #require(parseXML(map.svg))
        #expect(root.elements(withClass: "cell").flatMap(\.texts) == ["81.3", "85.0", "–", "93.3"])
        let framed = root.elements(withClass: "cells").first?.children.last
        #expect(framed?.name == "rect" && framed?.attributes["stroke-width"] == "3")
    }
}
