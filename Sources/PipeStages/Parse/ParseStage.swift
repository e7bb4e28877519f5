import Logging
import PipeKit

/// Turns raw records into articles, reading each as `input.format` says.
///
/// `dated-text`: an optional leading space, ` date YYYY-MM-DD URL`, a blank line, the title
/// (possibly twice), then the body. `text`: the first non-empty line is the title, the rest the
/// body. `html`: a web page's headline, main text, date, `canonical_url`, `author` and `language`
/// (``HTMLParser``). `warc`: the page of a WARC record as the reader decoded it, read as `html`
/// with `url`, the fetch date and `warc_record_id` from the record (``WARCParser``); a record
/// without a page is filtered. `feed`: an RSS or Atom item's fields, its body's HTML converted to
/// text whole (``FeedItemParser``). `jsonl`, `csv`, `tsv` and `json`: an object (a row, by its header's names) with `id`, `date`,
/// `url`, `title`, `body`, read from the keys `input.fields` maps them to; other keys become custom
/// fields. Invalid UTF-8, a binary or empty record, a malformed header, a date in no format Pipe
/// reads or an empty body is an error for that record alone.
public struct ParseStage: ConfigurableStage {
    /// `parse` takes no options: the input's format decides how records are read.
    public typealias Options = NoOptions

    /// `parse`.
    public static let name = "parse"
    /// One line for `pipe stages`.
    public static let summary = "Read raw records (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))) into articles"

    /// The input, when the stage is built for a pipeline file.
    let input: InputSpec?
    /// Reports once the mapped keys the first records lack.
    private let fieldCheck: FieldMapCheck?

    /// Creates the stage.
    public init(options: NoOptions = NoOptions(), setup: StageSetup) {
        input = setup.input
        fieldCheck = setup.input.flatMap { $0.format.isObjectFormat ? FieldMapCheck(fields: $0.fields) : nil }
    }

    /// Creates the stage outside a pipeline file.
    public init() {
        input = nil
        fieldCheck = nil
    }

    /// Sets the record's fields; formats of objects (or an input not known in advance) also the
    /// custom fields the objects hold.
    public var fieldAccess: FieldAccess {
        let page: [ArticleField] = switch input?.format {
        case .html: ["language", "canonical_url", "author"]
        case .warc: ["language", "canonical_url", "author", "warc_record_id"]
        case .feed: ["author", "feed_title"]
        default: []
        }
        return FieldAccess(writes: ArticleField.record + page, writesAnyCustomField: input?.format.isObjectFormat ?? true)
    }

    /// Parses one record.
    public func process(_ record: RawRecord, context: StageContext) async throws -> Article? {
        if let fieldCheck, let warning = fieldCheck.observe(record) { context.logger.warning("\(warning)") }
        return try Self.article(from: record, input: input)
    }

    /// Words the field map's warning when the input ended before the first batch did.
    public func finish(_ outcome: RunOutcome, context: StageContext) async throws {
        if let warning = fieldCheck?.finish() { context.logger.warning("\(warning)") }
    }

    /// Parses one record synchronously.
    ///
    /// - Throws: ``PipeError`` also for a record that holds no article (a WARC record without a
    ///   web page), which a run counts as filtered.
    public static func parse(_ record: RawRecord, input: InputSpec? = nil) throws -> Article {
        guard let article = try article(from: record, input: input) else {
            throw PipeError(.malformedRecord, "the record `\(record.id)` holds no article (a run counts it as filtered)")
        }
        return article
    }

    /// The article a record holds, at the record's ``RawRecord/position``; nil for one that
    /// holds none, such as a WARC `request` record.
    public static func article(from record: RawRecord, input: InputSpec? = nil) throws -> Article? {
        var article = try content(of: record, input: input)
        article?.position = record.position
        return article
    }

    private static func content(of record: RawRecord, input: InputSpec?) throws -> Article? {
        switch record.problem {
        case .tooLarge(let size):
            throw PipeError(.malformedRecord, "the record is \(size) bytes, more than `input.max_record_size`"
                            + " allows; only its first \(record.bytes.count) bytes are kept",
                            hint: "raise `input.max_record_size` in the pipeline file, or split the record")
        case .notADeadLetter(let reason):
            throw PipeError(.malformedRecord, "this line of the dead-letter file cannot be replayed: \(reason)",
                            hint: "replay only the `.dead-letter.jsonl` files Pipe wrote")
        case .unreadable(let reason):
            throw PipeError(.io, "cannot read `\(record.source)`: \(reason)",
                            hint: "the file was listed when the run started; check that it still exists and is readable")
        case .damaged(let error):
            throw error
        case nil:
            break
        }
        switch record.format {
        case .datedText, .text:
            let text = try RecordText.decode(record.bytes)
            let parsed = try DatedTextParser.parse(text, hasHeader: record.format == .datedText)
            return Article(id: record.id, source: record.source, date: parsed.date, url: parsed.url,
                           title: parsed.title, body: parsed.body)
        case .html:
            return try HTMLParser.parse(record, timeZone: input?.timeZone ?? .utc)
        case .warc:
            return try WARCParser.parse(record, timeZone: input?.timeZone ?? .utc)
        case .feed:
            return try FeedItemParser.parse(record, timeZone: input?.timeZone ?? .utc)
        case .jsonl, .csv, .tsv, .json, .postgres:
            return try JSONLineParser.parse(record, fields: input?.fields ?? .unmapped, timeZone: input?.timeZone ?? .utc)
        }
    }
}

/// Checks that a record is text: not empty, no NUL bytes, valid UTF-8 (or UTF-16 with a byte
/// order mark, converted); a UTF-8 byte order mark is dropped.
enum RecordText {
    static func decode(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty else {
            throw PipeError(.malformedRecord, "the record is empty")
        }
        // A byte order mark: UTF-8's is dropped; UTF-16 text (either order) is decoded.
        let lead = (bytes[0], bytes.count > 1 ? bytes[1] : 0, bytes.count > 2 ? bytes[2] : 0)
        if lead == (0xEF, 0xBB, 0xBF) { return try decode(Array(bytes.dropFirst(3))) }
        if (lead.0, lead.1) == (0xFF, 0xFE) || (lead.0, lead.1) == (0xFE, 0xFF) {
            let bigEndian = bytes[0] == 0xFE
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { (index: Int) -> UInt16 in
                let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
                return bigEndian ? first << 8 | second : second << 8 | first
            }
            guard bytes.count % 2 == 0, let text = String(validating: units, as: UTF16.self) else {
                throw PipeError(.malformedRecord, "the record starts with a UTF-16 byte order mark but is not valid UTF-16",
                                hint: "convert the file to UTF-8, for example with `iconv -f UTF-16 -t UTF-8`")
            }
            return try decode(Array(text.utf8))
        }
        // Every record is searched: many bytes at a time.
        if let nul = bytes.withUnsafeBytes({ ByteWords.firstIndex(of: 0, in: $0) }) {
            throw PipeError(.malformedRecord, "the record is binary, not text (NUL byte at offset \(nul))")
        }
        // Checked here once: the strings cut from it later are not checked again.
        let checked = bytes.withUnsafeBufferPointer { bytes in
            UTF8Text.validate(bytes).map { UTF8Text.string(validUTF8: bytes, isASCII: $0 == UTF8Text.Content.ascii) }
        }
        switch checked {
        case .success(let text):
            return text
        case .failure(let invalid):
            throw PipeError(.malformedRecord, "the record is not valid UTF-8 (first bad byte at offset \(invalid.offset))",
                            hint: "convert the file to UTF-8")
        }
    }
}
