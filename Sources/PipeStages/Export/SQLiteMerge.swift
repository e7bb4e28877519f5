#if canImport(Glibc)
import Glibc
#endif
import GRDB
import PipeKit

/// Combines the shards' databases of one `export` into the database one run would have written:
/// every table's rows in input order, the indexes built once at the end.
///
/// SQLite attaches a few databases at a time, so each shard is attached in turn: its rows are
/// copied into staging tables with their rank in the merged order (the shard's merge log gives
/// it), and the final tables are then filled from the staging ones in that order. The database
/// is built under a temporary name and a compacted copy (`VACUUM INTO`) is staged for publication.
struct SQLiteMerge {
    let merge: ShardMerge
    let stageID: String
    let path: String

    func run() throws {
        let rows = try merge.rows(of: stageID)
        try SafeFile.createParent(of: path)
        let temporaryPath = SafeFile.stagedPath(of: path, token: merge.token)
        let compacted = temporaryPath + SafeFile.copySuffix
        close(try SafeFile.create(temporaryPath))
        do {
            let queue = try DatabaseQueue(path: temporaryPath)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                try db.execute(sql: SQLiteWriter.schema)
                for table in SQLiteWriter.tables {
                    try db.execute(sql: "CREATE TEMP TABLE staged_\(table) AS SELECT 0 AS merge_rank, 0 AS merge_sub, * FROM main.\(table) WHERE 0")
                }
                for files in merge.shards {
                    try stage(shard: files.shard, rows: rows, in: db)
                }
                for table in SQLiteWriter.tables {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                        .map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\(table) SELECT \(columns) FROM staged_\(table) ORDER BY merge_rank, merge_sub")
                    try db.execute(sql: "DROP TABLE staged_\(table)")
                }
                try db.execute(sql: SQLiteWriter.indexes)
                try db.execute(sql: "VACUUM INTO ?", arguments: [compacted])
            }
            try queue.close()
            try SafeFile.sync(compacted)
        } catch {
            unlink(temporaryPath)
            unlink(compacted)
            if error is PipeError { throw error }
            throw PipeError(.io, "cannot merge the databases into `\(path)`: \(SQLiteWriter.reason(error))")
        }
        merge.publication.add(compacted, as: path)
        merge.publication.removeAfterPublishing(temporaryPath)
    }

    /// Copies the rows of one shard's database that the merge keeps into the staging tables,
    /// each with its article's rank in the merged order.
    private func stage(shard: Shard, rows: [ShardMerge.Row], in db: Database) throws {
        let copy = shard.path(for: path)
        guard access(copy, R_OK) == 0 else {
            throw PipeError(.io, "cannot read the shard's database `\(copy)`", hint: "run shard \(shard) again")
        }
        try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [copy])
        defer { try? db.execute(sql: "DETACH DATABASE shard") }
        let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM shard.articles ORDER BY rowid")
        let own = rows.enumerated().filter { $0.element.shard == shard.index }
        guard rowids.count == own.count else {
            throw PipeError(.io, "`\(copy)` holds \(rowids.count) articles but its merge log \(own.count)", hint: "run shard \(shard) again")
        }
        try db.execute(sql: "CREATE TEMP TABLE ranks (shard_rowid INTEGER PRIMARY KEY, merge_rank INTEGER NOT NULL)")
        defer { try? db.execute(sql: "DROP TABLE temp.ranks") }
        let insert = try db.makeStatement(sql: "INSERT INTO ranks VALUES (?, ?)")
        for (rank, row) in own where !row.isDropped {
            try insert.execute(arguments: [rowids[row.ordinal], rank])
        }
        try db.execute(sql: """
            INSERT INTO staged_articles SELECT r.merge_rank, 0, a.* FROM shard.articles a JOIN ranks r ON r.shard_rowid = a.rowid
            """)
        for table in SQLiteWriter.tables.dropFirst() {
            try db.execute(sql: """
                INSERT INTO staged_\(table) SELECT r.merge_rank, t.rowid, t.* FROM shard.\(table) t
                JOIN shard.articles a ON a.id = t.article_id JOIN ranks r ON r.shard_rowid = a.rowid
                """)
        }
    }
}
