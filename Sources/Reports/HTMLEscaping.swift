extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, safe inside
    /// HTML and SVG text and attribute values: a run named `<svm & co>` cannot break the page.
    public var escapedForMarkup: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
