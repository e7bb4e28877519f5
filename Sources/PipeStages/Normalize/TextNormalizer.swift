/// Whitespace and paragraph handling for `normalize`.
enum TextNormalizer {
    /// The paragraphs of a text (split at blank lines), each with its whitespace collapsed; empty ones dropped.
    static func paragraphs(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        func close() {
            let paragraph = collapse(current.joined(separator: " "))
            if !paragraph.isEmpty { paragraphs.append(paragraph) }
            current.removeAll()
        }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.unicodeScalars.allSatisfy(ScalarText.isWhitespace) {
                close()
            } else {
                current.append(line)
            }
        }
        close()
        return paragraphs
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
