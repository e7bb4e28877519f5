import PipeKit

/// One article as a CSV row (RFC 4180: comma-separated, CRLF line ends, fields with commas,
/// quotes or line breaks quoted, quotes doubled).
///
/// Scalar fields come as they are; entities are flattened into one column per type with names
/// joined by `; `; dates, quotes and keywords likewise. A field a stage did not produce is empty.
struct CSVRow {
    static let columns = [
        "id", "source", "date", "published_at", "url", "title", "body", "language", "language_confidence",
        "persons", "organizations", "locations", "misc", "dates", "quotes", "keywords",
    ]
    static let header = columns.joined(separator: ",") + "\r\n"

    let article: Article

    var fields: [String] {
        func names(_ type: EntityType) -> String {
            (article.entities ?? []).filter { $0.type == type }.map(\.text).joined(separator: "; ")
        }
        return [
            article.id, article.source, article.date?.description ?? "", article.publishedAt?.description ?? "", article.url ?? "", article.title, article.body,
            article.language ?? "", article.languageConfidence.map { String($0) } ?? "",
            names(.person), names(.organization), names(.location), names(.misc),
            (article.dates ?? []).map { $0.valueText }.joined(separator: "; "),
            (article.quotes ?? []).map { quote in quote.speaker.map { "\($0): \(quote.text)" } ?? quote.text }.joined(separator: "; "),
            (article.keywords ?? []).map(\.text).joined(separator: "; "),
        ]
    }

    /// Appends the row, its fields escaped, and the line end.
    func append(to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.append(field, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Appends `field`, quoted with its quotes doubled when it holds a comma, a quote or a line break.
    ///
    /// Those are ASCII bytes, which in UTF-8 never stand inside another character's bytes: the
    /// field is searched byte by byte, not by `Character` (grapheme clusters, about 15 MB/s, where
    /// `,` followed by a combining mark was one character and escaped nothing).
    static func append(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else { return bytes.append(contentsOf: utf8) }
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") {
                // The run up to and with the quote, then the quote again.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...index]))
                bytes.append(UInt8(ascii: "\""))
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
