import Foundation
import GRDB
import PipeKit

/// Writes articles into a new SQLite database, in one transaction, replacing the file atomically.
///
/// Tables: `articles` (one row per article, keyed by `id`, in input order by `rowid`), `entities`,
/// `quotes`, `dates` and `keywords` (keyed by `article_id`). The database is built under a
/// temporary name beside the final path, synced, and renamed into place by ``commit()``.
final class SQLiteWriter: ArticleWriter {
    let path: String
    let temporaryPath: String
    private let queue: DatabaseQueue

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

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        temporaryPath = folder + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporaryPath)
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            // The whole run is one transaction, opened here and committed in `commit()`.
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: temporaryPath, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
                try db.execute(sql: Self.schema)
                try db.beginTransaction()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw PipeError(.io, "cannot create the database `\(temporaryPath)`: \(error)")
        }
    }

    func write(_ article: Article) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "SAVEPOINT article")
            do {
                try insert(article, into: db)
                try db.execute(sql: "RELEASE SAVEPOINT article")
            } catch {
                try db.execute(sql: "ROLLBACK TO SAVEPOINT article; RELEASE SAVEPOINT article")
                if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
                    throw PipeError(.malformedRecord, "another article has the id `\(article.id)`",
                                    hint: "put `dedupe` before the export, or give the articles unique ids")
                }
                throw error
            }
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
                           arguments: [article.id, date.text, date.value.description, date.span?.start, date.span?.end])
        }
        for (rank, keyword) in (article.keywords ?? []).enumerated() {
            try db.execute(sql: "INSERT INTO keywords VALUES (?, ?, ?, ?)",
                           arguments: [article.id, rank + 1, keyword.text, keyword.score])
        }
    }

    func commit() throws {
        do {
            try queue.writeWithoutTransaction { db in try db.commit() }
            try queue.close()
            FileHandle(forUpdatingAtPath: temporaryPath)?.synchronizeFile()
        } catch {
            discard()
            throw PipeError(.io, "cannot write the database `\(temporaryPath)`: \(error)")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw PipeError(.io, "cannot rename `\(temporaryPath)` to `\(path)`: \(reason)")
        }
    }

    func discard() {
        try? queue.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
