import Foundation
import GRDB
import PipeKit

/// Writes articles into a new SQLite database, replacing the file atomically at the end.
///
/// Tables: `articles` (one row per article, keyed by `id`, in input order by `rowid`), `entities`,
/// `quotes`, `dates` and `keywords` (keyed by `article_id`). The database is built under a
/// temporary name beside the final path (`.NAME.partial`, with SQLite's rollback journal beside
/// it), committed at every checkpoint, and published by ``commit()`` as a compacted copy
/// (`VACUUM INTO`) renamed into place. The copy depends only on the rows, not on where the run
/// committed or whether it was resumed, so the same input always gives the same bytes.
final class SQLiteWriter: ArticleWriter {
    let path: String
    let temporaryPath: String
    private let queue: DatabaseQueue

    static let tables = ["articles", "entities", "quotes", "dates", "keywords"]

    static let schema = """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL, date TEXT, url TEXT,
            title TEXT NOT NULL, body TEXT NOT NULL, language TEXT, language_confidence REAL,
            translation_to TEXT, translation_backend TEXT, translation_title TEXT, translation_body TEXT,
            fields TEXT
        );
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL, type TEXT NOT NULL,
            count INTEGER NOT NULL, spans TEXT NOT NULL
        );
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL, speaker TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE TABLE dates (
            article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL, value TEXT NOT NULL,
            start INTEGER, "end" INTEGER
        );
        CREATE TABLE keywords (
            article_id TEXT NOT NULL REFERENCES articles(id), rank INTEGER NOT NULL, text TEXT NOT NULL,
            score REAL NOT NULL
        );
        CREATE INDEX entities_by_article ON entities(article_id);
        CREATE INDEX quotes_by_article ON quotes(article_id);
        CREATE INDEX dates_by_article ON dates(article_id);
        CREATE INDEX keywords_by_article ON keywords(article_id);
        """

