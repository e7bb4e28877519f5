import Glibc
import PipeKit
@testable import PipeStages
import Testing

@Suite("HTMLParser")
struct HTMLParserTests {
    /// A page written for this test: navigation, a cookie banner, an ad, related links and
    /// comments around a three-paragraph article, with its metadata in the head.
    static let page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <title>Aid convoys reach Idlib | The Daily Coast</title>
          <meta property="og:title" content="Aid convoys reach Idlib after two weeks">
          <meta name="author" content="Leila Haddad">
          <link rel="canonical" href="https://example.org/news/aid-convoys">
          <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-12-08T14:03:00+03:00"}</script>
        </head>
        <body>
          <div id="cookie-banner"><p>We use cookies to make this site work, and to measure how you use it.</p></div>
          <nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
          <header><h1>The Daily Coast</h1></header>
          <main>
            <article class="story">
              <h1>Aid convoys reach Idlib after two weeks</h1>
              <p>Twelve trucks of flour, medicine and blankets reached Idlib on Sunday, after two weeks at the border crossing.</p>
              <div class="advert"><p>Buy the best winter tyres now, with free fitting, at your nearest garage.</p></div>
              <p>"The roads were closed by snow, and then by checkpoints," said Omar Fares, who drove the first truck.</p>
              <p>The United Nations said a second convoy, of twenty trucks, would leave on Wednesday.</p>
            </article>
            <section class="related-stories"><h2>Related</h2><p><a href="/a">Markets reopen in Aleppo, and prices begin to fall slowly</a></p></section>
            <div id="comments"><p>This is the best report I have read on the convoys this whole winter, thank you.</p></div>
          </main>
          <footer><p>Copyright 2024 The Daily Coast, all rights reserved, no part may be copied.</p></footer>
        </body>
        </html>
        """

    func parse(_ html: String) throws -> Article {
        try ParseStage.parse(RawRecord(id: "aid", source: "pages/aid.html", format: .html, bytes: Array(html.utf8)))
    }

    @Test(arguments: [("<meta charset=\"windows-1251\">", "WINDOWS-1251", [] as [UInt8]),
                      ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", "KOI8-R", []),
                      ("", "UTF-16LE", [0xFF, 0xFE])])
    func readsThePageInTheCharsetItsMetaOrByteOrderMarkGives(head: String, encoding: String, byteOrderMark: [UInt8]) throws {
        let text = "Паром снова ходит в Латакию, впервые после трёх недель ремонта двигателя."
        let page = byteOrderMark + Self.encode("<html><head>\(head)</head><body><p>\(text)</p></body></html>", encoding)
        let article = try ParseStage.parse(RawRecord(id: "p", source: "p.html", format: .html, bytes: page))
        #expect(article.body == text)
    }

    /// `text` in `encoding`, through iconv.
    static func encode(_ text: String, _ encoding: String) -> [UInt8] {
        let converter = iconv_open(encoding, "UTF-8")
        defer { iconv_close(converter) }
        var input = Array(text.utf8), output = [UInt8](repeating: 0, count: input.count * 4)
        var (inLeft, outLeft) = (input.count, output.count)
        input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        return Array(output[..<(output.count - outLeft)])
    }

    @Test func findsTheMainTextAndTheMetadata() throws {
        let article = try parse(Self.page)
        #expect(article.title == "Aid convoys reach Idlib after two weeks")
        #expect(article.body == """
            Twelve trucks of flour, medicine and blankets reached Idlib on Sunday, after two weeks at the border crossing.

            "The roads were closed by snow, and then by checkpoints," said Omar Fares, who drove the first truck.

