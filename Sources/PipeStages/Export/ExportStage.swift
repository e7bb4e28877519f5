import PipeKit
import Synchronization

/// Writes every article to a file and passes it on, so that several exports may follow one another.
///
/// The file is written under a temporary name beside `path` (`.NAME.TOKEN.partial`) and renamed
/// into place with the run's other outputs when the run ends (completed or interrupted); a failed
/// run leaves the previous file untouched. The same input always gives the same bytes: fixed key
/// order, no timestamps, no run ids; and a run resumed from a checkpoint gives the same bytes as
/// one that was never stopped.
public struct ExportStage: ConfigurableStage, ResumableStage, WriterStage {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable, OptionValue {
        /// One JSON object per line.
        case jsonl
        /// One row per article, entities flattened into a column per type (RFC 4180).
        case csv
        /// A SQLite database: `articles`, `entities`, `quotes`, `dates` and `keywords` tables.
        case sqlite
        /// A readable report, one section per article.
        case markdown
        /// Rows of a PostgreSQL table (`table`), upserted in the transaction that marks the
        /// claim of `input.format: postgres` done: the record as `jsonb`, with entities, quotes
        /// and dates in tables of their own.
        case postgres
    }

    /// The options of `export`.
    public struct Options: StageOptions {
        /// The output format.
        @Option("format", help: "the output format")
        public var format: Format = .jsonl
        /// The file to write; relative paths resolve against the current folder.
        @Option("path", type: "path", help: "the file, required for every format but `postgres`; missing folders are "
                    + "created. `-` is standard output, and an existing FIFO or character device is written straight into "
                    + "(`jsonl`, `csv`, `markdown`)")
        public var path: String?
        /// The database of a `postgres` export.
        @Option("url", help: "for `postgres`: the connection URL, the input's own (results commit in the transaction "
                    + "of their claim); left out, the input's")
        public var url: String?
        /// The results table of a `postgres` export.
        @Option("table", help: "for `postgres` (required): the results table, `article_results` or "
                    + "`schema.article_results`, created when missing with `TABLE_entities`, `TABLE_quotes` and `TABLE_dates`")
        public var table: String?

        /// The defaults (no path: set one before use).
        public init() {}

        /// Options writing `format` to `path`.
        public init(format: Format = .jsonl, path: String) {
            self.format = format
            self.path = path
        }
    }

    /// `export`.
    public static let name = "export"
    /// One line for `pipe stages`.
    public static let summary = "Write articles to a file (jsonl, csv, sqlite, markdown) atomically, or to a PostgreSQL table with their claim, and pass them on"
    /// The options in force.
    public let options: Options
    /// The file written: `path`, with the shard's suffix in a sharded run.
    public let path: String
    /// Whether `path` is a stream (standard output, a FIFO, a character device) rather than a file.
    let isStream: Bool
    /// The results table of a `postgres` export, whose rows the claimed source commits.
    let table: TableName?
    private let output = OpenWriter()

    /// Creates the stage; a missing or empty `path`, one that names something else than a file
    /// or a stream, a database to a stream, and a file in a pipeline reading a queue are errors.
    public init(options: Options, setup: StageSetup) throws {
        self.options = options
        if options.format == .postgres {
            table = try Self.resultsTable(options, setup: setup)
            (path, isStream) = ("", false)
            return
        }
        table = nil
        if setup.input?.queue != nil {
            throw OptionError(key: options.path == nil ? "format" : "path",
                              "a pipeline reading `format: postgres` runs on several workers at once, and cannot export to a file",
                              hint: "write `format: postgres` with a results `table`, or export to files from a run over files")
        }
        guard let given = options.path else {
            throw OptionError(key: nil, "`path` is missing", hint: "name the file to write, for example `path: out/articles.jsonl`")
        }
        guard !given.trimmingWhitespace().isEmpty else {
            throw OptionError(key: "path", "`path` is empty", hint: "name the file to write, for example `out/articles.jsonl`")
        }
        for (key, value) in [("url", options.url), ("table", options.table)] where value != nil {
            throw OptionError(key: key, "option `\(key)` is for `format: postgres`", hint: "remove it")
        }
        isStream = try OutputTarget(path: given).isStream
        path = isStream ? given : setup.outputPath(given)
        if isStream, options.format == .sqlite {
            throw OptionError(key: "path", "a SQLite database is a file, and `\(given)` is a stream",
                              hint: "name a file to create, or write `jsonl`, `csv` or `markdown` to the stream")
        }
    }

