/// Where a pipeline reads from and how the input is split into records (`input:`).
public struct InputSpec: Sendable, Hashable {
    /// A file, a directory (read recursively), a glob pattern, or `-` for standard input.
    public var path: String
    /// How records are cut and parsed.
    public var format: InputFormat
    /// Where `path:` is written in the pipeline file, for I/O errors.
    public var location: SourceLocation?
    /// The largest record read whole (`input.max_record_size`); a larger one reaches `parse` as an
    /// error for that record alone, and only its first bytes are kept.
    public var maxRecordSize: ByteSize

    /// The default `max_record_size`: 16 MiB.
    public static let defaultMaxRecordSize = ByteSize(bytes: 16 << 20)

    /// Creates an input.
    public init(path: String, format: InputFormat, location: SourceLocation? = nil, maxRecordSize: ByteSize = defaultMaxRecordSize) {
        self.path = path
        self.format = format
        self.location = location
        self.maxRecordSize = maxRecordSize
    }

    /// Whether the path is a glob pattern rather than a plain path.
    public var isGlob: Bool { path.contains(where: { "*?[".contains($0) }) }
}