            The United Nations said a second convoy, of twenty trucks, would leave on Wednesday.
            """)
        #expect(article.date?.description == "2024-12-08")
        #expect(article.publishedAt?.description == "2024-12-08T11:03:00Z")
        #expect(article.url == "https://example.org/news/aid-convoys")
        #expect(article.fields == ["canonical_url": "https://example.org/news/aid-convoys", "author": "Leila Haddad"])
        #expect(article.language == "en")
    }

    @Test func theHeadlineFallsBackToH1ThenToTheTitleWithoutTheSiteName() throws {
        let body = "<p>" + String(repeating: "A sentence about the harbour, and the ships in it. ", count: 3) + "</p>"
        let h1 = try parse("<html><head><title>Site | Other</title></head><body><h1>Harbour news</h1>\(body)</body></html>")
        #expect(h1.title == "Harbour news")
        let titled = try parse("<html><head><title>Harbour reopens after the storm | Coast</title></head><body>\(body)</body></html>")
        #expect(titled.title == "Harbour reopens after the storm")
    }

    @Test func aBlogPostWithLineBreaksInsteadOfParagraphsIsRead() throws {
        let text = "The ferry sailed at dawn, with forty passengers, two cars and a crate of oranges on board."
        let article = try parse("<html><body><div class=\"post-body\">\(text)<br><br>\(text)</div></body></html>")
        #expect(article.body.contains("The ferry sailed at dawn"))
    }

    static let sentences = [
        "The ferry sailed at dawn, with forty passengers, two cars and a crate of oranges on board.",
        "Its captain, who has crossed to Cyprus for thirty years, said the sea was calm all the way.",
        "The port authority said a second ferry, repaired over the winter, would join it in March.",
    ]

    @Test func looseTextBetweenLineBreaksInAContainerOfOtherBlocksIsTheArticle() throws {
        let loose = Self.sentences.joined(separator: "\n<br> <br>")
        let article = try parse("""
            <html><body><div class="article"><h1 class="title">Ferry sails</h1><div class="byline">by <a href="/a">A. Writer</a></div>
            <div class="content">\(loose)<br><br><div class="linkback">Tag: <a href="/r">ferries</a></div></div></div>
            <div class="footer"><div class="links"><a href="/1">One more story about the port and the ferries</a></div></div></body></html>
            """)
        #expect(article.body == Self.sentences.joined(separator: "\n\n"))
    }

    @Test func aWrapperOfTheWholePageWhoseNameReadsAsAnAdIsLookedThroughWhenNothingElseIsFound() throws {
        let paragraphs = Self.sentences.map { "<p>\($0)</p>" }.joined()
        let article = try parse("<html><body><div class=\"advertisement-off-canvas--pusher\"><section>\(paragraphs)</section></div></body></html>")
        #expect(article.body == Self.sentences.joined(separator: "\n\n"))
    }

    @Test func theSecondLookKeepsNothingOfTheFirst() throws {
        // Found by FuzzHTML: `<br>`s the first look numbered inside a left-out wrapper kept those
        // numbers into the second, past the end of its figures.
        let text = "A sentence long enough to count as a paragraph, with commas, and more words."
        let article = try parse("<html><body><div class=\"advert\">\(text)" + String(repeating: "<br>", count: 20) + "</div></body></html>")
        #expect(article.body == text)
    }

    @Test func paragraphsWrappedOneByOneAreFoundThroughTheElementTheyShare() throws {
        // Each paragraph in two `div`s of its own: the shared container wins over any one of them.
        let cards = Self.sentences.map { "<div class=\"card\"><div class=\"card-content\"><p>\($0)</p></div></div>" }.joined()
        let article = try parse("<html><body><h1>Ferry sails</h1><div id=\"article-body\">\(cards)</div><div><p>Elsewhere, a short note.</p></div></body></html>")
        #expect(article.body == Self.sentences.joined(separator: "\n\n"))
        #expect(article.title == "Ferry sails")
    }

    @Test func aPageWithoutMainTextIsAnErrorForItAlone() {
        #expect(throws: PipeError.self) { try parse("<html><body><nav><a href=\"/\">Home</a></nav></body></html>") }
    }

    @Test func htmlNested100000DeepIsReadWithoutACrash() {
        let deep = String(repeating: "<div>", count: 100_000) + "<p>Deep text.</p>" + String(repeating: "</div>", count: 100_000)
        // libxml2 stops nesting past its limit; the page then has no main text, or some: never a crash.
        _ = try? parse("<html><body>\(deep)</body></html>")
    }
}

@Suite("WARCParser")
struct WARCParserTests {
    static let page = "<html><body><article><p>The ferry to Latakia sailed again on Saturday, after three weeks of repairs to its engine.</p></article></body></html>"

    func parse(_ record: String) throws -> Article? {
        try ParseStage.article(from: RawRecord(id: "c:2", source: "c.warc", format: .warc, bytes: Array(record.utf8)))
    }

    static func record(type: String = "response", block: String, date: String = "2024-12-09T08:15:00Z") -> String {
        "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: <https://example.org/ferry>\r\n"
            + "WARC-Date: \(date)\r\nContent-Length: \(block.utf8.count)\r\n\r\n\(block)"
    }

    @Test func aResponseIsItsPageWithTheTargetURIAndTheFetchDate() throws {
        let article = try #require(try parse(Self.record(block: "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\(Self.page)")))
        #expect(article.id == "c:2" && article.url == "https://example.org/ferry")
        #expect(article.body.hasPrefix("The ferry to Latakia") && article.date?.description == "2024-12-09")
        #expect(article.fields["warc_record_id"] == .string("<urn:uuid:1>"))
    }

    @Test func aResourceRecordIsThePageItself() throws {
        #expect(try parse(Self.record(type: "resource", block: Self.page))?.body.hasPrefix("The ferry") == true)
    }

    @Test func aConversionRecordOfAWETFileIsItsTextWithTheFirstLineAsTitle() throws {
        let article = try #require(try parse(Self.record(type: "conversion", block: "Ferry sails again\nThe ferry to Latakia sailed again.\n")))
        #expect(article.title == "Ferry sails again" && article.body == "The ferry to Latakia sailed again.")
        #expect(article.url == "https://example.org/ferry" && article.date?.description == "2024-12-09")
    }

    @Test func aRecordWithoutAPageIsFiltered() throws {
        #expect(try parse(Self.record(type: "request", block: "")) == nil)
        #expect(throws: PipeError.self) { try ParseStage.parse(RawRecord(id: "c:2", source: "c.warc", format: .warc, bytes: Array(Self.record(block: "").utf8))) }
    }

    @Test func bytesThatAreNoWARCRecordAreAnError() {
        let error = #expect(throws: PipeError.self) { try parse("<html><p>x</p></html>") }
        #expect(error?.message == "the record is not a WARC record: it does not start with a `WARC/1.x` header")
    }
}

@Suite("FeedItemParser")
struct FeedItemParserTests {
    func parse(_ item: String) throws -> Article {
        try ParseStage.parse(RawRecord(id: "f:3", source: "f.rss", format: .feed, bytes: Array(item.utf8)))
    }

    @Test func theBodysHTMLIsConvertedWholeParagraphByParagraph() throws {
        let article = try parse(#"""
            {"id":"g1","url":"https://example.org/1","title":"A <em>b</em> &amp; c","date":"Sun, 08 Dec 2024 09:30:00 +0200",
             "author":"Lina","feed_title":"Gazette","body_is_html":true,
             "body":"<p>First <b>one</b>.</p><ul><li>Two</li><li>Three</li></ul>Four<br><br>Five<br>six<script>x()</script><div class=\"share\">Share this</div>"}
            """#)
        #expect(article.id == "g1" && article.url == "https://example.org/1" && article.title == "A b & c")
        #expect(article.body == "First one.\n\nTwo\n\nThree\n\nFour\n\nFive six\n\nShare this")
        #expect(article.publishedAt?.description == "2024-12-08T07:30:00Z")
        #expect(article.fields["author"] == .string("Lina") && article.fields["feed_title"] == .string("Gazette"))
    }

    @Test func aTextBodyIsCutAtBlankLinesAndAnItemWithoutIdIsNamedByItsPlace() throws {
        let article = try parse(#"{"title":"T","body_is_html":false,"body":"One\nline.\n\nTwo <b>not markup</b>."}"#)
        #expect(article.id == "f:3" && article.body == "One line.\n\nTwo <b>not markup</b>.")
    }

    @Test(arguments: [
        (#"{"title":"T","body_is_html":true}"#, "the feed item `T` has no body"),
        (#"{"title":"T","body":"x","date":"someday"}"#, "the feed item's date `someday` is in no format Pipe reads"),
    ])
    func anItemWithoutABodyOrWithABadDateIsAnError(item: String, message: String) {
        let error = #expect(throws: PipeError.self) { try parse(item) }
        #expect(error?.message == message)
    }
}

/// A WARC record or feed item that fails is written to the dead-letter file as the reader decoded
/// it (text), and replays alone into the same article.
@Suite("Web dead letters")
struct WebDeadLetterTests {
    static let text = "The ferry to Latakia sailed again on Saturday, after three weeks of repairs to its engine."

    /// A WARC response whose page is sent chunked, and a feed whose item holds the page escaped.
    static func input(_ format: InputFormat) -> [UInt8] {
        let page = Array("<html><body><p>\(text)</p></body></html>".utf8)
        guard format == .warc else {
            return Array("<rss><channel><item><title>Ferry</title><description>&lt;p&gt;\(text)&lt;/p&gt;</description></item></channel></rss>".utf8)
        }
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\(String(page.count, radix: 16))\r\n".utf8)
            + page + Array("\r\n0\r\n\r\n".utf8)
        let header = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/f\r\nWARC-Date: 2024-12-09T08:15:00Z\r\n"
            + "Content-Length: \(block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    @Test(arguments: [InputFormat.warc, .feed])
    func aRecordReplaysFromItsDeadLetterIntoTheSameArticle(format: InputFormat) throws {
        let spec = InputSpec(path: "in", format: format)
        let record = try #require(InputReader.records(in: Self.input(format), file: "in/c", spec: spec).first)
        let article = try #require(try ParseStage.article(from: record, input: spec))
        #expect(article.body == Self.text)
        // The dead letter as the run's sink writes it.
        var writer = JSONWriter()
        writer.beginObject()
        for (key, value) in [("id", record.id), ("source", record.source), ("stage", "normalize"), ("error", "x"),
                             ("raw", record.text), ("format", format.rawValue)] {
            writer.key(key)
            writer.string(value)
        }
        writer.endObject()
        let replayed = try #require(InputReader.records(in: writer.bytes + [0x0A], file: "out/x.dead-letter.jsonl", spec: spec).first)
        #expect(replayed.format == format)
        #expect(try ParseStage.article(from: replayed, input: spec) == article)
    }
}
