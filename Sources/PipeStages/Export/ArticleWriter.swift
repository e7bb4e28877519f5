import PipeKit

/// Writes articles in one output format; published or discarded at the end of the run.
///
/// `export` calls ``write(_:)`` for one article at a time, in input order, then ``commit()``
/// when the run completed or was interrupted, or ``discard()`` when it failed. A writer never
/// leaves a half-written file under its final name.
protocol ArticleWriter: Sendable {
    func write(_ article: Article) throws
    func commit() throws
    func discard()
}

/// A writer that turns each article into bytes appended to an ``AtomicFile``.
struct TextFileWriter: ArticleWriter {
    let file: AtomicFile
    let encode: @Sendable (Article) -> [UInt8]

    init(path: String, header: String? = nil, encode: @escaping @Sendable (Article) -> [UInt8]) throws {
        file = try AtomicFile(path: path)
        self.encode = encode
        if let header { try file.write(header) }
    }

    func write(_ article: Article) throws { try file.write(encode(article)) }
    func commit() throws { try file.commit() }
    func discard() { file.discard() }
}

extension ExportStage.Format {
    /// Opens a writer of this format for `path`.
    func makeWriter(path: String) throws -> any ArticleWriter {
        switch self {
        case .jsonl:
            return try TextFileWriter(path: path) { article in
                var writer = JSONWriter()
                article.writeJSON(into: &writer)
                writer.raw("\n")
                return writer.bytes
            }
        case .csv:
            return try TextFileWriter(path: path, header: CSVRow.header) { Array(CSVRow(article: $0).line.utf8) }
        case .markdown:
            return try TextFileWriter(path: path) { Array(MarkdownReport(article: $0).text.utf8) }
        case .sqlite:
            return try SQLiteWriter(path: path)
        }
    }
}
