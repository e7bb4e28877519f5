import PipeKit
import PipeStages
import Testing

@Suite("ParseStage")
struct ParseStageTests {
    @Test func aRecordCutAtTheSizeLimitIsAnErrorThatSaysWhatToRaise() throws {
        let record = RawRecord(id: "big", source: "big.jsonl", format: .jsonl, bytes: Array("{\"id\":\"a\",\"body\":\"xx".utf8),
                               problem: .tooLarge(size: 52_428_800))
        let error = try #require(throws: PipeError.self) { try ParseStage.parse(record) }
        #expect(error.code == .malformedRecord)
        #expect(error.message == "the record is 52428800 bytes, more than `input.max_record_size` allows; only its first 20 bytes are kept")
        #expect(error.hint == "raise `input.max_record_size` in the pipeline file, or split the record")
    }

    static let datedText = " date 2024-12-08 https://example.org/a\n\nTitre été\n\nLe corps, en été — 😀.\n\n"

    /// UTF-8 with a byte order mark, and UTF-16 in either byte order with one, read to the same article.
    @Test(arguments: ["utf-8 bom", "utf-16le", "utf-16be"])
    func readsTextWithAByteOrderMark(encoding: String) throws {
        let units = Array(Self.datedText.utf16)
        let bytes: [UInt8] = switch encoding {
        case "utf-8 bom": [0xEF, 0xBB, 0xBF] + Array(Self.datedText.utf8)
        case "utf-16le": [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        default: [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
        let article = try ParseStage.parse(RawRecord(id: "a", source: "a.txt", format: .datedText, bytes: bytes))
        #expect(article == (try ParseStage.parse(Fixtures.record(Self.datedText))))
        #expect(article.title == "Titre été")
    }

    @Test func aJSONLinesRecordAfterAUTF8ByteOrderMarkIsRead() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"id":"x","body":"B"}"#.utf8)
        #expect(try ParseStage.parse(RawRecord(id: "f:1", source: "f.jsonl", format: .jsonl, bytes: bytes)).id == "x")
    }

    @Test(arguments: [[0xFF, 0xFE, 0x41], [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]] as [[UInt8]])
    func brokenUTF16IsAnErrorThatSaysHowToConvert(bytes: [UInt8]) throws {
        let error = try #require(throws: PipeError.self) {
            try ParseStage.parse(RawRecord(id: "a", source: "a.txt", format: .datedText, bytes: bytes))
        }
        #expect(error.message == "the record starts with a UTF-16 byte order mark but is not valid UTF-16")
        #expect(error.hint == "convert the file to UTF-8, for example with `iconv -f UTF-16 -t UTF-8`")
    }

    @Test func aFileThatCouldNotBeReadIsAnErrorForItAlone() throws {
        let record = RawRecord(id: "gone", source: "in/gone.txt", format: .datedText, bytes: [],
                               problem: .unreadable(reason: "No such file or directory"))
        let error = try #require(throws: PipeError.self) { try ParseStage.parse(record) }
        #expect(error.code == .io)
        #expect(error.message == "cannot read `in/gone.txt`: No such file or directory")
    }

