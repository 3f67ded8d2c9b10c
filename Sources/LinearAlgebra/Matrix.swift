/// A dense, row-major matrix of `Double`: the one numeric container of the pipeline.
///
/// Element (i, j) lives at `elements[i * columns + j]`. A batch of B examples with D features
/// is a B×D matrix, one example per row; the weights W of a linear classifier are K×D, one row
/// (a "template") per class.
///
/// A matrix with zero rows or zero columns is valid: an empty batch is B = 0.
public struct Matrix: Equatable, Hashable, Sendable {
    /// Number of rows (examples, or classes for a weight matrix).
    public let rows: Int
    /// Number of columns (features, or classes for a score matrix).
    public let columns: Int
    /// The entries, row after row: `elements[i * columns + j]` is entry (i, j).
    public var elements: [Double]

    /// A `rows`×`columns` matrix with every entry equal to `value`.
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix has a non-negative shape")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A `rows`×`columns` matrix over `elements`, given row after row.
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns,
                     "\(elements.count) elements do not fill a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from its rows, e.g. `Matrix([[3.0, 6.2, -2.1]])` for one row of scores.
    /// An empty array gives the 0×0 matrix.
    /// - Precondition: every row has the same length.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows of one matrix have one length")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// Entry (i, j).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// Row `i` as an array of `columns` numbers.
    public func row(_ i: Int) -> [Double] {
        Array(elements[i * columns ..< (i + 1) * columns])
    }

    /// The rows as arrays: the inverse of `init(_:)`.
    public var rowArrays: [[Double]] {
        (0..<rows).map(row)
    }

    /// The transpose Aᵀ: entry (j, i) of the result is entry (i, j) of `self`.
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns {
                result.elements[j * rows + i] = elements[i * columns + j]
            }
        }
        return result
    }

    /// The matrix of the given rows of `self`, in the given order: X[rows] in NumPy's words.
    public func gatheringRows<Indices: Collection<Int>>(_ indices: Indices) -> Matrix {
        var gathered: [Double] = []
        gathered.reserveCapacity(indices.count * columns)
        for i in indices {
            gathered.append(contentsOf: elements[i * columns ..< (i + 1) * columns])
        }
        return Matrix(rows: indices.count, columns: columns, elements: gathered)
    }

    /// True when every entry is finite (no NaN, no ±∞).
    public var isFinite: Bool {
        elements.allSatisfy(\.isFinite)
    }

    /// The number of entries that are exactly zero (what L1's proximal step produces).
    public var zeroCount: Int {
        elements.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    }
}

extension Matrix: CustomStringConvertible {
    /// One line per row, e.g. `[3.0, 6.2, -2.1]`.
    public var description: String {
        rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: "\n")
    }
}
