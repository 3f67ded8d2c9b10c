import Testing
import Reports

@Suite("Lines that fit the terminal — wrapped at spaces, with a hanging indent")
struct TextWrappingTests {
    @Test("a long line breaks at its last space that fits; continuation lines indented two more")
    func breaksAtSpaces() {
        #expect(wrapLines("  svm: interrupted during epoch 12", width: 20) == "  svm: interrupted\n    during epoch 12")
        #expect(wrapLines("Results in runs/a/ — open runs/a/report.html in a browser.\n", width: 30)
                == "Results in runs/a/ — open\n  runs/a/report.html in a\n  browser.\n")
    }

    @Test("lines that fit and the final newline are kept as they are")
    func fits() {
        let text = "run  val acc\n---  -------\nsvm    56.7%\n"
        #expect(wrapLines(text, width: 12) == text)
    }

    @Test("a word longer than a line is cut; every line fits whatever the width", arguments: [1, 2, 5, 13, 40])
    func everyLineFits(width: Int) {
        let text = "error: /a/very/long/path/that/goes/on/and/on/config.json: optimizer.learning_rte: unknown key; did you mean 'learning_rate'?\n    indented λ ★ line\n"
        let wrapped = wrapLines(text, width: width)
        for line in wrapped.split(separator: "\n") {
            #expect(line.count <= width, "width \(width): '\(line)'")
        }
        #expect(wrapped.filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace }, "nothing lost")
    }
}
