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
        let normalized = text.utf8.contains(UInt8(ascii: "\r")) ? text.replacing("\r\n", with: "\n") : text
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)[...]
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
        let body = lines.joined(separator: "\n")
        guard !body.isEmpty else {
            throw PipeError(.malformedRecord, "the article `\(title)` has an empty body")
        }
        return Parsed(date: date, url: url, title: title, body: body)
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
