import PipeKit

/// Reads one web page into an article: the headline, the main text as paragraphs, the
/// publication date (`date` and `published_at`), and `canonical_url` and `author` as custom fields.
enum HTMLParser {
    /// The article of a record holding one page, whose canonical address is its `url`.
    static func parse(_ record: RawRecord, timeZone: InputTimeZone) throws -> Article {
        try article(page: record.bytes, of: record, timeZone: timeZone)
    }

    /// The article of `page`, a page `record` holds: `url` (else the page's canonical address),
    /// the page's date (else `fetched`), and `fields` beside those the page gives.
    static func article(page: [UInt8], charset: String? = nil, of record: RawRecord, timeZone: InputTimeZone,
                        url: String? = nil, fetched: String? = nil, fields: [String: JSONValue] = [:]) throws -> Article {
        guard let page = HTMLArticle(bytes: page, charset: charset) else {
            throw PipeError(.malformedRecord, "the record is not an HTML page libxml2 can read")
        }
        let body = page.paragraphs.joined(separator: "\n\n")
        guard body.contains(where: { !$0.isWhitespace }) else {
            throw PipeError(.malformedRecord, "the page `\(record.id)` has no main text")
        }
        let published = [page.date, fetched].lazy.compactMap { $0.flatMap { PublishedDate.parse($0, in: timeZone) } }.first
        var fields = fields
        if let canonical = page.canonicalURL { fields["canonical_url"] = .string(canonical) }
        if let author = page.author { fields["author"] = .string(author) }
        var article = Article(id: record.id, source: record.source, date: published?.date, publishedAt: published?.instant,
                              url: url ?? page.canonicalURL, title: page.title, body: body, fields: fields)
        article.language = page.language
        return article
    }
}