    /// Opens a new database, or continues the one a checkpoint describes (`rows.TABLE` per table).
    init(path: String, resuming position: StagePosition? = nil) throws {
        self.path = path
        let folder = PathParts.parent(path)
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        temporaryPath = AtomicFile.partialPath(of: path)
        let files = FileManager.default
        if position == nil {
            try? files.removeItem(atPath: temporaryPath)
            try? files.removeItem(atPath: temporaryPath + "-journal")
        } else if !files.fileExists(atPath: temporaryPath) {
            // The interrupted run published its database: continue a copy of it.
            do {
                try files.copyItem(atPath: path, toPath: temporaryPath)
            } catch {
                throw PipeError(.io, "cannot resume `\(path)`: neither it nor `\(temporaryPath)` can be read",
                                hint: "run without `--resume` to start over")
            }
        }
        do {
            var configuration = Configuration()
            // The run is one transaction per checkpoint, opened here and committed in `checkpoint()`.
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: temporaryPath, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // A rollback journal on disk, so that a killed run leaves the last checkpoint's rows.
                try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL")
                if let position {
                    try Self.cut(db, to: position)
                } else {
                    try db.execute(sql: Self.schema)
                }
                try db.beginTransaction()
            }
        } catch let error as PipeError {
            throw error
        } catch {
            try? files.removeItem(atPath: temporaryPath)
            throw PipeError(.io, "cannot create the database `\(temporaryPath)`: \(error)")
        }
    }

    /// Removes the rows written after the checkpoint (a run can be killed after committing them
    /// and before recording them), so that the next row gets the same `rowid` as in a whole run.
    private static func cut(_ db: Database, to position: StagePosition) throws {
        for table in tables {
            let rows = position["rows.\(table)"] ?? 0
            let present = try lastRowID(of: table, in: db)
            guard present >= rows else {
                throw PipeError(.io, "cannot resume the database: table `\(table)` has \(present) rows, the checkpoint recorded \(rows)",
                                hint: "run without `--resume` to start over")
            }
            try db.execute(sql: "DELETE FROM \(table) WHERE rowid > ?", arguments: [rows])
        }
    }

    func write(_ batch: ExportStage.Encoded) throws -> [Int: any Error] {
        try queue.writeWithoutTransaction { db in
            var failures: [Int: any Error] = [:]
            for (index, article) in batch.rows.enumerated() {
                try db.execute(sql: "SAVEPOINT article")
                do {
                    try insert(article, into: db)
                    try db.execute(sql: "RELEASE SAVEPOINT article")
                } catch {
                    try db.execute(sql: "ROLLBACK TO SAVEPOINT article; RELEASE SAVEPOINT article")
                    guard let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT else { throw error }
                    failures[index] = PipeError(.malformedRecord, "another article has the id `\(article.id)`",
                                                hint: "put `dedupe` before the export, or give the articles unique ids")
                }
            }
            return failures
        }
    }

    private func insert(_ article: Article, into db: Database) throws {
        var fields: String?
        if !article.fields.isEmpty {
            var writer = JSONWriter()
            writer.value(.object(article.fields))
            fields = String(decoding: writer.bytes, as: UTF8.self)
        }
        let translation = article.translation
        try db.execute(sql: """
            INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                article.id, article.source, article.date?.description, article.url, article.title, article.body,
                article.language, article.languageConfidence, translation?.to, translation?.backend,
                translation?.title, translation?.body, fields,
            ])
        for entity in article.entities ?? [] {
            var writer = JSONWriter()
            writer.spans(entity.spans)
            try db.execute(sql: "INSERT INTO entities VALUES (?, ?, ?, ?, ?)", arguments: [
                article.id, entity.text, entity.type.rawValue, entity.count, String(decoding: writer.bytes, as: UTF8.self),
            ])
        }
        for quote in article.quotes ?? [] {
            try db.execute(sql: "INSERT INTO quotes VALUES (?, ?, ?, ?, ?)",
                           arguments: [article.id, quote.text, quote.speaker, quote.span.start, quote.span.end])
        }
        for date in article.dates ?? [] {
            try db.execute(sql: "INSERT INTO dates VALUES (?, ?, ?, ?, ?)",
                           arguments: [article.id, date.text, date.valueText, date.span?.start, date.span?.end])
        }
        for (rank, keyword) in (article.keywords ?? []).enumerated() {
            try db.execute(sql: "INSERT INTO keywords VALUES (?, ?, ?, ?)",
                           arguments: [article.id, rank + 1, keyword.text, keyword.score])
        }
    }

    /// The largest `rowid` of `table`, 0 when it is empty: rows go in with `rowid`s 1, 2, 3, …
    private static func lastRowID(of table: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM \(table)") ?? 0
    }

    func checkpoint() throws -> StagePosition {
        try queue.writeWithoutTransaction { db in
            try db.commit()
            var position: StagePosition = [:]
            for table in Self.tables {
                position["rows.\(table)"] = try Self.lastRowID(of: table, in: db)
            }
            try db.beginTransaction()
            return position
        }
    }

    func commit(resumable: Bool) throws {
        let compacted = PathParts.sibling(of: path, named: "." + PathParts.name(path) + ".vacuum")
        try? FileManager.default.removeItem(atPath: compacted)
        do {
            try queue.writeWithoutTransaction { db in
                try db.commit()
                try db.execute(sql: "VACUUM INTO ?", arguments: [compacted])
            }
            try queue.close()
            FileHandle(forUpdatingAtPath: compacted)?.synchronizeFile()
        } catch {
            discard()
            try? FileManager.default.removeItem(atPath: compacted)
            throw PipeError(.io, "cannot write the database `\(temporaryPath)`: \(error)")
        }
        guard rename(compacted, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            try? FileManager.default.removeItem(atPath: compacted)
            throw PipeError(.io, "cannot rename `\(compacted)` to `\(path)`: \(reason)")
        }
        // A resumed run continues the database itself rather than the compacted copy, whose
        // header counts one more schema change: the final file then matches a whole run's.
        if !resumable { discard() }
    }

    func discard() {
        try? queue.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
        try? FileManager.default.removeItem(atPath: temporaryPath + "-journal")
    }
}
