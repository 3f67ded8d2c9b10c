import LinearAlgebra

/// The shapes of the `images` dataset, one per class in this order: class 0 is a horizontal bar,
/// class 1 a vertical bar, and so on. Each image places its shape at a random offset, so a class's
/// learned weights look like its shape smeared over the offsets: a template.
public enum ImageShape: Int, CaseIterable, Sendable {
    case horizontalBar, verticalBar, diagonal, antidiagonal, cross, block, diagonalCross, frame

    /// The image sides this program draws.
    static let sides = 4...64

    /// side when `features` = side² for a side in `sides`, else nil.
    static func side(ofFeatureCount features: Int) -> Int? {
        sides.first { $0 * $0 == features }
    }

    /// A name for the help text and the README.
    public var name: String {
        switch self {
        case .horizontalBar: "horizontal bar"
        case .verticalBar: "vertical bar"
        case .diagonal: "diagonal \\"
        case .antidiagonal: "diagonal /"
        case .cross: "cross +"
        case .block: "block"
        case .diagonalCross: "cross ×"
        case .frame: "frame"
        }
    }

    /// A side×side image of the shape, row-major, 1 on the shape and 0 elsewhere, at an offset
    /// drawn from `generator`. Strokes are t = max(1, side/4) pixels thick.
    func pixels(side: Int, generator: inout Xoshiro256StarStar) -> [Double] {
        let thickness = max(1, side / 4)
        let shift = generator.uniformInteger(below: 3) - 1
        let along = generator.uniformInteger(below: side - thickness + 1)
        let across = generator.uniformInteger(below: side - thickness + 1)
        let inStroke = { (offset: Int) in offset >= 0 && offset < thickness }
        var image = [Double](repeating: 0, count: side * side)
        for row in 0..<side {
            for column in 0..<side {
                let on: Bool
                switch self {
                case .horizontalBar: on = inStroke(row - along)
                case .verticalBar: on = inStroke(column - along)
                case .diagonal: on = inStroke(column - row - shift)
                case .antidiagonal: on = inStroke(row + column - (side - 1) - shift)
                case .cross:
                    on = inStroke(row - (side - thickness) / 2 - shift) || inStroke(column - (side - thickness) / 2 - shift)
                case .block:
                    let blockSide = side / 2, top = along * (side - blockSide) / max(side - thickness, 1)
                    let left = across * (side - blockSide) / max(side - thickness, 1)
                    on = row >= top && row < top + blockSide && column >= left && column < left + blockSide
                case .diagonalCross: on = row == column || row + column == side - 1
                case .frame:
                    let inset = max(shift, 0)
                    on = (row == inset || row == side - 1 - inset || column == inset || column == side - 1 - inset)
                        && row >= inset && row <= side - 1 - inset && column >= inset && column <= side - 1 - inset
                }
                image[row * side + column] = on ? 1 : 0
            }
        }
        return image
    }
}
