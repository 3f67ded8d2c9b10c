import Testing
@testable import Reports

@Suite("Image data — templates only for images, never for a square number of features")
struct ImageDataTests {
    @Test("p{row}_{column} names in row-major order give the image's shape", arguments: [
        // names, shape
        (["p0_0", "p0_1", "p0_2", "p1_0", "p1_1", "p1_2"], [2, 3, 1]),
        (["p0_0", "p0_1", "p1_0", "p1_1"], [2, 2, 1]),
        (["sepal_length", "sepal_width", "petal_length", "petal_width"], []),
        (["p0_0", "p1_0", "p0_1", "p1_1"], []),
        (["p0_0", "p0_1"], []),
        (["x1", "x2"], []),
    ])
    func pixelNames(names: [String], expected: [Int]) {
        let shape = ImageData.shape(ofPixelNames: names).map { [$0.height, $0.width, $0.channels] } ?? []
        #expect(shape == expected, "\(names)")
    }
}
