/// `text` with every line cut to at most `width` characters, for a terminal of that width: a long
/// line breaks at its last space that fits, and its continuation lines keep the line's indentation
/// plus two spaces (a hanging indent, so that a wrapped option or note still reads as one item). A
/// word longer than a line (a long path) is cut where the line ends. Lines that fit, and the final
/// newline, are kept as they are.
///
///     wrapLines("  svm: interrupted during epoch 12", width: 20) =
///     "  svm: interrupted\n    during epoch 12"
///
/// Widths count `Character`s, as `TextTable` does.
/// - Parameter width: at least 1; the indentation is capped at half of it so that every line
///   carries text.
/// - Complexity: O(characters of `text`).
public func wrapLines(_ text: String, width: Int) -> String {
    precondition(width >= 1, "a line holds at least one character")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.map { wrapLine(Substring($0), width: width) }.joined(separator: "\n")
}

/// One line (no "\n") wrapped as `wrapLines` says.
private func wrapLine(_ line: Substring, width: Int) -> String {
    guard line.count > width else { return String(line) }
    let indentation = min(line.prefix { $0 == " " }.count, width / 2)
    let hanging = String(repeating: " ", count: min(indentation + 2, width / 2))
    var output: [String] = []
    var rest = line[...]
    var prefix = ""
    while !rest.isEmpty {
        let room = width - prefix.count
        if rest.count <= room {
            output.append(prefix + rest)
            break
        }
        let window = rest.prefix(room + 1)
        // The last space within the room (a space right after it also counts); none: cut the word.
        let breakIndex = window.dropFirst(prefix.isEmpty ? indentation : 0).lastIndex(of: " ")
        let head: Substring, tail: Substring
        if let breakIndex, breakIndex > rest.startIndex {
            head = rest[..<breakIndex]
            tail = rest[rest.index(after: breakIndex)...]
        } else {
            head = rest.prefix(room)
            tail = rest.dropFirst(room)
        }
        var trimmedHead = head
        while trimmedHead.last == " " { trimmedHead = trimmedHead.dropLast() }
        output.append(prefix + trimmedHead)
        rest = tail.drop { $0 == " " }
        prefix = hanging
    }
    return output.joined(separator: "\n")
}
