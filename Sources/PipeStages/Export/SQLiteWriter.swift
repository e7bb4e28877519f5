import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import PipeKit

/// Writes articles into a new SQLite database, replacing the file atomically at the end.
///
/// Tables: `articles` (one row per article, keyed by `id`, in input order by `rowid`), `entities`,
/// `quotes`, `dates` and `keywords` (keyed by `article_id`). The database is built under a
/// temporary name beside the final path (`.NAME.TOKEN.partial`, with SQLite's rollback journal
/// beside it), committed at every checkpoint, and published by ``stage(in:resumable:)`` as a
/// compacted copy (`VACUUM INTO`) renamed into place with the run's other outputs. The copy
/// depends only on the rows, not on where the run committed or whether it was resumed, so the
/// same input always gives the same bytes.
final class SQLiteWriter: ArticleWriter {
    let path: String
    let temporaryPath: String
    private let queue: DatabaseQueue

    static let tables = ["articles", "entities", "quotes", "dates", "keywords"]

    static let schema = """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL, date TEXT, published_at TEXT, url TEXT,
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
            precision TEXT NOT NULL, start INTEGER, "end" INTEGER
        );
        CREATE TABLE keywords (
            article_id TEXT NOT NULL REFERENCES articles(id), rank INTEGER NOT NULL, text TEXT NOT NULL,
            score REAL NOT NULL
        );
        """

    /// The indexes of the annotations by article, made by ``commit(resumable:)`` before the copy
    /// is published: built from the finished tables in one sort each, where kept up to date row
    /// by row they were written, spilled from SQLite's cache and read back for every article.
    /// A database published by an interrupted run already has them.
    static let indexes = """
        CREATE INDEX IF NOT EXISTS entities_by_article ON entities(article_id);
        CREATE INDEX IF NOT EXISTS quotes_by_article ON quotes(article_id);
        CREATE INDEX IF NOT EXISTS dates_by_article ON dates(article_id);
        CREATE INDEX IF NOT EXISTS keywords_by_article ON keywords(article_id);
        """

    /// Opens a new database, or continues the one a checkpoint describes (`rows.TABLE` per table).
    ///
    /// The staged database, `.NAME.TOKEN.partial`, is created exclusively (never through a link)
    /// before SQLite opens it; a resumed run reopens it only while it is still this user's plain
    /// file, or else continues a copy of the database the interrupted run published. A resume that
    /// fails leaves the staged database as it was, for a later one.
    init(path: String, token: String, resuming position: StagePosition? = nil) throws {
        self.path = path
        try SafeFile.createParent(of: path)
        temporaryPath = SafeFile.stagedPath(of: path, token: token)
        if position == nil {
            close(try SafeFile.create(temporaryPath))
            unlink(temporaryPath + SafeFile.journalSuffix)
        } else if let earlier = try SafeFile.reopen(temporaryPath) {
            close(earlier)
        } else {
            try Self.copyPublished(path, to: temporaryPath)
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
        } catch {
            if position == nil {
                unlink(temporaryPath)
                unlink(temporaryPath + SafeFile.journalSuffix)
            }
            if let error = error as? PipeError { throw error }
            throw PipeError(.io, "cannot \(position == nil ? "create" : "resume") the database `\(temporaryPath)`: \(Self.reason(error))",
                            hint: position == nil ? nil : "run without `--resume` to start over")
        }
    }

