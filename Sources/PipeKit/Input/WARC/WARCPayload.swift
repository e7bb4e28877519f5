/// What `parse` reads of a WARC record that holds a web page: the record with its page decoded.
///
/// A `response` record's block is an HTTP response: one with a 2xx status and an HTML payload
/// (`text/html` or `application/xhtml+xml` by its `Content-Type`, else by
/// `WARC-Identified-Payload-Type`, else by its first bytes) is kept, its body de-chunked
/// (`Transfer-Encoding: chunked`), decompressed (`Content-Encoding: gzip` or `deflate`) and
/// converted to UTF-8 from the charset its header, byte order mark or `<meta>` gives
/// (``WebCharset``). A `resource` record's block is the page itself; a `conversion` record's
/// (`text/plain`, as in Common Crawl's WET files) is the page's text. The record keeps its WARC
/// header and its HTTP header, rewritten to say what the block now is.
package enum WARCPayload {
    /// The media types read as web pages.
    package static let pageTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    /// Whether the record holds a web page, by its type and its HTTP header (which `block` starts with).
    static func isPage(header: MessageHeader, block: ArraySlice<UInt8>) -> Bool {
        switch header["WARC-Type"]?.lowercased() {
        case "response":
            guard let (http, body) = MessageHeader.split(block) else { return false }
            return isSuccess(http) && isHTML(http.mediaType ?? header["WARC-Identified-Payload-Type"], body: body)
        case "resource":
            return isHTML(header.mediaType ?? header["WARC-Identified-Payload-Type"], body: block)
        case "conversion":
            return header.mediaType == "text/plain"
        default:
            return false
        }
    }

    /// The record to parse, its page decoded; nil for a record that holds no web page.
    ///
    /// - Throws: ``PipeError`` when the body cannot be decoded, or decodes to more than `limit` bytes.
    static func decoded(header: MessageHeader, block: [UInt8], limit: Int) throws -> [UInt8]? {
        guard isPage(header: header, block: block[...]) else { return nil }
        var header = header
        if header["WARC-Type"]?.lowercased() == "conversion" {
            // A WET file's text, in UTF-8 as Common Crawl writes it.
            let text = WebCharset.utf8(block, from: "UTF-8")
            header["Content-Length"] = String(text.count)
            return header.bytes + text
        }
        if header["WARC-Type"]?.lowercased() == "resource" {
            let page = WebCharset.utf8(block, declared: header["Content-Type"].flatMap(WebCharset.parameter(of:)))
            header["Content-Type"] = (header.mediaType ?? "text/html") + "; charset=utf-8"
            header["Content-Length"] = String(page.count)
            return header.bytes + page
        }
        guard let split = MessageHeader.split(block[...]) else { return nil }
        var http = split.header
        let page = try HTTPBody.decoded(split.rest, header: http, limit: limit)
        let charset = http["Content-Type"].flatMap(WebCharset.parameter(of:))
        let text = WebCharset.utf8(page, declared: charset)
        http["Content-Type"] = (http.mediaType ?? "text/html") + "; charset=utf-8"
        for name in ["Transfer-Encoding", "Content-Encoding", "Content-Length"] { http[name] = nil }
        let block = http.bytes + text
        header["Content-Length"] = String(block.count)
        return header.bytes + block
    }

    private static func isSuccess(_ http: MessageHeader) -> Bool {
        let parts = http.firstLine.split(separator: " ")
        return parts.count >= 2 && parts[0].hasPrefix("HTTP/") && parts[1].hasPrefix("2") && parts[1].count == 3
    }

    /// Whether a payload of the media type `type` is a page; without a type, whether it starts like one.
    private static func isHTML(_ type: String?, body: ArraySlice<UInt8>) -> Bool {
        if let type, !type.isEmpty {
            return pageTypes.contains(String(type.prefix { $0 != ";" }).trimmingSpaces.lowercased())
        }
        let head = String(decoding: body.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }
}
