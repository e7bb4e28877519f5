import PipeKit

/// Reads the project's `dated-text` format, and plain `text` (the same without a header).
///
/// ```
///  date 2024-12-08 https://example.com/a        ← header, an optional leading space
///                                               ← blank line
/// Title                                         ← the title
///                                               ← blank line
/// Title                                         ← the title again (optional)
///                                               ← blank line
/// Body paragraphs separated by blank lines …
/// ```
enum DatedTextParser {
    struct Parsed: Equatable {
        var date: CalendarDate?
        var url: String?
        var title: String
        var body: String
    }

    static func parse(_ text: String, hasHeader: Bool) throws -> Parsed {
        let hasCarriageReturn = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\r")) }
            ?? text.utf8.contains(UInt8(ascii: "\r"))
        let normalized = hasCarriageReturn ? text.replacing("\r\n", with: "\n") : text
        var lines = Lines(normalized[...])
        var date: CalendarDate?
        var url: String?
        if hasHeader {
            guard let header = lines.popFirst() else { throw PipeError(.malformedRecord, "the record is empty") }
            (date, url) = try parseHeader(header)
        }
        while let line = lines.first, isBlank(line) { lines.removeFirst() }
        guard let titleLine = lines.popFirst() else {
            throw PipeError(.malformedRecord, hasHeader ? "the record has a header but no title or body" : "the record is blank")
        }
        let title = titleLine.trimmingWhitespace()
        while let line = lines.first, isBlank(line) { lines.removeFirst() }
        if let repeated = lines.first, repeated.trimmingWhitespace() == title,
           lines.dropFirst().first.map(isBlank) ?? true {
            lines.removeFirst()
            while let line = lines.first, isBlank(line) { lines.removeFirst() }
        }
        while let line = lines.last, isBlank(line) { lines.removeLast() }
        let body = String(lines.joined)
        guard !body.isEmpty else {
            throw PipeError(.malformedRecord, "the article `\(title)` has an empty body")
        }
        return Parsed(date: date, url: url, title: title, body: body)
    }

    /// The lines of a text (split at `\n`, an empty line after a final one), taken from either end.
    ///
    /// A record's header and title are a few lines at its start and its blank lines a few at its
    /// end: only those are looked for, and the body is the text between them as it stands. Split
    /// into lines by `Character` and joined again, every body went through grapheme breaking twice,
    /// which made parsing `dated-text` slower than extracting entities.
    struct Lines {
        /// The text of the lines left, `\n` between them.
        private var rest: Substring
        /// Whether no line is left (`rest` is empty then, as it is for one empty line).
        private var isEmpty = false

        init(_ text: Substring) {
            rest = text
        }

        /// The first line left.
        var first: Substring? {
            guard !isEmpty else { return nil }
            return rest.utf8.firstIndex(of: UInt8(ascii: "\n")).map { rest[..<$0] } ?? rest
        }

        /// The last line left.
        var last: Substring? {
            guard !isEmpty else { return nil }
            return rest.utf8.lastIndex(of: UInt8(ascii: "\n")).map { rest[rest.utf8.index(after: $0)...] } ?? rest
        }

        /// The lines left, joined by `\n`: the text they stand in.
        var joined: Substring { isEmpty ? "" : rest }

        /// Removes the first line.
        mutating func removeFirst() {
            _ = popFirst()
        }

        /// Removes and returns the first line.
        mutating func popFirst() -> Substring? {
            guard let line = first else { return nil }
            if line.endIndex < rest.endIndex {
                rest = rest[rest.utf8.index(after: line.endIndex)...]
            } else {
                (rest, isEmpty) = ("", true)
            }
            return line
        }

        /// Removes the last line.
        mutating func removeLast() {
            guard let line = last else { return }
            if line.startIndex > rest.startIndex {
                rest = rest[..<rest.utf8.index(before: line.startIndex)]
            } else {
                (rest, isEmpty) = ("", true)
            }
        }

        /// The lines without the first.
        func dropFirst() -> Lines {
            var copy = self
            copy.removeFirst()
            return copy
        }
    }

    static func parseHeader(_ line: Substring) throws -> (CalendarDate, String?) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.first == "date", fields.count == 2 || fields.count == 3 else {
            throw PipeError(.malformedRecord, "malformed header `\(line.prefix(80))`",
                            hint: "the first line must be ` date YYYY-MM-DD URL`")
        }
        guard let date = CalendarDate(fields[1]) else {
            throw PipeError(.malformedRecord, "malformed date `\(fields[1])` in the header",
                            hint: "write the date as YYYY-MM-DD")
        }
        return (date, fields.count == 3 ? String(fields[2]) : nil)
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
