import Testing
import LinearAlgebra

@Suite("MutableSpan rows — one row of a B×K matrix as its own bounds-checked view")
struct MutableSpanRowsTests {
    @Test("row i is entries i·K ..< (i+1)·K; writes land there and nowhere else")
    func rowViews() {
        var entries = [Double](repeating: 0, count: 6)
        var view = entries.mutableSpan
        for i in 0..<3 {
            view.withRow(i, length: 2) { row in
                #expect(row.count == 2)
                row[0] = Double(10 * i)
                row[1] = Double(10 * i + 1)
            }
        }
        _ = consume view
        #expect(entries == [0, 1, 10, 11, 20, 21])
    }

    @Test("the body's result is returned")
    func result() {
        var entries: [Double] = [1, 2, 3, 4]
        var view = entries.mutableSpan
        #expect(view.withRow(1, length: 2) { $0[0] + $0[1] } == 7)
    }
}
