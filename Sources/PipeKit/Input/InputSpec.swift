/// Where a pipeline reads from and how the input is split into records (`input:`).
public struct InputSpec: Sendable, Hashable {
    /// Files, directories (read recursively), glob patterns, or `-` for standard input, read in
    /// this order: `input.path`, or the paths given to `pipe run --input`.
    public var paths: [String]
    /// The first of ``paths``; setting it replaces them all.
    public var path: String {
        get { paths.first ?? "-" }
        set { paths = [newValue] }
    }
    /// How records are cut and parsed.
    public var format: InputFormat
    /// Where `path:` is written in the pipeline file, for I/O errors.
    public var location: SourceLocation?
    /// The largest record read whole (`input.max_record_size`); a larger one reaches `parse` as an
    /// error for that record alone, and only its first bytes are kept.
    public var maxRecordSize: ByteSize
    /// Where records keep the article's fields (`input.fields`).
    public var fields: FieldMap
    /// The zone of date-times without an offset (`input.timezone`).
    public var timeZone: InputTimeZone
    /// The byte between CSV cells (`input.delimiter`); TSV's is a tab.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// The dotted path of a JSON document's array of articles (`input.records`), cut at its dots.
    public var recordsPath: [String] = []
    /// The input's character encoding (`input.encoding`), or nil for UTF-8, read as it is.
    public var encoding: String?
    /// The share of the input to read, when the run is one shard of several (``Shard``).
    public var shard: Shard?
    /// The table workers claim from, for an input that is a queue (`format: postgres`); its
    /// ``paths`` are then empty.
    public var queue: QueueInput?

    /// The default `max_record_size`: 16 MiB.
    public static let defaultMaxRecordSize = ByteSize(bytes: 16 << 20)

    /// Creates an input.
    public init(path: String, format: InputFormat, location: SourceLocation? = nil, maxRecordSize: ByteSize = defaultMaxRecordSize,
                fields: FieldMap = FieldMap(), timeZone: InputTimeZone = .utc) {
        paths = [path]
        self.format = format
        self.location = location
        self.maxRecordSize = maxRecordSize
        self.fields = fields
        self.timeZone = timeZone
    }

    /// Whether `path` is a glob pattern rather than a plain path.
    public static func isGlob(_ path: String) -> Bool { path.contains(where: { "*?[".contains($0) }) }
}
