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
    /// The record's whole size when it was larger than `input.max_record_size` and cut, else nil.
    public var oversize: Int?

    /// Creates a record.
    public init(id: String, source: String, format: InputFormat, bytes: [UInt8], oversize: Int? = nil) {
        self.id = id
        self.source = source
        self.format = format
        self.bytes = bytes
        self.oversize = oversize
    }

    /// How many bytes of a record larger than `max_record_size` are kept, for the dead-letter file.
    public static let oversizePrefix = 4096

    /// The bytes as text, with invalid UTF-8 replaced by U+FFFD, for messages and dead letters.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// How an input is split into records and how `parse` reads them.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// One article per file: a ` date YYYY-MM-DD URL` header, the title, then the body.
    case datedText = "dated-text"
    /// One JSON object per line with `id`, `date`, `url`, `title` and `body`.
    case jsonl
    /// One article per file, no header: the first non-empty line is the title.
    case text
}
