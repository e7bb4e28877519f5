/// The keys of the pipeline file's `input:`, declared once: the loader decodes them, and
/// `pipe stages --json` and the docs describe them, from these declarations.
public struct InputOptions: StageOptions {
    /// Where the records come from.
    @Option("path", type: "path", help: "required for every format but `postgres`: a file; a folder, read recursively, "
                + "skipping hidden files and folders; a glob (`feeds/*/*.txt`); or `-` for standard input. `pipe run --input "
                + "PATH…` replaces it with one or more paths and globs, read in the order given. Relative paths resolve "
                + "against the current folder")
    public var path: String?
    /// How records are cut and parsed.
    @Option("format", help: "how the input is cut into records and how `parse` reads them (below)")
    public var format: InputFormat = .datedText
    /// The largest record read whole.
    @Option("max_record_size", help: "the largest record read whole: bytes (`1048576`) or a size with a unit (`512KB`, "
                + "`16MiB`, `1GB`). A larger file or line is read past without being kept; it reaches `parse` as an error "
                + "for that record alone (with its size and its first 4,096 bytes for the dead-letter file), so memory "
                + "stays bounded whatever the input holds")
    public var maxRecordSize = InputSpec.defaultMaxRecordSize
    /// Where a JSON document keeps its articles.
    @Option("records", help: "for `json`: the dotted path to the array of articles (`articles` for NewsAPI's "
                + "`{\"articles\": [...]}`, `data.items`); left out, the document itself is the array, or one article")
    public var records: String?
    /// Where records keep the article's fields.
    @Option("fields", help: "for `jsonl`, `json`, `csv` and `tsv`: the key each article field is read from, "
                + "`{id: article_id, title: headline, body: text, date: published_at, url: link}`; a dotted path reads "
                + "nested JSON (`meta.published`). A field left out is read from the key of its own name; keys no field "
                + "reads become custom fields")
    public var fields = FieldMap()
    /// The character between CSV cells.
    @Option("delimiter", help: "for `csv`: the one character between cells, `,` by default (Excel writes `;` in some "
                + "languages); `tsv` always uses a tab")
    public var delimiter: String?
    /// The input's character encoding.
    @Option("encoding", help: "the input's character encoding, converted to UTF-8 with iconv as it is read: `UTF-8`, "
                + "`windows-1252`, `ISO-8859-1`, `KOI8-R` or any other name `iconv -l` lists")
    public var encoding = "UTF-8"
    /// The database of a `postgres` input.
    @Option("url", help: "for `postgres` (required): the connection URL, `postgres://user@host:port/db`; write "
                + "`${PIPE_PG_URL}` to keep a password out of the file. Pipe never prints it")
    public var url: String?
    /// The table of a `postgres` input.
    @Option("table", help: "for `postgres` (required): the table of articles, `articles` or `schema.articles`, with "
                + "columns `id`, `title` and `body`; `date` and `url` are read when present, and other columns become "
                + "custom fields. Pipe keeps its bookkeeping in `TABLE_pipe_queue` beside it")
    public var table: String?
    /// How long a claim holds its articles.
    @Option("lease", help: "for `postgres`: how long a claim holds its articles; the worker renews it while it works, "
                + "and a claim not renewed for this long (the worker died or stalled) is claimed again by another")
    public var lease = QueueInput.defaultLease
    /// How many articles a worker claims at once.
    @Option("batch", help: "for `postgres`: how many articles a worker claims at once, 1 to 10000; each claim is "
                + "committed in one transaction with its results")
    public var batch = QueueInput.defaultBatch
    /// The zone of date-times written without an offset.
    @Option("timezone", help: "the time zone of dates written with a time but no offset, and of Unix seconds: `UTC`, an "
                + "offset (`+03:00`) or a name from the tz database (`Europe/Berlin`)")
    public var timezone = InputTimeZone.utc

    /// The defaults.
    public init() {}

    /// The keys only a queue input (`format: postgres`) takes.
    static let queueKeys = ["url", "table", "lease", "batch"]
}