    /// Creates the staged database as a copy of the one an interrupted run published.
    private static func copyPublished(_ path: String, to temporaryPath: String) throws {
        let failure = PipeError(.io, "cannot resume `\(path)`: neither it nor `\(temporaryPath)` can be read",
                                hint: "run without `--resume` to start over")
        let source = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw failure }
        defer { close(source) }
        var status = stat()
        guard fstat(source, &status) == 0 else { throw failure }
        let target = try SafeFile.create(temporaryPath)
        defer { close(target) }
        unlink(temporaryPath + SafeFile.journalSuffix)
        guard SafeFile.copy(Int(status.st_size), from: source, to: target), fsync(target) == 0 else {
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Removes the rows written after the checkpoint (a run can be killed after committing them
    /// and before recording them), so that the next row gets the same `rowid` as in a whole run.
    /// Every table is checked before any row goes, the annotations go before the articles they
    /// reference, and all in one transaction: a cut that fails or is killed removes nothing.
    private static func cut(_ db: Database, to position: StagePosition) throws {
        for table in tables {
            let rows = position["rows.\(table)"] ?? 0
            let present = try lastRowID(of: table, in: db)
            guard present >= rows else {
                throw PipeError(.io, "cannot resume the database: table `\(table)` has \(present) rows, the checkpoint recorded \(rows)",
                                hint: "run without `--resume` to start over")
            }
        }
        try db.inTransaction {
            for table in tables.reversed() {
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid > ?", arguments: [position["rows.\(table)"] ?? 0])
            }
            return .commit
        }
    }

    func write(_ batch: ExportStage.Encoded) throws -> [Int: any Error] {
        try writing { db in
            var failures: [Int: any Error] = [:]
            for (index, article) in batch.rows.enumerated() {
                // The article's row goes in first: when its id is taken, nothing of it is written.
                do {
                    try insertRow(of: article, into: db)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    failures[index] = PipeError(.malformedRecord, "another article has the id `\(article.id)`",
                                                hint: "put `dedupe` before the export, or give the articles unique ids")
                    continue
                }
                try insertAnnotations(of: article, into: db)
            }
            return failures
        }
    }

    /// Inserts the article's row.
    private func insertRow(of article: Article, into db: Database) throws {
        var row = try SQLiteInsert("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", in: db)
        let translation = article.translation
        for text in [article.id, article.source, article.date?.description, article.publishedAt?.description, article.url, article.title, article.body, article.language] {
            row.bind(text)
        }
        row.bind(article.languageConfidence)
        for text in [translation?.to, translation?.backend, translation?.title, translation?.body] { row.bind(text) }
        if article.fields.isEmpty {
            row.bind(nil as String?)
        } else {
            var writer = JSONWriter()
            writer.value(.object(article.fields))
            writer.withBytes { row.bind(utf8: $0) }
        }
        try row.insert()
    }

    /// Inserts the rows of the article's entities, quotations, dates and keywords.
    private func insertAnnotations(of article: Article, into db: Database) throws {
        if let entities = article.entities, !entities.isEmpty {
            var row = try SQLiteInsert("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", in: db)
            // One writer for the spans of all of them.
            var spans = JSONWriter()
            for entity in entities {
                row.bind(article.id)
                row.bind(entity.text)
                row.bind(entity.type.rawValue)
                row.bind(entity.count)
                spans.removeAll()
                spans.spans(entity.spans)
                spans.withBytes { row.bind(utf8: $0) }
                try row.insert()
            }
        }
        if let quotes = article.quotes, !quotes.isEmpty {
            var row = try SQLiteInsert("INSERT INTO quotes VALUES (?, ?, ?, ?, ?)", in: db)
            for quote in quotes {
                row.bind(article.id)
                row.bind(quote.text)
                row.bind(quote.speaker)
                row.bind(quote.span.start)
                row.bind(quote.span.end)
                try row.insert()
            }
        }
        if let dates = article.dates, !dates.isEmpty {
            var row = try SQLiteInsert("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)", in: db)
            for date in dates {
                row.bind(article.id)
                row.bind(date.text)
                row.bind(date.valueText)
                row.bind(date.precision.rawValue)
                row.bind(date.span?.start)
                row.bind(date.span?.end)
                try row.insert()
            }
        }
        if let keywords = article.keywords, !keywords.isEmpty {
            var row = try SQLiteInsert("INSERT INTO keywords VALUES (?, ?, ?, ?)", in: db)
            for (rank, keyword) in keywords.enumerated() {
                row.bind(article.id)
                row.bind(rank + 1)
                row.bind(keyword.text)
                row.bind(keyword.score)
                try row.insert()
            }
        }
    }

    /// The largest `rowid` of `table`, 0 when it is empty: rows go in with `rowid`s 1, 2, 3, …
    private static func lastRowID(of table: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM \(table)") ?? 0
    }

    func checkpoint() throws -> StagePosition {
        try writing { db in
            try db.commit()
            var position: StagePosition = [:]
            for table in Self.tables {
                position["rows.\(table)"] = try Self.lastRowID(of: table, in: db)
            }
            try db.beginTransaction()
            return position
        }
    }

    /// Makes the indexes, commits, and stages a compacted copy (`VACUUM INTO`) for the run's
    /// publication. A resumable run keeps the staged database; otherwise it goes once the copy is
    /// published.
    func stage(in publication: Publication, resumable: Bool) throws {
        // A name of the run's own: only an earlier attempt of this run can have left a file there.
        let compacted = temporaryPath + SafeFile.copySuffix
        unlink(compacted)
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: Self.indexes)
                try db.commit()
                try db.execute(sql: "VACUUM INTO ?", arguments: [compacted])
            }
            try queue.close()
            try SafeFile.sync(compacted)
        } catch {
            discard()
            unlink(compacted)
            throw writeError(error)
        }
        publication.add(compacted, as: path)
        // A resumed run continues the database itself rather than the compacted copy, whose
        // header counts one more schema change: the final file then matches a whole run's.
        if !resumable {
            publication.removeAfterPublishing(temporaryPath)
            publication.removeAfterPublishing(temporaryPath + SafeFile.journalSuffix)
        }
    }

    /// Runs `body` on the database; an error that is not Pipe's becomes an I/O error naming the file.
    private func writing<Result>(_ body: (Database) throws -> Result) throws -> Result {
        do {
            return try queue.writeWithoutTransaction(body)
        } catch {
            throw writeError(error)
        }
    }

    private func writeError(_ error: any Error) -> any Error {
        if error is PipeError { return error }
        return PipeError(.io, "cannot write the database `\(temporaryPath)`: \(Self.reason(error))")
    }

    /// SQLite's reason, in the system's words when the disk is full, as the other writers give it.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL else { return "\(error)" }
        return "\(String(cString: strerror(ENOSPC))) (\(error.message ?? "database or disk is full"))"
    }

    func discard() {
        try? queue.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
        try? FileManager.default.removeItem(atPath: temporaryPath + SafeFile.journalSuffix)
    }
}
