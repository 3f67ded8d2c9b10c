import Testing
import Reports

@Suite("Weight images — the template view of a linear classifier")
struct WeightImageTests {
    @Test("D must be a perfect square: 64 → 8, 63 → none", arguments: [(64, 8), (63, nil), (1, 1), (0, nil), (3072, nil), (1024, 32)] as [(Int, Int?)])
    func side(count: Int, expected: Int?) {
        #expect(WeightImage.side(forFeatureCount: count) == expected, "D = \(count)")
        #expect((WeightImage(caption: "w", weights: Array(repeating: 0, count: count)) == nil) == (expected == nil))
    }

    @Test("an 8 × 8 template: 64 pixels, negative blue, zero white, positive red, caption escaped")
    func pixels() throws {
        var weights = Array(repeating: 0.0, count: 64)
        weights[0] = -2
        weights[63] = 2
        let image = try #require(WeightImage(caption: "class <3> & co", weights: weights))
        let root = try #require(parseXML(image.svg))
        let pixels = try #require(root.elements(withClass: "pixels").first).elements(named: "rect")
        #expect(pixels.count == 64)
        #expect(pixels[0].attributes["fill"] == ColorMap.divergingBlueRed.stops.first?.hex)
        #expect(pixels[1].attributes["fill"] == "#ffffff")
        #expect(pixels[63].attributes["fill"] == ColorMap.divergingBlueRed.stops.last?.hex)
        #expect(pixels[9].attributes["x"] == pixels[1].attributes["x"] && pixels[9].attributes["y"] != pixels[1].attributes["y"],
                "index 9 is row 1, column 1")
        #expect(root.texts == ["class <3> & co", "|w| ≤ 2"])
        expectTidyNumbers(image.svg)
    }

    @Test("a shared limit scales every class alike; all-zero weights are white")
    func limit() throws {
        let faint = try #require(WeightImage(caption: "c", weights: [1, 0, 0, 0], limit: 4))
        let root = try #require(parseXML(faint.svg))
        let fill = root.elements(withClass: "pixels").first?.elements(named: "rect").first?.attributes["fill"]
        #expect(fill == ColorMap.divergingBlueRed.color(at: 0.625).hex)
        let zero = try #require(WeightImage(caption: "c", weights: [0, 0, 0, 0]))
        #expect(try #require(parseXML(zero.svg)).elements(named: "rect").filter { $0.attributes["fill"] == "#ffffff" }.count == 4)
    }
}
