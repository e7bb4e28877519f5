import PipeKit

/// One article as a CSV row (RFC 4180: comma-separated, CRLF line ends, fields with commas,
/// quotes or line breaks quoted, quotes doubled).
///
/// Scalar fields come as they are; entities are flattened into one column per type with names
/// joined by `; `; dates, quotes and keywords likewise. A field a stage did not produce is empty.
struct CSVRow {
    static let columns = [
        "id", "source", "date", "url", "title", "body", "language", "language_confidence",
        "persons", "organizations", "locations", "misc", "dates", "quotes", "keywords",
    ]
    static let header = columns.joined(separator: ",") + "\r\n"

    let article: Article

    var fields: [String] {
        func names(_ type: EntityType) -> String {
            (article.entities ?? []).filter { $0.type == type }.map(\.text).joined(separator: "; ")
        }
        return [
            article.id, article.source, article.date?.description ?? "", article.url ?? "", article.title, article.body,
            article.language ?? "", article.languageConfidence.map { String($0) } ?? "",
            names(.person), names(.organization), names(.location), names(.misc),
            (article.dates ?? []).map { $0.valueText }.joined(separator: "; "),
            (article.quotes ?? []).map { quote in quote.speaker.map { "\($0): \(quote.text)" } ?? quote.text }.joined(separator: "; "),
            (article.keywords ?? []).map(\.text).joined(separator: "; "),
        ]
    }

    var line: String { fields.map(Self.escape).joined(separator: ",") + "\r\n" }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
