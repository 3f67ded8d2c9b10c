/// `text` with its paragraphs refilled to at most `width` characters a line, for help and
/// reference pages written with soft line breaks (as Markdown is): the lines of a paragraph are
/// joined and broken again at the spaces that fit, so that a terminal narrower than the source's
/// lines shows whole lines instead of each source line cut in two.
///
/// What is a paragraph, and what is kept as it is:
///
/// - a paragraph starts at a line without indentation, or at a list item ("- ", "* ") at any
///   indentation, and goes on over the following lines at its continuation indentation (none for
///   text, the item's text column for a list item), up to a blank line or the next block;
/// - its lines after the first start at that indentation (a list item's under its text);
/// - kept line for line: blank lines, headings ("#"), table rows ("|"), fenced code ("```" to
///   "```") and indented lines that continue nothing (command examples), so that a command is
///   never broken; a word longer than the room stays whole on a line of its own.
///
///     fillParagraphs("Every run is paired:\nthe same split.\n\n  trainer train a.json\n", width: 16) =
///     "Every run is\npaired: the same\nsplit.\n\n  trainer train a.json\n"
///
/// Widths count `Character`s, as `wrapLines` does.
/// - Parameter width: at least 1.
/// - Complexity: O(characters of `text`).
public func fillParagraphs(_ text: String, width: Int) -> String {
    precondition(width >= 1, "a line holds at least one character")
    var output: [String] = []
    var paragraph: FilledParagraph?
    var inFence = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let indentation = line.prefix { $0 == " " }.count
        let content = line.dropFirst(indentation)
        if content.hasPrefix("```") { inFence.toggle() }
        let isVerbatim = inFence || content.hasPrefix("```") || content.isEmpty || content.hasPrefix("#") || content.hasPrefix("|")
        let marker = isVerbatim ? nil : ["- ", "* "].first { content.hasPrefix($0) }
        if !isVerbatim, marker == nil, paragraph?.continuation.count == indentation {
            paragraph?.words += content.split(separator: " ")
            continue
        }
        if let paragraph { output += paragraph.lines(width: width) }
        paragraph = nil
        if !isVerbatim, marker != nil || indentation == 0 {
            let lead = String(line.prefix(indentation)) + (marker ?? "")
            paragraph = FilledParagraph(lead: lead, continuation: String(repeating: " ", count: lead.count),
                                        words: content.dropFirst(marker?.count ?? 0).split(separator: " "))
        } else {
            output.append(String(line))
        }
    }
    if let paragraph { output += paragraph.lines(width: width) }
    return output.joined(separator: "\n")
}

/// `text` filled into lines of at most `width` characters, the first starting with `lead` and the
/// others with as many spaces, so that an option's help continues under itself:
///
///     fillHanging("write the results into DIR", lead: "  --out DIR  ", width: 30) =
///     "  --out DIR  write the results\n             into DIR"
public func fillHanging(_ text: String, lead: String, width: Int) -> String {
    FilledParagraph(lead: lead, continuation: String(repeating: " ", count: lead.count), words: text.split(separator: " "))
        .lines(width: width).joined(separator: "\n")
}

/// The words of one paragraph of `fillParagraphs`, and what starts its lines.
private struct FilledParagraph {
    /// What starts the first line: its indentation and list marker.
    let lead: String
    /// What starts every other line: spaces up to the text's column.
    let continuation: String
    var words: [Substring]

    /// The words filled greedily into lines of at most `width` characters.
    func lines(width: Int) -> [String] {
        var lines: [String] = []
        var line = lead, lineHasWord = false
        for word in words {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = continuation
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
