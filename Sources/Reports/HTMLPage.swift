/// A self-contained HTML document: a title, inline CSS (system fonts, a readable width, styled
/// tables that scroll sideways on a narrow screen) and sections of headings, questions,
/// paragraphs, tables, legends, epoch sliders and inline SVG figures. Nothing is fetched from
/// anywhere: it opens in any browser offline, from `file://`.
///
/// One inline script (`sliderScript`, in the head) makes the epoch sliders work; without script
/// the sliders stay hidden and every chart shows its final frame, so the page still reads.
///
/// Text (the title, headings, paragraphs, table cells) is escaped with `escapedForMarkup`;
/// `figures` take the `<svg>` markup the charts produce as it is.
public struct HTMLPage: Equatable, Sendable {
    /// One part of a section, in reading order.
    public enum Block: Equatable, Sendable {
        /// The lecture question a section answers, in one sentence, set above its charts.
        case question(String)
        /// A paragraph of plain text.
        case paragraph(String)
        /// A warning a student should not miss, e.g. a run that ended above its initial loss.
        case warning(String)
        /// The colour key of the runs, once for all the charts of a section: (name, colour index,
        /// dashed).
        case legend([LegendKey])
        /// An epoch slider over the section's charts whose frames (`<g class="frame" data-epoch=…>`
        /// inside a `<g class="frames">`) show training at these epochs, the last one at first.
        case slider(epochs: [Int])
        /// A table with the same columns, alignment and markers as in the terminal; marked rows
        /// are highlighted.
        case table(TextTable)
        /// Charts side by side, wrapping on narrow screens: each an `<svg>` element from a chart's `svg`.
        case figures([String])
    }

    /// A heading and its blocks.
    /// One entry of an HTML legend: a run's name and its line's colour and dash.
    public struct LegendKey: Equatable, Sendable {
        public var name: String
        public var colorIndex: Int
        public var dashed: Bool

        public init(name: String, colorIndex: Int, dashed: Bool = false) {
            self.name = name
            self.colorIndex = colorIndex
            self.dashed = dashed
        }
    }

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
        p.question { font-weight: 600; font-size: 1.05rem; color: #1a3d6d; margin: 0.4rem 0; }
        p.warning { background: #fdecea; border-left: 4px solid #c0392b; padding: 0.4rem 0.7rem; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; margin: 0.4rem 0; font-size: 0.95rem; }
        .legend span { white-space: nowrap; }
        .legend svg { vertical-align: middle; margin-right: 0.3rem; }
        .epoch-slider { margin: 0.6rem 0; font-size: 1rem; }
        .epoch-slider input { width: min(28rem, 70vw); vertical-align: middle; }
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
        output += "<title>\(title.escapedForMarkup)</title>\n<style>\n\(Self.css)\n</style>\n"
        if sections.contains(where: { $0.blocks.contains { if case .slider = $0 { true } else { false } } }) {
            output += "<script>\n\(Self.sliderScript)</script>\n"
        }
        output += "</head>\n<body>\n"
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
        case let .question(text):
            "<p class=\"question\">\(text.escapedForMarkup)</p>"
        case let .paragraph(text):
            "<p>\(text.escapedForMarkup)</p>"
        case let .warning(text):
            "<p class=\"warning\">\(text.escapedForMarkup)</p>"
        case let .table(table):
            "<div class=\"scroll\">\n" + tableMarkup(table) + "\n</div>"
        case let .legend(keys):
            "<div class=\"legend\">" + keys.map(legendMarkup).joined() + "</div>"
        case let .slider(epochs):
            "<div class=\"epoch-slider\" data-epochs=\"\(epochs.map(String.init).joined(separator: ","))\" hidden=\"hidden\">"
                + "<label>Epoch slider: <input type=\"range\" min=\"0\" max=\"\(max(epochs.count - 1, 0))\" step=\"1\" "
                + "value=\"\(max(epochs.count - 1, 0))\"/> <output>epoch \(epochs.last ?? 0)</output></label></div>"
        case let .figures(figures):
            "<div class=\"figures\">\n" + figures.map { "<figure style=\"margin:0\">\($0)</figure>\n" }.joined() + "</div>"
        }
    }

    /// A short line in the run's colour and dash, then its name.
    static func legendMarkup(_ key: LegendKey) -> String {
        let color = Palette.color(key.colorIndex).hex
        let dash = key.dashed ? "6 4" : Palette.dash(for: key.colorIndex)
        let line = SVGElement.line(x1: 1, y1: 6, x2: 23, y2: 6, stroke: color, strokeWidth: 3, dash: dash)
        let swatch = SVGElement("svg", [("width", "24"), ("height", "12"), ("aria-hidden", "true")], children: [line])
        return "<span>" + swatch.markup + key.name.escapedForMarkup + "</span>"
    }

    /// The epoch sliders' script: each slider shows, in every `.frames` group of its section, the
    /// frame of the largest epoch not after the chosen one (a run that stopped early keeps its
    /// last frame). It uses no `<` or `&` so that the page stays well-formed XML too.
    static let sliderScript = """
        document.addEventListener('DOMContentLoaded', function () {
          document.querySelectorAll('.epoch-slider').forEach(function (slider) {
            var section = slider.closest('section');
            var input = slider.querySelector('input');
            var output = slider.querySelector('output');
            var epochs = slider.getAttribute('data-epochs').split(',').map(Number);
            function show() {
              var epoch = epochs[Number(input.value)];
              output.textContent = 'epoch ' + epoch;
              section.querySelectorAll('.frames').forEach(function (group) {
                var frames = Array.prototype.filter.call(group.children, function (child) {
                  return child.classList.contains('frame');
                });
                var chosen = frames[0];
                frames.forEach(function (frame) {
                  if (epoch >= Number(frame.getAttribute('data-epoch'))) { chosen = frame; }
                });
                frames.forEach(function (frame) {
                  frame.setAttribute('display', frame === chosen ? 'inline' : 'none');
                });
              });
            }
            input.addEventListener('input', show);
            slider.hidden = false;
            show();
          });
        });

        """

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
