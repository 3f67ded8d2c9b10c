import LinearAlgebra

/// The shapes of the `images` dataset, one per class in this order: class 0 is a horizontal bar,
/// class 1 a vertical bar, and so on. Each image jitters its shape by a pixel, so a class's learned
/// weights look like its shape, slightly blurred: a template.
public enum DrawnShape: Int, CaseIterable, Sendable {
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

    /// A side×side image of the shape, row-major, 1 on the shape and 0 elsewhere, centered and
    /// jittered by −1, 0 or +1 pixel drawn from `generator`. Strokes are t = max(1, side/4) thick.
    func pixels(side: Int, generator: inout Xoshiro256StarStar) -> [Double] {
        let thickness = max(1, side / 4)
        let shift = generator.uniformInteger(below: 3) - 1
        let otherShift = generator.uniformInteger(below: 3) - 1
        let middle = (side - thickness) / 2
        let blockSide = side / 2, blockStart = (side - blockSide) / 2
        let inset = max(shift, 0)
        let inStroke = { (offset: Int) in offset >= 0 && offset < thickness }
        var image = [Double](repeating: 0, count: side * side)
        for row in 0..<side {
            for column in 0..<side {
                let on: Bool
                switch self {
                case .horizontalBar: on = inStroke(row - middle - shift)
                case .verticalBar: on = inStroke(column - middle - shift)
                case .diagonal: on = inStroke(column - row - shift)
                case .antidiagonal: on = inStroke(row + column - (side - 1) - shift)
                case .cross: on = inStroke(row - middle - shift) || inStroke(column - middle - otherShift)
                case .block:
                    on = (0..<blockSide).contains(row - blockStart - shift) && (0..<blockSide).contains(column - blockStart - otherShift)
                case .diagonalCross: on = row == column || row + column == side - 1
                case .frame:
                    let ring = min(row, column, side - 1 - row, side - 1 - column)
                    on = ring == inset
                }
                image[row * side + column] = on ? 1 : 0
            }
        }
        return image
    }
}
