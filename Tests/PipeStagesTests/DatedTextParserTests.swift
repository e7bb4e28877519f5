import PipeKit
@testable import PipeStages
import Testing

@Suite("DatedTextParser")
struct DatedTextParserTests {
    /// The parser as it was first written, splitting the whole text into lines by `Character`
    /// and joining the body's lines again: the specification the line cursor must meet.
    private func reference(_ text: String, hasHeader: Bool) throws -> DatedTextParser.Parsed {
        let normalized = text.utf8.contains(UInt8(ascii: "\r")) ? text.replacing("\r\n", with: "\n") : text
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var date: CalendarDate?
        var url: String?
        if hasHeader {
            guard let header = lines.popFirst() else { throw PipeError(.malformedRecord, "the record is empty") }
            (date, url) = try DatedTextParser.parseHeader(header)
        }
        while let line = lines.first, DatedTextParser.isBlank(line) { lines.removeFirst() }
        guard let titleLine = lines.popFirst() else { throw PipeError(.malformedRecord, "no title") }
        let title = titleLine.trimmingWhitespace()
        while let line = lines.first, DatedTextParser.isBlank(line) { lines.removeFirst() }
        if let repeated = lines.first, repeated.trimmingWhitespace() == title, lines.dropFirst().first.map(DatedTextParser.isBlank) ?? true {
            lines.removeFirst()
            while let line = lines.first, DatedTextParser.isBlank(line) { lines.removeFirst() }
        }
        while let line = lines.last, DatedTextParser.isBlank(line) { lines.removeLast() }
        let body = lines.joined(separator: "\n")
        guard !body.isEmpty else { throw PipeError(.malformedRecord, "empty body") }
        return DatedTextParser.Parsed(date: date, url: url, title: title, body: body)
    }

    static let texts = [
        " date 2024-12-08 https://example.org/a\n\nTitle\n\nTitle\n\nBody one.\n\nBody two.\n",
        "date 2024-12-08\nTitle\nBody right after the title\n\n\n",
        " date 2024-12-08 u\n \t\n\u{00A0}\nTitle  \n\n  Title\nNot blank after the repeat\n\nMore.",
        " date 2024-12-08 u\r\n\r\nTitre été\r\n\r\nLe corps.\r\nSuite\r\n\r\n",
        " date 2024-12-08 u\n\nT\n\nT\n\u{2003}\n\nBody\n\u{2003}\n \n\n",
        " date 2024-12-08 u\n\nT\n\nB",
        " date 2024-12-08 u\n\nOnly a title\n",
        " date 2024-12-08 u\n\nT\n\nT\n",
        "",
        "\n\n\n",
        "Title without header\n\nAnd its body, with a lone \r carriage return.\n",
        " date 2024-12-08 u\n\nTitle\n\nBody with a space and a combining mark on the next line\n \u{301}\n",
    ]

    @Test(arguments: texts)
    func meetsTheReference(text: String) {
        for hasHeader in [true, false] {
            let expected = Result { try reference(text, hasHeader: hasHeader) }
            let parsed = Result { try DatedTextParser.parse(text, hasHeader: hasHeader) }
            switch (expected, parsed) {
            case (.success(let expected), .success(let parsed)): #expect(parsed == expected, "\(text.debugDescription)")
            case (.failure, .failure): break
            default: Issue.record("\(text.debugDescription), header \(hasHeader): \(expected) against \(parsed)")
            }
        }
    }

    @Test func theLinesAreTakenFromBothEnds() {
        var lines = DatedTextParser.Lines("a\nb\n\nc\n"[...])
        #expect(lines.first == "a")
        #expect(lines.last == "")
        lines.removeLast()
        #expect(lines.last == "c")
        #expect(lines.popFirst() == "a")
        #expect(lines.joined == "b\n\nc")
        #expect(lines.dropFirst().first == "")
        lines.removeLast()
        lines.removeLast()
        #expect(lines.joined == "b")
        lines.removeLast()
        #expect(lines.first == nil && lines.last == nil && lines.popFirst() == nil && lines.joined == "")
    }
}
