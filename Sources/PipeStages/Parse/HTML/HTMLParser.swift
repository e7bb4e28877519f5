import PipeKit

/// Reads one web page into an article: the headline, the main text as paragraphs, the
/// publication date (`date` and `published_at`), and `canonical_url` and `author` as custom fields.
enum HTMLParser {
    static func parse(_ record: RawRecord, timeZone: InputTimeZone) throws -> Article {
        guard let page = HTMLArticle(bytes: record.bytes) else {
            throw PipeError(.malformedRecord, "the record is not an HTML page libxml2 can read")
        }
        let body = page.paragraphs.joined(separator: "\n\n")
        guard body.contains(where: { !$0.isWhitespace }) else {
            throw PipeError(.malformedRecord, "the page `\(record.id)` has no main text")
        }
        let published = page.date.flatMap { PublishedDate.parse($0, in: timeZone) }
        var fields: [String: JSONValue] = [:]
        if let canonical = page.canonicalURL { fields["canonical_url"] = .string(canonical) }
        if let author = page.author { fields["author"] = .string(author) }
        var article = Article(id: record.id, source: record.source, date: published?.date, publishedAt: published?.instant,
                              url: page.canonicalURL, title: page.title, body: body, fields: fields)
        article.language = page.language
        return article
    }
}
