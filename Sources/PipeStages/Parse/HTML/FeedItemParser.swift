import PipeKit

/// Reads a feed item, as the input reader wrote it (``FeedRecords``), into an article: its
/// title, link, date, author and id, and its body's HTML converted to text whole, paragraph by
/// paragraph (``HTMLText``); `feed_title` and `author` become custom fields.
enum FeedItemParser {
    static func parse(_ record: RawRecord, timeZone: InputTimeZone) throws -> Article {
        let item = try JSONLineParser.decode(record.bytes)
        func string(_ key: String) -> String? {
            if case .string(let value)? = item[key], !value.isEmpty { value } else { nil }
        }
        let isHTML = item["body_is_html"] != .bool(false)
        let body = string("body").map { isHTML ? HTMLText.paragraphs(of: $0) : Self.paragraphs(ofText: $0) } ?? []
        guard !body.isEmpty else {
            throw PipeError(.malformedRecord, "the feed item `\(string("title") ?? record.id)` has no body",
                            hint: "an item's body is its `content:encoded`, `description`, or Atom `content` or `summary`")
        }
        // A title may hold markup or entities (Atom's `type="html"`): read as HTML when it looks so.
        let title = string("title").map { $0.contains("<") || $0.contains("&") ? HTMLText.paragraphs(of: $0).joined(separator: " ") : $0 }
        var published: PublishedDate?
        if let date = string("date") {
            guard let parsed = PublishedDate.parse(date, in: timeZone) else {
                throw PipeError(.malformedRecord, "the feed item's date `\(date)` is in no format Pipe reads",
                                hint: "feeds write RFC 822 dates (`Sun, 08 Dec 2024 14:03:00 +0300`) or RFC 3339 ones")
            }
            published = parsed
        }
        var fields: [String: JSONValue] = [:]
        for key in ["author", "feed_title"] { if let value = string(key) { fields[key] = .string(value) } }
        return Article(id: string("id") ?? record.id, source: record.source, date: published?.date, publishedAt: published?.instant,
                       url: string("url"), title: title ?? "", body: body.joined(separator: "\n\n"), fields: fields)
    }

    /// Plain text cut into paragraphs at blank lines, white space collapsed.
    static func paragraphs(ofText text: String) -> [String] {
        text.split(separator: "\n\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
    }
}
