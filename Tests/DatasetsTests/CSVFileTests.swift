import Foundation
import Testing
import LinearAlgebra
import TestSupport
@testable import Datasets

@Suite("CSV files — a header row, numeric features, integer or string labels")
struct CSVFileTests {
    @Test("Round trip: what `write` writes, `read` returns exactly (seeds 0..<20)", arguments: 0..<20)
    func roundTrip(seed: UInt64) throws {
        var generator = Xoshiro256StarStar(seed: seed)
        let rows = 1 + generator.uniformInteger(below: 30), columns = 1 + generator.uniformInteger(below: 5)
        var features = randomMatrix(rows: rows, columns: columns, seed: seed, scale: 1e3)
        features.elements[0] = -0.0
        let labels = (0..<rows).map { $0 % 3 }
        let dataset = Dataset(features: features, labels: labels, classNames: ["0", "1", "2"],
                              featureNames: (0..<columns).map { "feature \"\($0)\", raw" })
        let path = try temporaryDirectory().appendingPathComponent("round-trip.csv").path
        try CSVFile.write(dataset, to: path)
        let read = try CSVFile.read(path: path, classNames: rows < 3 ? dataset.classNames : nil)
        #expect(read.features.elements.map(\.bitPattern) == dataset.features.elements.map(\.bitPattern), "seed \(seed)")
        #expect(read.labels == dataset.labels && read.classNames == dataset.classNames, "seed \(seed)")
        #expect(read.featureNames == dataset.featureNames, "seed \(seed)")
    }

    @Test("Quoted fields with \"\" escapes, CRLF line ends, spaces, no trailing newline")
    func quotingAndLineEnds() throws {
        let path = try temporaryFile(contents: "\"a,1\",label,\"b \"\"2\"\"\"\r\n 1.5 ,\"cat, black\",\"-2\"\r\n\r\n3e2,dog,4")
        let dataset = try CSVFile.read(path: path)
        #expect(dataset.featureNames == ["a,1", "b \"2\""])
        #expect(dataset.features == Matrix([[1.5, -2], [300, 4]]))
        #expect(dataset.classNames == ["cat, black", "dog"] && dataset.labels == [0, 1])
    }

    @Test("A quoted field may hold a line break; the next record's line counts it")
    func lineBreakInQuotes() throws {
        let path = try temporaryFile(contents: "x,label\n1,\"two\nlines\"\nabc,b\n")
        #expect(errorMessage { _ = try CSVFile.read(path: path) } == "\(path): line 4, column 1: expected a number, found 'abc'")
    }

    @Test("Integer labels order numerically ('10' after '9'); '01' and '1' are one class")
    func integerClassOrder() throws {
        let path = try temporaryFile(contents: "x,label\n1,10\n2,9\n3,01\n4,1\n")
        let dataset = try CSVFile.read(path: path)
        #expect(dataset.classNames == ["1", "9", "10"])
        #expect(dataset.labels == [2, 1, 0, 0])
    }

