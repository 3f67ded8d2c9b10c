/// The predicted class on a grid of cells over a rectangle of the input plane, in raw feature
/// units: the decision regions of a 2-D classifier.
///
/// `classes[row][column]` is the class of the cell covering
///
///     x ∈ [x₀ + column·Δx, x₀ + (column + 1)·Δx),   y ∈ [y₀ + row·Δy, y₀ + (row + 1)·Δy)
///
/// with Δx = (x₁ − x₀)/columns and Δy = (y₁ − y₀)/rows: row 0 is the bottom row (smallest y).
public struct PredictionGrid: Equatable, Sendable {
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let classes: [[Int]]

    /// A grid from precomputed classes: at least one row, all rows of one non-zero length.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, classes: [[Int]]) {
        precondition(!classes.isEmpty && !classes[0].isEmpty, "a prediction grid needs at least one cell")
        precondition(classes.allSatisfy { $0.count == classes[0].count }, "every row of a prediction grid has the same length")
        precondition(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound, "a prediction grid covers a non-empty rectangle")
        self.xRange = xRange
        self.yRange = yRange
        self.classes = classes
    }

    /// A grid of `columns` × `rows` cells whose classes are `predict(x, y)` at each cell's centre.
    /// - Complexity: O(columns · rows) calls of `predict`.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int, predict: (Double, Double) -> Int) {
        precondition(columns > 0 && rows > 0, "a prediction grid needs at least one cell")
        let cellWidth = (xRange.upperBound - xRange.lowerBound) / Double(columns)
        let cellHeight = (yRange.upperBound - yRange.lowerBound) / Double(rows)
        let classes = (0..<rows).map { row in
            (0..<columns).map { column in
                predict(xRange.lowerBound + (Double(column) + 0.5) * cellWidth, yRange.lowerBound + (Double(row) + 0.5) * cellHeight)
            }
        }
        self.init(xRange: xRange, yRange: yRange, classes: classes)
    }

    public var rowCount: Int { classes.count }
    public var columnCount: Int { classes[0].count }

    /// The runs of equal classes in `row`, left to right: (first column, cell count, class).
    /// Drawing one rectangle per run keeps a 100 × 100 grid to a few hundred rectangles.
    func runs(inRow row: Int) -> [(start: Int, length: Int, classIndex: Int)] {
        var runs: [(start: Int, length: Int, classIndex: Int)] = []
        for (column, classIndex) in classes[row].enumerated() {
            if let last = runs.last, last.classIndex == classIndex {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((column, 1, classIndex))
            }
        }
        return runs
    }
}