    @Test(arguments: [#"{"id":"a","body":"cut off he"#, #"{"id":"a","body":"b"}{"#, #"{"id":"a","body":"b","#])
    func aTruncatedOrRunOnJSONLineIsAnErrorForItAlone(line: String) throws {
        let error = try #require(throws: PipeError.self) { try ParseStage.parse(Fixtures.record(line, format: .jsonl)) }
        #expect(error.code == .malformedRecord)
        #expect(error.message.hasPrefix("the line is not valid JSON: "))
    }

    @Test func aHeaderWithoutAURLIsRead() throws {
        let article = try ParseStage.parse(Fixtures.record(" date 2024-12-08\n\nTitle\n\nBody.\n\n"))
        #expect(article.url == nil)
        #expect(article.date == CalendarDate(year: 2024, month: 12, day: 8))
        #expect(article.body == "Body.")
    }

    @Test func readsDatedTextWithTheTitleTwice() throws {
        let article = try ParseStage.parse(Fixtures.record(
            " date 2024-12-08 https://example.org/a\n\nA Title\n\nA Title\n\nFirst paragraph.\n\nSecond one.\n\n"))
        #expect(article.id == "a")
        #expect(article.source == "a.txt")
        #expect(article.date == CalendarDate(year: 2024, month: 12, day: 8))
        #expect(article.url == "https://example.org/a")
        #expect(article.title == "A Title")
        #expect(article.body == "First paragraph.\n\nSecond one.")
    }

    @Test func readsDatedTextWithTheTitleOnceAndCRLF() throws {
        let article = try ParseStage.parse(Fixtures.record("date 2001-01-31 u\r\n\r\nTitle\r\n\r\nBody line\r\nmore\r\n"))
        #expect(article.title == "Title")
        #expect(article.body == "Body line\nmore")
    }

    @Test func readsText() throws {
        let article = try ParseStage.parse(Fixtures.record("\n\n  Headline  \n\nThe body.\n", format: .text))
        #expect(article.title == "Headline")
        #expect(article.body == "The body.")
        #expect(article.date == nil)
        #expect(article.url == nil)
    }

    @Test func readsJSONLinesKeepingExtraKeysAsFields() throws {
        let article = try ParseStage.parse(Fixtures.record(
            #"{"id":"x1","date":"2016-11-08","url":"u","title":"T","body":"B","topic":"politics","n":3}"#, format: .jsonl))
        #expect(article.id == "x1")
        #expect(article.date?.description == "2016-11-08")
        #expect(article.fields == ["topic": "politics", "n": 3])
    }

    @Test(arguments: [
        ("", InputFormat.datedText, "the record is empty"),
        (" date 2024-12-08 u\n\n", .datedText, "the record has a header but no title or body"),
        ("date 2024-12-08 u\n\nTitle\n\nTitle\n\n", .datedText, "the article `Title` has an empty body"),
        ("Title only\n", .text, "the article `Title only` has an empty body"),
        ("hello 2024-12-08 u\n\nT\n\nB\n", .datedText, "malformed header `hello 2024-12-08 u`"),
        (" date 2024-13-08 u\n\nT\n\nB\n", .datedText, "malformed date `2024-13-08` in the header"),
        ("{\"id\":\"a\",\"body\":\"  \"}", .jsonl, "the article `a` has an empty body"),
        ("{\"id\":\"a\"}", .jsonl, "the object has no `body`"),
        ("{\"id\":\"a\",\"body\":\"b\",\"date\":\"yesterday\"}", .jsonl, "`date` `yesterday` is not a date Pipe reads"),
        ("{\"id\":\"a\",\"body\":\"b\",\"date\":[2024]}", .jsonl, "`date` must be a date, not array([PipeKit.JSONValue.int(2024)])"),
        ("[1,2]", .jsonl, "the line is JSON but not an object"),
        ("{\"id\":true,\"body\":\"b\"}", .jsonl, "`id` must be a string, not bool(true)"),
    ])
    func rejectsMalformedRecords(text: String, format: InputFormat, message: String) {
        #expect {
            _ = try ParseStage.parse(Fixtures.record(text, format: format))
        } throws: { error in
            let error = (error as? RecordFailure)?.error ?? error
            return (error as? PipeError)?.code == .malformedRecord && (error as? PipeError)?.message == message
        }
    }

    @Test func anObjectsOwnIDNamesItsFailure() throws {
        let failure = try #require(throws: RecordFailure.self) {
            try ParseStage.parse(Fixtures.record("{\"id\":\"fakes-0001\",\"body\":\" \"}", format: .jsonl))
        }
        #expect(failure.id == "fakes-0001")
    }

    @Test func withoutAnIDTheRecordsPlaceNamesIt() throws {
        let record = RawRecord(id: "feed:12", source: "feed.jsonl", format: .jsonl, bytes: Array("{\"id\":7,\"body\":\"b\"}".utf8))
        #expect(try ParseStage.parse(record).id == "7")
        let unnamed = RawRecord(id: "feed:13", source: "feed.jsonl", format: .jsonl, bytes: Array("{\"body\":\"b\"}".utf8))
        #expect(try ParseStage.parse(unnamed).id == "feed:13")
    }

    @Test func fieldMapsReadMappedAndNestedKeysAndDatesAsTheyCome() throws {
        let fields = try #require(FieldMap(["id": "article_id", "title": "headline", "body": "text", "date": "meta.published",
                                            "url": "link"]))
        let input = InputSpec(path: "-", format: .jsonl, fields: fields, timeZone: try #require(InputTimeZone("+03:00")))
        let line = #"{"article_id":"a1","headline":"H","text":"B","meta":{"published":"2017-04-05T01:30:00"},"link":"u","#
            + #""title":"kept apart","topic":"t"}"#
        let article = try ParseStage.parse(Fixtures.record(line, format: .jsonl), input: input)
        #expect(article.id == "a1")
        #expect(article.title == "H")
        #expect(article.body == "B")
        #expect(article.url == "u")
        #expect(article.date?.description == "2017-04-05")
        #expect(article.publishedAt?.description == "2017-04-04T22:30:00Z")
        // Keys no field reads stay custom fields; `meta` too, for its other members.
        #expect(article.fields == ["topic": "t", "meta": .object(["published": "2017-04-05T01:30:00"])])
        let failure = try #require(throws: RecordFailure.self) {
            try ParseStage.parse(Fixtures.record(#"{"article_id":"a2","headline":"H","body":"B"}"#, format: .jsonl), input: input)
        }
        let error = try #require(failure.error as? PipeError)
        #expect(failure.id == "a2")
        #expect(error.message == "the object has no `text`")
        #expect(error.hint == "the record's keys are `article_id`, `body`, `headline`; map one with `input.fields: {body: KEY}`")
    }

    @Test func rejectsInvalidUTF8WithItsOffset() {
        var bytes = Array(" date 2024-12-08 u\n\nT\n\nB".utf8)
        bytes.insert(0xC3, at: 22)
        #expect {
            _ = try ParseStage.parse(RawRecord(id: "a", source: "a", format: .datedText, bytes: bytes))
        } throws: { error in
            (error as? PipeError)?.message == "the record is not valid UTF-8 (first bad byte at offset 22)"
        }
    }