    @Test("String labels order as strings; the label column is found by name anywhere")
    func stringClassOrderAndNamedColumn() throws {
        let path = try temporaryFile(contents: "x1,species,x2\n1,virginica,2\n3,setosa,4\n5,10,6\n")
        let dataset = try CSVFile.read(path: path, labelColumn: "species")
        #expect(dataset.classNames == ["10", "setosa", "virginica"] && dataset.labels == [2, 1, 0])
        #expect(dataset.featureNames == ["x1", "x2"] && dataset.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    }

    @Test("Without a column named 'label', the last column is the label")
    func lastColumnIsLabel() throws {
        let path = try temporaryFile(contents: "x1,x2,y\n1,2,a\n3,4,b\n")
        let dataset = try CSVFile.read(path: path)
        #expect(dataset.featureNames == ["x1", "x2"] && dataset.classNames == ["a", "b"])
    }

    @Test("Against a model's classes: labels map onto them, in the model's order")
    func knownClasses() throws {
        let path = try temporaryFile(contents: "x,label\n1,2\n2,0\n3,2\n")
        let dataset = try CSVFile.read(path: path, classNames: ["0", "1", "2"])
        #expect(dataset.classNames == ["0", "1", "2"] && dataset.labels == [2, 0, 2])
    }

    @Test("Features only: the model's columns by name, with or without a label column")
    func featuresOnly() throws {
        let labelled = try temporaryFile(contents: "x2,label,x1\n2,a,1\n4,b,3\n")
        let unlabelled = try temporaryFile(contents: "x1,x2\n1,2\n3,4\n")
        #expect(try CSVFile.readFeatures(path: labelled, featureNames: ["x1", "x2"]) == Matrix([[1, 2], [3, 4]]))
        #expect(try CSVFile.readFeatures(path: unlabelled, featureNames: ["x1", "x2"]) == Matrix([[1, 2], [3, 4]]))
    }

    @Test("Records longer than the buffer: it refills and grows, and fields stay whole")
    func smallBuffer() throws {
        let rows = (0..<50).map { "\($0).25,\"quoted \($0)\",\(-Double($0) * 1e-3),\($0 % 2)" }
        let path = try temporaryFile(contents: "a,b,c,label\n" + rows.joined(separator: "\n"))
        let reader = CSVRecordReader(file: try ByteFile.openForReading(path), bufferSize: 16)
        var seen = 0
        _ = try reader.nextRecord()
        while try reader.nextRecord() {
            #expect(try reader.number(of: 0) == Double(seen) + 0.25)
            #expect(reader.text(of: 1) == "quoted \(seen)")
            #expect(try reader.number(of: 2) == -Double(seen) * 1e-3)
            #expect(reader.line == seen + 2)
            seen += 1
        }
        #expect(seen == 50)
    }

    @Test("Without a header row: columns x0, x1, …, the first row is data, the label last unless named")
    func headerless() throws {
        let path = try temporaryFile(contents: "0,0,5\n255,3,7\n")
        let dataset = try CSVFile.read(path: path, hasHeader: false)
        #expect(dataset.featureNames == ["x0", "x1"] && dataset.features == Matrix([[0, 0], [255, 3]]))
        #expect(dataset.classNames == ["5", "7"] && dataset.labels == [0, 1])
        let labelFirst = try CSVFile.read(path: path, labelColumn: "x0", hasHeader: false)
        #expect(labelFirst.featureNames == ["x1", "x2"] && labelFirst.classNames == ["0", "255"])
        #expect(try CSVFile.readFeatures(path: path, featureNames: ["x2", "x0"], hasHeader: false) == Matrix([[5, 0], [7, 255]]))
    }

    @Test("pandas' header for unnamed columns, 0, 1, … or 1, 2, …, is a header")
    func countedHeader() throws {
        let zeroBased = try CSVFile.read(path: temporaryFile(contents: "0,1,2\n0.5,1,a\n2,3,b\n"))
        #expect(zeroBased.featureNames == ["0", "1"] && zeroBased.exampleCount == 2)
        let oneBased = try CSVFile.read(path: temporaryFile(contents: "1,2,label\n0.5,1,a\n2,3,b\n"))
        #expect(oneBased.featureNames == ["1", "2"] && oneBased.exampleCount == 2)
    }

    @Test("A UTF-8 byte-order mark (Excel's CSV UTF-8) is skipped, so the first column keeps its name")
    func byteOrderMark() throws {
        let path = try temporaryFile(named: "excel.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("species,x1\nsetosa,1\nvirginica,2\n".utf8))
        let dataset = try CSVFile.read(path: path, labelColumn: "species")
        #expect(dataset.classNames == ["setosa", "virginica"] && dataset.featureNames == ["x1"])
        let short = try temporaryFile(named: "mark-only.csv", bytes: [0xEF, 0xBB, 0xBF])
        #expect(errorMessage { _ = try CSVFile.read(path: short) } == "\(short): the file is empty; expected a header row and data rows")
    }
}

@Suite("Decimal numbers — Clinger's fast path matches strtod")
struct DecimalNumberTests {
    /// Random cells: signs, leading zeros, many digits, exponents, and cells that are not numbers.
    static func randomCell(_ generator: inout Xoshiro256StarStar) -> String {
        let pieces = ["", "-", "+"][generator.uniformInteger(below: 3)]
            + String(repeating: "0", count: generator.uniformInteger(below: 3))
            + String(generator.next() >> generator.uniformInteger(below: 64))
        let fraction = generator.uniformInteger(below: 2) == 0 ? "" : "." + String(generator.next() >> generator.uniformInteger(below: 64))
        let exponent = generator.uniformInteger(below: 3) == 0 ? "e\(generator.uniformInteger(below: 700) - 350)" : ""
        let junk = generator.uniformInteger(below: 10) == 0 ? ["x", ".", "e", "nan", "inf", " "][generator.uniformInteger(below: 6)] : ""
        return pieces + fraction + exponent + junk
    }

    @Test("parse equals naiveParse bit for bit (seeds 0..<20, 500 cells each)", arguments: 0..<20)
    func fastMatchesNaive(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        for _ in 0..<500 {
            let cell = Self.randomCell(&generator)
            let bytes = Array(cell.utf8)
            let (fast, naive) = bytes.withUnsafeBufferPointer { (DecimalNumber.parse($0), DecimalNumber.naiveParse($0)) }
            #expect(fast?.bitPattern == naive?.bitPattern, "seed \(seed), cell '\(cell)': expected \(String(describing: naive)), observed \(String(describing: fast))")
        }
    }

    @Test("Edge cells", arguments: [("0", 0.0), ("-0.0", -0.0), ("1e-05", 1e-5), ("1e+16", 1e16), (".5", 0.5), ("5.", 5.0),
                                    ("0.1", 0.1), ("9007199254740993", 9007199254740992), ("1.7976931348623157e308", .greatestFiniteMagnitude)])
    func edgeCells(cell: String, expected: Double) {
        let parsed = Array(cell.utf8).withUnsafeBufferPointer { DecimalNumber.parse($0) }
        #expect(parsed?.bitPattern == expected.bitPattern, "cell '\(cell)': expected \(expected), observed \(String(describing: parsed))")
    }
}
