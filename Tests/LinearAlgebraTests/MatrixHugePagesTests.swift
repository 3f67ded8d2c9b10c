import Testing
@testable import LinearAlgebra

/// A failure the initializer's closure reports.
private struct ReadFailed: Error {}

@Suite("Huge-page storage for X — the same matrix, only backed by 2 MiB pages where Linux offers them")
struct MatrixHugePagesTests {
    @Test("the initializer's elements become the matrix, row after row", arguments: [(0, 3), (1, 1), (3, 5), (600, 1_000)])
    func initializer(rows: Int, columns: Int) {
        let matrix = Matrix(rows: rows, columns: columns) { buffer, initialized in
            for index in 0..<buffer.count { buffer[index] = Double(index) - 0.5 }
            initialized = buffer.count
        }
        let expected = Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { Double($0) - 0.5 })
        #expect(matrix == expected, "\(rows)×\(columns)")
    }

    @Test("an error thrown while filling the storage reaches the caller")
    func throwing() {
        #expect(throws: ReadFailed.self) {
            _ = try Matrix(rows: 2, columns: 2) { _, _ in throw ReadFailed() }
        }
    }

    @Test("reserving huge-page room leaves the array empty with at least that capacity; a non-empty one is left alone")
    func reserve() {
        var empty: [Double] = []
        Matrix.reserveHugePageCapacity(&empty, capacity: 1 << 20)
        #expect(empty.isEmpty && empty.capacity >= 1 << 20, "capacity \(empty.capacity)")
        var full: [Double] = [1, 2]
        Matrix.reserveHugePageCapacity(&full, capacity: 1 << 20)
        #expect(full == [1, 2] && full.capacity < 1 << 20, "capacity \(full.capacity)")
    }
}
