/// One unparsed record as the input reader cut it: a whole file, or one line of a JSON Lines file.
public struct RawRecord: Sendable, Hashable {
    /// The record's provisional id: the path below the input root without extension, or `file:line` for JSON Lines.
    public var id: String
    /// The file the record came from (`-` for standard input).
    public var source: String
    /// How the record is to be read, from `input.format`.
    public var format: InputFormat
    /// The record's bytes, exactly as read; only the first ones when the record was too large.
    public var bytes: [UInt8]
    /// Why the record could not be read whole, if it could not; `parse` turns it into an error
    /// for this record alone.
    public var problem: Problem?
    /// Where the record stands in the whole input, when an ``InputReader`` read it.
    public var position: InputPosition?

    /// Why a record could not be read whole.
    public enum Problem: Sendable, Hashable {
        /// The record is larger than `input.max_record_size`: its whole size in bytes (only the
        /// first `RawRecord.oversizePrefix` bytes are kept).
        case tooLarge(size: Int)
        /// The file could not be opened or read, for example because it disappeared or lost its
        /// read permission during the run: the system's reason.
        case unreadable(reason: String)
        /// A line of a dead-letter file that is not a dead letter with a `raw` record to replay.
        case notADeadLetter(reason: String)
        /// The input could not be read or decoded past this point (compressed data that is
        /// corrupt or truncated, a CSV quote that never closes): the error `parse` reports.
        case damaged(PipeError)
    }

    /// Creates a record.
    public init(id: String, source: String, format: InputFormat, bytes: [UInt8], problem: Problem? = nil) {
        self.id = id
        self.source = source
        self.format = format
        self.bytes = bytes
        self.problem = problem
    }

    /// How many bytes of a record larger than `max_record_size` are kept, for the dead-letter file.
    public static let oversizePrefix = 4096

    /// The bytes as text, with invalid UTF-8 replaced by U+FFFD, for messages and dead letters.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The record with `problem`, for `parse` to report.
    package func with(_ problem: Problem) -> RawRecord {
        var record = self
        record.problem = problem
        return record
    }

    /// The record with a `malformed-record` error for `parse` to report, as readers find them.
    package func malformed(_ message: String, hint: String? = nil) -> RawRecord {
        with(.damaged(PipeError(.malformedRecord, message, hint: hint)))
    }
}

/// How an input is split into records and how `parse` reads them.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// One article per file: a ` date YYYY-MM-DD URL` header, the title, then the body.
    case datedText = "dated-text"
    /// One JSON object per line with `id`, `date`, `url`, `title` and `body`.
    case jsonl
    /// One article per file, no header: the first non-empty line is the title.
    case text
    /// Comma-separated values (RFC 4180) with a header row: one article per row.
    case csv
    /// Tab-separated values with a header row, without quoting: one article per row.
    case tsv
    /// One JSON document per file, its articles an array at the path `input.records`.
    case json
    /// One web page per file: its main text, headline and date are found in the HTML.
    case html
    /// WARC files (1.0, 1.1, gzip'd per record): every `response` or `resource` record holding a
    /// web page is an article, read as `html` is; the other records are counted as filtered.
    case warc
    /// RSS 2.0, RSS 1.0 and Atom feeds: every item is an article, its HTML converted to text whole.
    case feed
    /// Rows of a PostgreSQL table shared by several workers as a work queue (`url`, `table`,
    /// `lease`, `batch`): each row is an object read as `jsonl` is, claimed by one worker at a
    /// time. Needs a `pipe` built with the PostgreSQL connector (the default one is).
    case postgres

    /// Whether the format's records are web pages or feeds, which say their own charset.
    public var isWebFormat: Bool { self == .html || self == .warc || self == .feed }

    /// Whether `parse` reads the format's records as objects, through `input.fields`.
    public var isObjectFormat: Bool { self == .jsonl || self == .csv || self == .tsv || self == .json || self == .postgres }

    /// Whether the input is files (`input.path`) rather than a queue a connector claims from.
    public var readsFiles: Bool { self != .postgres }
}
