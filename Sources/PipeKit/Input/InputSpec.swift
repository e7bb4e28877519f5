/// Where a pipeline reads from and how the input is split into records (`input:`).
public struct InputSpec: Sendable, Hashable {
    /// A file, a directory (read recursively), a glob pattern, or `-` for standard input.
    public var path: String
    /// How records are cut and parsed.
    public var format: InputFormat
    /// Where `path:` is written in the pipeline file, for I/O errors.
    public var location: SourceLocation?

    /// Creates an input.
    public init(path: String, format: InputFormat, location: SourceLocation? = nil) {
        self.path = path
        self.format = format
        self.location = location
    }

    /// Whether the path is a glob pattern rather than a plain path.
    public var isGlob: Bool { path.contains(where: { "*?[".contains($0) }) }
}
