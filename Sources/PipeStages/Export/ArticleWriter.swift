import PipeKit

/// Writes articles in one output format; published or discarded at the end of the run.
///
/// `export` encodes each batch with ``ExportStage/Format/encode(_:)`` in the workers and calls
/// ``write(_:)`` for one batch at a time, in input order, then ``stage(in:resumable:)`` when the
/// run completed or was interrupted (then `resumable`: the writer may keep what a resumed run
/// needs), which readies the output for the run's ``Publication``, or ``discard()`` when it failed. A writer never leaves a half-written file under its
/// final name. ``checkpoint()`` makes what was written durable and tells where the writer stands;
/// a writer opened with that position continues there.
protocol ArticleWriter: Sendable {
    /// Writes a batch; returns the errors of the articles that could not be written, by index.
    func write(_ batch: ExportStage.Encoded) throws -> [Int: any Error]
    func checkpoint() throws -> StagePosition
    func stage(in publication: Publication, resumable: Bool) throws
    func discard()
}

/// A writer that appends the batches' bytes to an ``AtomicFile``.
struct TextFileWriter: ArticleWriter {
    let file: AtomicFile

    init(path: String, token: String, header: String? = nil, resuming position: StagePosition?) throws {
        file = try AtomicFile(path: path, token: token, resumingAt: position.map { $0["bytes"] ?? 0 })
        if let header, position == nil { try file.write(header) }
    }

    func write(_ batch: ExportStage.Encoded) throws -> [Int: any Error] {
        try file.write(batch.text)
        return [:]
    }

    func checkpoint() throws -> StagePosition { ["bytes": try file.sync()] }
    func stage(in publication: Publication, resumable: Bool) throws { try file.stage(in: publication) }
    func discard() { file.discard() }
}

extension ExportStage.Format {
    /// Opens a writer of this format for `path`, new or continuing from `position`; `token`
    /// names its staged file (``StageContext/stagingToken``). A stream (``OutputTarget``) is
    /// written straight into.
    func makeWriter(path: String, token: String, resuming position: StagePosition? = nil) throws -> any ArticleWriter {
        if try OutputTarget(path: path).isStream {
            return try StreamWriter(path: path, header: self == .csv ? CSVRow.header : nil, resuming: position)
        }
        return switch self {
        case .jsonl, .markdown: try TextFileWriter(path: path, token: token, resuming: position)
        case .csv: try TextFileWriter(path: path, token: token, header: CSVRow.header, resuming: position)
        case .sqlite: try SQLiteWriter(path: path, token: token, resuming: position)
        case .postgres: throw PipeError(.invalidValue, "an export to `postgres` writes no file")
        }
    }

    /// About how many bytes the JSON records of `articles` take: a record is mostly the title and
    /// body (twice when translated), then the annotations.
    private static func recordBytes(_ articles: [Article]) -> Int {
        articles.reduce(0) { $0 + 2 * ($1.body.utf8.count + $1.title.utf8.count) + 2048 }
    }

    /// Encodes a batch for this format's writer: the bytes of the text formats, the articles
    /// themselves for SQLite, whose rows are made as they are inserted.
    func encode(_ articles: [Article]) -> ExportStage.Encoded {
        switch self {
        case .jsonl:
            var writer = JSONWriter(capacity: Self.recordBytes(articles))
            // By index, so that each article is lent, not copied.
            var ends: [Int] = []
            ends.reserveCapacity(articles.count)
            for index in articles.indices {
                articles[index].writeJSON(into: &writer)
                writer.raw("\n")
                ends.append(writer.count)
            }
            return ExportStage.Encoded(text: writer.bytes, ends: ends)
        case .csv:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(articles.reduce(0) { $0 + $1.body.utf8.count + $1.title.utf8.count + 1024 })
            var ends: [Int] = []
            ends.reserveCapacity(articles.count)
            for index in articles.indices {
                CSVRow(article: articles[index]).append(to: &bytes)
                ends.append(bytes.count)
            }
            return ExportStage.Encoded(text: bytes, ends: ends)
        case .markdown:
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for index in articles.indices {
                bytes += MarkdownReport(article: articles[index]).text.utf8
                ends.append(bytes.count)
            }
            return ExportStage.Encoded(text: bytes, ends: ends)
        case .sqlite:
            return ExportStage.Encoded(rows: articles)
        case .postgres:
            // One JSON array of the records the JSON Lines export writes, which the database takes apart.
            var writer = JSONWriter(capacity: Self.recordBytes(articles) + 2)
            writer.beginArray()
            // By index, so that each article is lent, not copied.
            for index in articles.indices { articles[index].writeJSON(into: &writer) }
            writer.endArray()
            return ExportStage.Encoded(text: writer.bytes)
        }
    }
}
