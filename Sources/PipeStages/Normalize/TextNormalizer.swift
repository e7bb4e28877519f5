/// Whitespace and paragraph handling for `normalize`.
enum TextNormalizer {
    /// The paragraphs of a text (split at blank lines), each with its whitespace collapsed; empty ones dropped.
    static func paragraphs(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring.UnicodeScalarView] = []
        func close() {
            let paragraph = collapse(current)
            if !paragraph.isEmpty { paragraphs.append(paragraph) }
            current.removeAll()
        }
        let text = text.utf8.contains(0x0D) ? text.replacing("\r\n", with: "\n") : text
        for line in text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak) {
            if line.allSatisfy(ScalarText.isWhitespace) {
                close()
            } else {
                current.append(line)
            }
        }
        close()
        return paragraphs
    }

    /// Whether a scalar ends a line: LF, CR, VT, FF, NEL, LS, PS (CR LF is made LF first).
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The lines joined by one space, with every run of white space made one space, and trimmed.
    static func collapse(_ lines: [Substring.UnicodeScalarView]) -> String {
        var result = ScalarText(capacity: lines.reduce(0) { $0 + $1.count })
        var pendingSpace = false
        for line in lines {
            pendingSpace = !result.isEmpty
            for scalar in line {
                if ScalarText.isWhitespace(scalar) {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(" ") }
                    pendingSpace = false
                    result.append(scalar)
                }
            }
        }
        return result.string
    }

    /// The text with every run of whitespace (including line breaks and no-break spaces) made one space, and trimmed.
    static func collapse(_ text: String) -> String {
        var result = ScalarText(capacity: text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if ScalarText.isWhitespace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return result.string
    }

    /// Whether a paragraph repeats the title, ignoring case and a final full stop.
    static func isSameTitle(_ paragraph: String, _ title: String) -> Bool {
        func key(_ text: String) -> String {
            var text = text.lowercased()
            while text.last == "." || text.last == " " { text.removeLast() }
            return text
        }
        return !title.isEmpty && key(paragraph) == key(title)
    }
}
