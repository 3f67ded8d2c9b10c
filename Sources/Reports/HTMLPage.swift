/// A self-contained HTML document: a title, inline CSS (system fonts, a readable width, styled
/// tables) and sections of headings, paragraphs, tables and inline SVG figures. No scripts, no
/// fonts, images or styles fetched from anywhere: it opens in any browser offline.
///
/// Text (the title, headings, paragraphs, table cells) is escaped with `escapedForMarkup`;
/// `figures` take the `<svg>` markup the charts produce as it is.
public struct HTMLPage: Equatable, Sendable {
    /// One part of a section, in reading order.
    public enum Block: Equatable, Sendable {
        /// A paragraph of plain text.
        case paragraph(String)
        /// A table with the same columns, alignment and markers as in the terminal; marked rows
        /// are highlighted.
        case table(TextTable)
        /// Charts side by side, wrapping on narrow screens: each an `<svg>` element from a chart's `svg`.
        case figures([String])
    }

    /// A heading and its blocks.
    public struct Section: Equatable, Sendable {
        public var heading: String
        public var blocks: [Block]

        public init(heading: String, blocks: [Block]) {
            self.heading = heading
            self.blocks = blocks
        }
    }

    public var title: String
    public var sections: [Section]

    public init(title: String, sections: [Section] = []) {
        self.title = title
        self.sections = sections
    }

    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; \
        color: #222; background: #fff; max-width: 1280px; margin: 0 auto; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
        p { max-width: 60rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
        th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #e3e3e3; text-align: left; }
        th { background: #f3f3f3; font-weight: 600; }
        td.right, th.right { text-align: right; }
        tr.marked td { background: #fff6d6; font-weight: 600; }
        .figures { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; margin: 0.5rem 0 1rem; }
        .figures svg { max-width: 100%; height: auto; }
        """

    /// The whole document, from `<!DOCTYPE html>` to `</html>`.
    /// - Complexity: O(size of the content).
    public var html: String {
        var output = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        output += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        output += "<title>\(title.escapedForMarkup)</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        output += "<h1>\(title.escapedForMarkup)</h1>\n"
        for section in sections {
            output += "<section>\n<h2>\(section.heading.escapedForMarkup)</h2>\n"
            for block in section.blocks { output += Self.markup(of: block) + "\n" }
            output += "</section>\n"
        }
        return output + "</body>\n</html>\n"
    }

    static func markup(of block: Block) -> String {
        switch block {
        case let .paragraph(text):
            "<p>\(text.escapedForMarkup)</p>"
        case let .table(table):
            tableMarkup(table)
        case let .figures(figures):
            "<div class=\"figures\">\n" + figures.map { "<figure style=\"margin:0\">\($0)</figure>\n" }.joined() + "</div>"
        }
    }

    static func tableMarkup(_ table: TextTable) -> String {
        let hasMarkers = table.rows.contains { $0.marker != nil }
        func cell(_ tag: String, _ text: String, _ alignment: TextTable.Alignment) -> String {
            "<\(tag)\(alignment == .right ? " class=\"right\"" : "")>\(text.escapedForMarkup)</\(tag)>"
        }
        var output = "<table>\n<thead><tr>"
        output += table.columns.map { cell("th", $0.header, $0.alignment) }.joined()
        output += (hasMarkers ? "<th></th>" : "") + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            output += row.marker == nil ? "<tr>" : "<tr class=\"marked\">"
            output += zip(row.cells, table.columns).map { cell("td", $0, $1.alignment) }.joined()
            if hasMarkers { output += cell("td", row.marker ?? "", .left) }
            output += "</tr>\n"
        }
        return output + "</tbody>\n</table>"
    }
}
