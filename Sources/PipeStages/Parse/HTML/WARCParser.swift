import PipeKit

/// Reads a WARC record, as the input reader decoded it (``WARCPayload``), into an article: its
/// page as `html` reads one, `url` from `WARC-Target-URI`, the fetch date (`WARC-Date`) when the
/// page gives none, and `warc_record_id`. A `conversion` record (a WET file's text) is read as
/// `text` reads a file: its first line, the page's title, is the title. A record without a page
/// (its header alone) is nil: counted as filtered.
enum WARCParser {
    static func parse(_ record: RawRecord, timeZone: InputTimeZone) throws -> Article? {
        guard let (header, block) = MessageHeader.split(record.bytes[...]), header.firstLine.hasPrefix("WARC/") else {
            throw PipeError(.malformedRecord, "the record is not a WARC record: it does not start with a `WARC/1.x` header")
        }
        guard !block.isEmpty else { return nil }
        var page = block
        if header["WARC-Type"]?.lowercased() == "response" {
            guard let http = MessageHeader.split(block) else {
                throw PipeError(.malformedRecord, "the WARC response record holds no HTTP header")
            }
            page = http.rest
        }
        let target = header["WARC-Target-URI"].map { $0.hasPrefix("<") && $0.hasSuffix(">") ? String($0.dropFirst().dropLast()) : $0 }
        let fields = header["WARC-Record-ID"].map { ["warc_record_id": JSONValue.string($0)] } ?? [:]
        if header["WARC-Type"]?.lowercased() == "conversion" {
            let text = try DatedTextParser.parse(try RecordText.decode(Array(block)), hasHeader: false)
            let fetched = header["WARC-Date"].flatMap { PublishedDate.parse($0, in: timeZone) }
            return Article(id: record.id, source: record.source, date: fetched?.date, publishedAt: fetched?.instant, url: target,
                           title: text.title, body: text.body, fields: fields)
        }
        return try HTMLParser.article(page: Array(page), charset: "UTF-8", of: record, timeZone: timeZone,
                                      url: target, fetched: header["WARC-Date"], fields: fields)
    }
}
