import Testing
import Datasets

@Suite("Image shape — [H, W] or [H, W, C], channel-last")
struct ImageShapeTests {
    @Test("[28, 28] is grey (C = 1) and [32, 32, 3] colour; each is written back as given, C = 1 dropped")
    func dimensions() throws {
        let grey = try #require(ImageShape(dimensions: [28, 28]))
        #expect(grey.channels == 1 && grey.featureCount == 784 && grey.dimensions == [28, 28] && "\(grey)" == "28×28")
        let colour = try #require(ImageShape(dimensions: [32, 32, 3]))
        #expect(colour.featureCount == 3072 && colour.dimensions == [32, 32, 3] && "\(colour)" == "32×32×3")
        #expect(ImageShape(dimensions: [28, 28, 1]) == grey)
    }

    @Test("Not a shape: another count of sides, a side below 1, a product past Int.max",
          arguments: [[], [784], [28, 28, 1, 1], [0, 28], [28, -1], [28, 28, 0], [Int.max, 2]])
    func invalid(dimensions: [Int]) {
        #expect(ImageShape(dimensions: dimensions) == nil, "\(dimensions)")
    }

    @Test("Features are named by pixel: p{row}_{column}, and p{row}_{column}_{channel} in colour")
    func featureNames() throws {
        #expect(ImageShape(height: 2, width: 2)?.featureNames == ["p0_0", "p0_1", "p1_0", "p1_1"])
        #expect(ImageShape(height: 1, width: 2, channels: 3)?.featureNames == ["p0_0_0", "p0_0_1", "p0_0_2", "p0_1_0", "p0_1_1", "p0_1_2"])
        #expect(ImageShape.featureNames(of: nil, count: 3) == ["x1", "x2", "x3"])
    }

    @Test("Pixel (r, c) of channel k is feature (r·W + c)·C + k, as NumPy's reshape(N, H, W, C) flattens it")
    func featureIndex() throws {
        let shape = try #require(ImageShape(dimensions: [2, 3, 4]))
        var index = 0
        for row in 0..<2 {
            for column in 0..<3 {
                for channel in 0..<4 {
                    #expect(shape.featureIndex(row: row, column: column, channel: channel) == index, "(\(row), \(column), \(channel))")
                    index += 1
                }
            }
        }
    }
}