    @Test func rejectsBinaryRecords() {
        #expect {
            _ = try ParseStage.parse(RawRecord(id: "a", source: "a", format: .text, bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0]))
        } throws: { error in
            (error as? PipeError)?.message == "the record is binary, not text (NUL byte at offset 4)"
        }
    }

    @Test func jsonlIsInvalidJSON() {
        #expect {
            _ = try ParseStage.parse(Fixtures.record("{\"id\": ", format: .jsonl))
        } throws: { error in
            (error as? PipeError)?.message.hasPrefix("the line is not valid JSON") == true
        }
    }

    @Test(Fixtures.needsCorpus) func parsesEveryCorpusFileBackToItsJSONRecord() async throws {
        let corpus = try Fixtures.requiredCorpus()
        for dataset in ["bbc", "fa-kes", "polnear", "conll2003"] {
            var expected: [String: Article] = [:]
            for try await record in InputReader(spec: InputSpec(path: "\(corpus)/\(dataset)/articles.jsonl", format: .jsonl)) {
                let article = try ParseStage.parse(record)
                expected[article.id] = article
            }
            var count = 0
            for try await record in InputReader(spec: InputSpec(path: "\(corpus)/\(dataset)/articles", format: .datedText)) {
                let article = try ParseStage.parse(record)
                let gold = try #require(expected[article.id], "no JSON record for \(article.id)")
                #expect(article.body == gold.body, "\(article.id): body differs")
                #expect(article.date == gold.date && article.url == gold.url, "\(article.id): header differs")
                count += 1
            }
            #expect(count == expected.count)
        }
    }
}
