import PipeKit

/// Writes articles in one output format; published or discarded at the end of the run.
///
/// `export` calls ``write(_:)`` for one article at a time, in input order, then
/// ``commit(resumable:)`` when the run completed or was interrupted (then `resumable`: the
/// writer may keep what a resumed run needs), or ``discard()`` when it failed. A writer never
/// leaves a half-written file under its final name. ``checkpoint()`` makes what was written
/// durable and tells where the writer stands; a writer opened with that position continues there.
protocol ArticleWriter: Sendable {
    func write(_ article: Article) throws
    func checkpoint() throws -> StagePosition
    func commit(resumable: Bool) throws
    func discard()
}

/// A writer that appends each article's bytes to an ``AtomicFile``.
struct TextFileWriter: ArticleWriter {
    let file: AtomicFile
    /// Writes one article to the file.
    let encode: @Sendable (Article, AtomicFile) throws -> Void

    init(path: String, header: String? = nil, resuming position: StagePosition?,
         encode: @escaping @Sendable (Article, AtomicFile) throws -> Void) throws {
        file = try AtomicFile(path: path, resumingAt: position.map { $0["bytes"] ?? 0 })
        self.encode = encode
        if let header, position == nil { try file.write(header) }
    }

    func write(_ article: Article) throws { try encode(article, file) }
    func checkpoint() throws -> StagePosition { ["bytes": try file.sync()] }
    func commit(resumable: Bool) throws { try file.commit() }
    func discard() { file.discard() }
}

extension ExportStage.Format {
    /// Opens a writer of this format for `path`, new or continuing from `position`.
    func makeWriter(path: String, resuming position: StagePosition? = nil) throws -> any ArticleWriter {
        switch self {
        case .jsonl:
            return try TextFileWriter(path: path, resuming: position) { article, file in
                // The record is mostly the title and body (twice when translated), then the annotations.
                var writer = JSONWriter(capacity: 2 * (article.body.utf8.count + article.title.utf8.count) + 2048)
                article.writeJSON(into: &writer)
                writer.raw("\n")
                try writer.withBytes { try file.write($0) }
            }
        case .csv:
            return try TextFileWriter(path: path, header: CSVRow.header, resuming: position) { try $1.write(CSVRow(article: $0).line) }
        case .markdown:
            return try TextFileWriter(path: path, resuming: position) { try $1.write(MarkdownReport(article: $0).text) }
        case .sqlite:
            return try SQLiteWriter(path: path, resuming: position)
        }
    }
}
