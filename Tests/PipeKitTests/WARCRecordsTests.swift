@testable import PipeKit
import Testing

@Suite("WARCRecords")
struct WARCRecordsTests {
    static let page = "<html><head><title>T</title></head><body><p>Der Fährbetrieb läuft wieder.</p></body></html>"

    /// A WARC record of `type` with `block`, written as warcio writes one.
    static func record(_ type: String, _ block: [UInt8], version: String = "1.1", length: Int? = nil,
                       extra: String = "") -> [UInt8] {
        let header = "WARC/\(version)\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:\(type)>\r\n"
            + "WARC-Target-URI: https://example.org/\(type)\r\nWARC-Date: 2024-12-09T08:15:00Z\r\n\(extra)"
            + "Content-Length: \(length ?? block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func response(_ body: [UInt8], headers: String = "Content-Type: text/html; charset=utf-8\r\n",
                         status: String = "200 OK") -> [UInt8] {
        record("response", Array("HTTP/1.1 \(status)\r\n\(headers)\r\n".utf8) + body,
               extra: "Content-Type: application/http; msgtype=response\r\n")
    }

    static func read(_ bytes: [UInt8], limit: ByteSize = InputSpec.defaultMaxRecordSize) -> [RawRecord] {
        InputReader.records(in: bytes, file: "crawl/c.warc", spec: InputSpec(path: "crawl", format: .warc, maxRecordSize: limit))
    }

    /// The page a decoded response record ends with.
    static func payload(_ record: RawRecord) -> String? {
        guard let (_, block) = MessageHeader.split(record.bytes[...]), let (http, body) = MessageHeader.split(block) else { return nil }
        #expect(http["Content-Type"] == "text/html; charset=utf-8")
        #expect(http["Transfer-Encoding"] == nil && http["Content-Encoding"] == nil)
        return String(decoding: body, as: UTF8.self)
    }

    @Test func everyRecordIsOneAndOnlyPagesKeepTheirBlock() throws {
        let records = Self.read(Self.record("warcinfo", Array("software: x\r\n".utf8))
                                + Self.record("request", Array("GET / HTTP/1.1\r\n\r\n".utf8))
                                + Self.response(Array(Self.page.utf8))
                                + Self.response(Array("%PDF-1.4".utf8), headers: "Content-Type: application/pdf\r\n")
                                + Self.response(Array(Self.page.utf8), status: "404 Not Found"))
        #expect(records.map(\.id) == ["c:1", "c:2", "c:3", "c:4", "c:5"])
        #expect(records.allSatisfy { $0.problem == nil && $0.format == .warc })
        #expect(Self.payload(records[2]) == Self.page)
        // The others keep their header alone, which parse counts as filtered.
        for index in [0, 1, 3, 4] {
            let (header, block) = try #require(MessageHeader.split(records[index].bytes[...]))
            #expect(block.isEmpty && header["Content-Length"] == "0" && header["WARC-Type"] != nil)
        }
    }

    @Test func chunkedGzipAndCharsetsAreDecoded() throws {
        let gzipped = Compressed.bytes(Array(Self.page.utf8), as: .gzip)
        let chunked = Array("5;name=x\r\n".utf8) + gzipped[..<5] + Array("\r\n\(String(gzipped.count - 5, radix: 16))\r\n".utf8)
            + gzipped[5...] + Array("\r\n0\r\n\r\n".utf8)
        let records = Self.read(
            Self.response(chunked, headers: "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")
            + Self.response([0x3C, 0x70, 0x3E, 0xCF, 0xE0, 0xF0, 0xEE, 0xEC], headers: "Content-Type: text/html; charset=windows-1251\r\n"))
        #expect(Self.payload(records[0]) == Self.page)
        #expect(Self.payload(records[1]) == "<p>Паром")
    }

    @Test func aResourceRecordIsThePageItself() throws {
        let records = Self.read(Self.record("resource", Array(Self.page.utf8), extra: "Content-Type: text/html\r\n"))
        let (header, block) = try #require(MessageHeader.split(records[0].bytes[...]))
        #expect(header["Content-Type"] == "text/html; charset=utf-8" && String(decoding: block, as: UTF8.self) == Self.page)
    }

