import Foundation
@testable import PipeKit
import Testing

@Suite("FeedRecords")
struct FeedRecordsTests {
    static func read(_ text: String, limit: ByteSize = InputSpec.defaultMaxRecordSize) -> [RawRecord] {
        read(Array(text.utf8), limit: limit)
    }

    static func read(_ bytes: [UInt8], limit: ByteSize = InputSpec.defaultMaxRecordSize) -> [RawRecord] {
        InputReader.records(in: bytes, file: "feeds/f.rss", spec: InputSpec(path: "feeds", format: .feed, maxRecordSize: limit))
    }

    /// The item a record holds.
    static func item(_ record: RawRecord) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(record.bytes))
    }

    static let rss = """
        <?xml version="1.0"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Gazette</title>
        <item><title>One</title><link>https://example.org/1?a=1&amp;b=2</link><guid>g1</guid>
          <pubDate>Sun, 08 Dec 2024 09:30:00 +0200</pubDate><dc:creator>Lina</dc:creator>
          <description>Short.</description><content:encoded><![CDATA[<p>Long &amp; whole.</p>]]></content:encoded></item>
        <item><title>Two&nbsp;&eacute;t&eacute;</title><description>&lt;p&gt;Escaped &amp;amp; HTML.&lt;/p&gt;</description></item>
        </channel></rss>
        """

    @Test func rssItemsKeepTheirFieldsAndTheFullestBody() throws {
        let records = Self.read(Self.rss)
        #expect(records.map(\.id) == ["f:1", "f:2"] && records.allSatisfy { $0.problem == nil && $0.format == .feed })
        let first = try Self.item(records[0]), second = try Self.item(records[1])
        #expect(first == ["id": "g1", "url": "https://example.org/1?a=1&b=2", "title": "One", "date": "Sun, 08 Dec 2024 09:30:00 +0200",
                          "author": "Lina", "body": "<p>Long &amp; whole.</p>", "feed_title": "Gazette", "body_is_html": true])
        // HTML's named entities are read as HTML reads them; escaped markup stays markup.
        #expect(second["title"] == "Two\u{A0}été" && second["body"] == "<p>Escaped &amp; HTML.</p>")
    }

    @Test func atomEntriesTakeTheAlternateLinkTheAuthorsNameAndXHTMLAsMarkup() throws {
        let records = Self.read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
            <entry><title type="html">A &lt;em&gt;b&lt;/em&gt;</title><link rel="enclosure" href="x.mp3"/>
              <link rel="alternate" href="https://example.org/a"/><id>urn:a</id><updated>2024-12-07T10:00:00Z</updated>
              <published>2024-12-07T08:00:00Z</published><author><name>Nadia</name></author>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &lt; two</p><p>Three</p></div></content></entry>
            <entry><title>C</title><link href="https://example.org/c"/><updated>2024-12-05T15:20:00Z</updated>
              <summary>Plain text.</summary></entry>
            </feed>
            """)
        let first = try Self.item(records[0]), second = try Self.item(records[1])
        #expect(first["url"] == "https://example.org/a" && first["title"] == "A <em>b</em>" && first["author"] == "Nadia")
        #expect(first["date"] == "2024-12-07T08:00:00Z" && first["body"] == "<div><p>One &lt; two</p><p>Three</p></div>")
        #expect(second["date"] == "2024-12-05T15:20:00Z" && second["body_is_html"] == false && second["body"] == "Plain text.")
    }

    @Test func rss1ItemsAreRead() throws {
        let records = Self.read("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel>
            <item><title>T</title><link>https://example.org/t</link><dc:date>2024-12-01</dc:date><description>D</description></item>
            </rdf:RDF>
            """)
        #expect(try Self.item(records[0])["date"] == "2024-12-01")
    }

    @Test func anEntityBombIsRefusedWithoutExpandingIt() {
        var declarations = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let records = Self.read("<?xml version=\"1.0\"?><!DOCTYPE rss [\(declarations)]><rss><channel><item><title>&lol9;</title>"
                                + "<description>x</description></item></channel></rss>")
        #expect(records.count == 1)
        guard case .damaged(let error)? = records.first?.problem else { Issue.record("not refused"); return }
        #expect(error.message.hasPrefix("the feed declares the XML entity `lol` in its DTD"))
    }

    @Test func aFileThatIsNoFeedIsOneError() {
        for (text, says) in [("<html><body>x</body></html>", "its root element is `html`"), ("", "it is empty"),
                             ("plain text", "libxml2 found no element (line 1: Document is empty)")] {
            let records = Self.read(text)
            guard case .damaged(let error)? = records.first?.problem else { Issue.record("no error for \(text)"); continue }
            #expect(records.count == 1 && error.message == "the file is not an RSS or Atom feed: \(says)")
        }
    }

    @Test func theXMLDeclarationsEncodingIsConvertedAndCompressedFeedsRead() throws {
        let latin = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>Caf".utf8) + [0xE9]
            + Array("</title><description>x</description></item></channel></rss>".utf8)
        #expect(try Self.item(Self.read(latin)[0])["title"] == "Café")
        #expect(try Self.item(Self.read(Compressed.bytes(Array(Self.rss.utf8), as: .gzip))[1])["url"] == nil)
    }

    @Test func anItemLargerThanMaxRecordSizeIsAnErrorForItself() {
        let big = String(repeating: "word ", count: 1000)
        let records = Self.read("<rss><channel><item><description>\(big)</description></item><item><description>ok</description></item></channel></rss>",
                                limit: ByteSize(bytes: 2000))
        #expect(records.count == 2 && records[1].problem == nil)
        guard case .tooLarge? = records[0].problem else { Issue.record("not too large"); return }
    }

    @Test func aBrokenFeedKeepsItsEntitiesPastTheFirstError() throws {
        // A stray `&` is an XML error; libxml2 would drop every entity after it.
        let records = Self.read("<rss><channel><item><title>A & B</title><description>&lt;p&gt;x &amp; y&lt;/p&gt;</description></item></channel></rss>")
        #expect(try Self.item(records[0])["body"] == "<p>x & y</p>")
    }
}
