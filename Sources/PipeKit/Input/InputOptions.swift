/// The keys of the pipeline file's `input:`, declared once: the loader decodes them, and
/// `pipe stages --json` and the docs describe them, from these declarations.
public struct InputOptions: StageOptions {
    /// Where the records come from.
    @Option("path", type: "path", help: "a file; a folder, read recursively, skipping hidden files and folders; a glob "
                + "(`feeds/*/*.txt`); or `-` for standard input. `pipe run --input PATH` replaces it. Relative paths "
                + "resolve against the current folder")
    public var path: String
    /// How records are cut and parsed.
    @Option("format", help: "how the input is cut into records and how `parse` reads them (below)")
    public var format: InputFormat = .datedText
    /// The largest record read whole.
    @Option("max_record_size", help: "the largest record read whole: bytes (`1048576`) or a size with a unit (`512KB`, "
                + "`16MiB`, `1GB`). A larger file or line is read past without being kept; it reaches `parse` as an error "
                + "for that record alone (with its size and its first 4,096 bytes for the dead-letter file), so memory "
                + "stays bounded whatever the input holds")
    public var maxRecordSize = InputSpec.defaultMaxRecordSize

    /// The defaults.
    public init() {}
}
