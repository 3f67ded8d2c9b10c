import Testing
@testable import Reports

@Suite("Paragraphs refilled to a terminal's width — help and the config reference")
struct ParagraphFillingTests {
    @Test("a paragraph's soft-broken lines are joined and broken again at the width; an indented command stays whole")
    func paragraphs() {
        #expect(fillParagraphs("Every run is paired:\nthe same split.\n\n  trainer train a.json\n", width: 16)
                == "Every run is\npaired: the same\nsplit.\n\n  trainer train a.json\n")
        #expect(fillParagraphs("one two\nthree", width: 80) == "one two three", "joined when there is room")
        #expect(fillParagraphs("a verylongword b", width: 5) == "a\nverylongword\nb", "a word longer than the room stays whole")
    }

    @Test("a list item goes on under its text; headings, table rows and fenced code are kept line for line")
    func markdownBlocks() {
        let text = """
            # Title
            - a path, read
              by its name
            - a pair
            | key | value |
            |---|---|
            ```
            x = 1
            y = 2
            ```
            """
        #expect(fillParagraphs(text, width: 12) == """
            # Title
            - a path,
              read by
              its name
            - a pair
            | key | value |
            |---|---|
            ```
            x = 1
            y = 2
            ```
            """)
    }

    @Test("an option's help goes on under itself")
    func hanging() {
        #expect(fillHanging("write the results into DIR", lead: "  --out DIR  ", width: 30)
                == "  --out DIR  write the results\n             into DIR")
        #expect(fillHanging("short", lead: "  -x  ", width: 30) == "  -x  short")
    }
}