    @Test func aConversionRecordOfAWETFileKeepsItsTextAndOtherTypesOfTextAreFiltered() throws {
        let records = Self.read(Self.record("conversion", Array("Title\nText.".utf8), extra: "Content-Type: text/plain\r\n")
                                + Self.record("conversion", Array("x".utf8), extra: "Content-Type: application/json\r\n"))
        #expect(try #require(MessageHeader.split(records[0].bytes[...])).rest.elementsEqual("Title\nText.".utf8))
        #expect(try #require(MessageHeader.split(records[1].bytes[...])).rest.isEmpty)
    }

    @Test func perRecordGzipMembersAreReadAsCommonCrawlShipsThem() {
        let members = [Self.record("warcinfo", []), Self.response(Array(Self.page.utf8)), Self.response(Array(Self.page.utf8))]
        let records = Self.read(members.flatMap { Compressed.bytes($0, as: .gzip) })
        #expect(records.count == 3 && records.allSatisfy { $0.problem == nil })
        #expect(Self.payload(records[2]) == Self.page)
    }

    @Test(arguments: [40, -20, 1_000_000])
    func aLyingContentLengthDamagesItsRecordAlone(change: Int) throws {
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\(Self.page)".utf8)
        let liar = Self.record("response", block, version: "1.0", length: block.count + change)
        let records = Self.read(Self.response(Array(Self.page.utf8)) + liar + Self.response(Array(Self.page.utf8)))
        #expect(records.map(\.id) == ["c:1", "c:2", "c:3"])
        #expect(Self.payload(records[2]) == Self.page)
        guard case .damaged(let error)? = records[1].problem else { Issue.record("record 2 is not damaged"); return }
        let says = change > 0 && change < 1000 ? "does not end where its `Content-Length`" : (change < 0 ? "does not end" : "ends after")
        #expect(error.message.hasPrefix("WARC record 2 (near byte ") && error.message.contains(says))
    }

    @Test func aRecordThatIsNoWARCRecordIsDamagedAndTheNextIsFound() {
        let records = Self.read(Array("HTTP/1.1 200 OK\r\nX: y\r\n\r\ngarbage\r\n".utf8) + Self.response(Array(Self.page.utf8)))
        #expect(records.count == 2)
        guard case .damaged(let error)? = records[0].problem else { Issue.record("record 1 is not damaged"); return }
        #expect(error.message.contains("does not start with `WARC/1.0` or `WARC/1.1` but with `HTTP/1.1 200 OK`"))
        #expect(Self.payload(records[1]) == Self.page)
    }

    @Test func aTruncatedWARCGzEndsWithItsLastRecordDamaged() {
        let whole = Compressed.bytes(Self.response(Array(Self.page.utf8)), as: .gzip)
            + Compressed.bytes(Self.response(Array(String(repeating: Self.page, count: 40).utf8)), as: .gzip)
        let records = Self.read(Array(whole.dropLast(60)))
        #expect(records.map(\.id) == ["c:1", "c:2"])
        #expect(records[0].problem == nil)
        guard case .damaged(let error)? = records[1].problem else { Issue.record("record 2 is not damaged"); return }
        #expect(error.message == "the gzip data ends early: the file is truncated")
    }

    @Test func aPageLargerThanMaxRecordSizeIsCutAndTheRestRead() {
        let body = Array(String(repeating: Self.page, count: 100).utf8)
        let records = Self.read(Self.response(body) + Self.response(Array(Self.page.utf8)), limit: ByteSize(bytes: 1000))
        let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8.count + body.count
        #expect(records[0].problem == .tooLarge(size: block))
        #expect(Self.payload(records[1]) == Self.page)
    }

    @Test func aBodyThatCannotBeDecodedIsAnErrorForItsRecord() {
        let records = Self.read(Self.response(Array("zz\r\nshort".utf8), headers: "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n")
                                + Self.response(Array(Self.page.utf8), headers: "Content-Type: text/html\r\nContent-Encoding: br\r\n")
                                + Self.response(Array(Self.page.utf8)))
        let messages = records.prefix(2).map { if case .damaged(let error)? = $0.problem { error.message } else { "" } }
        #expect(messages[0].hasSuffix("has a chunked HTTP body whose chunk sizes do not match its bytes"))
        #expect(messages[1].hasSuffix("has a body in the `Content-Encoding` `br`, which Pipe does not decode"))
        #expect(Self.payload(records[2]) == Self.page)
    }
}
