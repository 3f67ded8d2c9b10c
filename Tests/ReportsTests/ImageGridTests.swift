import Testing
import Reports

@Suite("Image grids — mean images beside templates, over training")
struct ImageGridTests {
    static func picture(_ color: RGBColor) -> GridImage {
        GridImage(picture: PNGImage(width: 2, height: 2, pixels: Array(repeating: color, count: 4)), note: "1/4 zero")
    }

    @Test("one column per class, a static row and a row of frames whose last is shown")
    func layout() throws {
        let grid = ImageGrid(title: "l1 <proximal>", columnNames: ["bar", "cross"], rows: [
            ImageRow(label: "mean image", frames: [ImageRowFrame(epoch: 0, images: [Self.picture(.black), Self.picture(.white)])]),
            ImageRow(label: "template w_k", frames: [0, 3, 9].map { ImageRowFrame(epoch: $0, images: [Self.picture(.white), Self.picture(.black)]) }),
        ], colorKey: "blue w < 0")
        let root = try #require(parseXML(grid.svg))
        #expect(root.elements(withClass: "column-names").first?.texts == ["bar", "cross"])
        #expect(root.elements(named: "image").count == 2 + 3 * 2)
        #expect(root.elements(named: "image").allSatisfy { ($0.attributes["href"] ?? "").hasPrefix("data:image/png;base64,") })
        let frames = try #require(root.elements(withClass: "frames").first).children
        #expect(frames.map { $0.attributes["data-epoch"] } == ["0", "3", "9"])
        #expect(frames.map { $0.attributes["display"] } == ["none", "none", nil])
        #expect(root.tooltip == "l1 <proximal>")
        #expect(root.texts.contains("blue w < 0") && root.texts.contains("1/4 zero"))
    }
}