    /// The results table of an export to `postgres`, which must follow an input from the same database.
    private static func resultsTable(_ options: Options, setup: StageSetup) throws -> TableName {
        guard let queue = setup.input?.queue else {
            throw OptionError(key: "format", "an export to `postgres` commits in the transaction of a claim, and needs "
                              + "`input.format: postgres`", hint: "read the input from a postgres table, or export to a file")
        }
        if options.path != nil {
            throw OptionError(key: "path", "an export to `postgres` writes a table, not `path`", hint: "remove `path`; name the table with `table:`")
        }
        if let url = options.url, url != queue.url {
            throw OptionError(key: "url", "an export to `postgres` writes to the input's database, in the transaction of its claim",
                              hint: "remove `url` (the input's is used), or give the input's")
        }
        guard let text = options.table else {
            throw OptionError(key: nil, "an export to `postgres` needs the option `table`", hint: "add `table: article_results`")
        }
        do {
            return try TableName(text)
        } catch let error as PipeError {
            throw OptionError(key: "table", error.message, hint: error.hint)
        }
    }

    /// Creates the stage outside a pipeline file.
    public init(options: Options) throws {
        try self.init(options: options, setup: StageSetup(pipeline: "pipeline", stageID: Self.name))
    }

    /// The file this stage writes; none when it writes a stream, which is not published.
    public var outputFiles: [String] { isStream || table != nil ? [] : [path] }

    /// In a sharded run, the position and size of each article written, for `pipe merge`.
    public var mergeLogKind: MergeLog.Kind? { isStream || table != nil ? nil : .writtenRows }

    /// Opens the output under its temporary name.
    public func start(context: StageContext) async throws {
        guard table == nil else { return }
        let writer = try options.format.makeWriter(path: path, token: context.stagingToken)
        output.writer.withLock { $0 = writer }
    }

    /// Makes what was written durable and returns its position (bytes, or rows per table).
    public func checkpoint(context: StageContext) async throws -> StagePosition {
        try openWriter(context).checkpoint()
    }

    /// Opens the output where a checkpoint left it.
    public func resume(from position: StagePosition, context: StageContext) async throws {
        let writer = try options.format.makeWriter(path: path, token: context.stagingToken, resuming: position)
        output.writer.withLock { $0 = writer }
    }

    /// Export takes articles and passes them on.
    public typealias Input = Article

    /// A batch encoded for the output: the bytes of a text format, or the articles SQLite takes as rows.
    public struct Encoded: Sendable {
        /// The bytes to append (jsonl, csv, markdown).
        var text: [UInt8] = []
        /// The articles to insert (sqlite).
        var rows: [Article] = []
        /// Where each article ends in ``text``.
        var ends: [Int] = []
        /// Each article's input position, for the merge log.
        var positions: [InputPosition?] = []
    }

    /// Encodes a batch in the format; runs in the workers of the stages before.
    public func encode(_ articles: [Article], context: StageContext) -> Encoded {
        var encoded = options.format.encode(articles)
        if context.mergeLog != nil { encoded.positions = articles.map(\.position) }
        return encoded
    }

    /// Writes one encoded batch, in input order, and in a sharded run records each article
    /// written with its size in bytes (0 for a database row) in the merge log.
    public func write(_ encoded: Encoded, context: StageContext) throws -> [Int: any Error] {
        if let table {
            try context.addToCommit(CommitWrite(stageID: context.stageID, target: .results(table), payload: encoded.text))
            return [:]
        }
        let failures = try openWriter(context).write(encoded)
        if let log = context.mergeLog {
            var start = 0
            for index in encoded.positions.indices {
                let end = encoded.ends.isEmpty ? 0 : encoded.ends[index]
                defer { start = end }
                if failures[index] == nil { try log.record(encoded.positions[index], String(end - start)) }
            }
        }
        return failures
    }

    private func openWriter(_ context: StageContext) throws -> any ArticleWriter {
        guard let writer = output.writer.withLock({ $0 }) else {
            throw PipeError(.io, "export `\(context.stageID)` was not started")
        }
        return writer
    }

    /// Stages the output for the run's publication (or publishes it, outside a run), or
    /// discards it when the run failed.
    public func finish(_ outcome: RunOutcome, context: StageContext) async throws {
        guard let writer = output.writer.withLock({ value in defer { value = nil }; return value }) else { return }
        guard outcome.publishesOutputs else { return writer.discard() }
        let publication = context.publication ?? Publication()
        // While the run keeps checkpoints, what a resumed run continues stays until the checkpoint
        // goes (the checkpoint folder's ledger names it): a run killed after publishing and before
        // its checkpoint was removed then resumes the same database, and ends with the same bytes.
        try writer.stage(in: publication, resumable: outcome != .completed || context.stateStore != nil)
        if context.publication == nil { try publication.publish() }
    }

    /// The open writer, shared by the copies of the stage value.
    private final class OpenWriter: Sendable {
        let writer = Mutex<(any ArticleWriter)?>(nil)
    }
}
