import GRDB
@testable import PipeStages
import Testing

@Suite("SQLiteInsert")
struct SQLiteInsertTests {
    /// An in-memory database with one table of every kind of column.
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { try $0.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, n INTEGER, x REAL, s TEXT)") }
        return queue
    }

    @Test func bindsEveryKindOfValueAndNull() throws {
        let queue = try database()
        try queue.write { db in
            var row = try SQLiteInsert("INSERT INTO t VALUES (?, ?, ?, ?)", in: db)
            row.bind("a")
            row.bind(42)
            row.bind(0.25)
            row.bind("Zürich – “quoted”")
            try row.insert()
            // The same statement again, for the next row: every value bound anew.
            row.bind("b")
            row.bind(nil as Int?)
            row.bind(nil as Double?)
            row.bind(nil as String?)
            try row.insert()
            Array("".utf8).withUnsafeBufferPointer { row.bind(utf8: $0) }
            row.bind(-1)
            row.bind(-0.5)
            Array("bytes".utf8).withUnsafeBufferPointer { row.bind(utf8: $0) }
            try row.insert()
        }
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT id, n, x, s, typeof(n), typeof(s) FROM t ORDER BY rowid") }
        #expect(rows.count == 3)
        #expect(rows[0]["id"] as String == "a" && rows[0]["n"] as Int == 42 && rows[0]["x"] as Double == 0.25)
        #expect(rows[0]["s"] as String == "Zürich – “quoted”")
        #expect(rows[1]["typeof(n)"] as String == "null" && rows[1]["typeof(s)"] as String == "null")
        // An empty text is text, not NULL.
        #expect(rows[2]["id"] as String == "" && rows[2]["s"] as String == "bytes")
    }

    /// A duplicate key is SQLite's constraint error, which the export turns into a rejected
    /// article; the statement is reset and serves the next row.
    @Test func aConstraintFailureIsADatabaseErrorAndTheStatementGoesOn() throws {
        let queue = try database()
        try queue.write { db in
            var row = try SQLiteInsert("INSERT INTO t VALUES (?, ?, ?, ?)", in: db)
            for id in ["a", "a", "b"] {
                row.bind(id)
                row.bind(1)
                row.bind(1.0)
                row.bind("s")
                if id == "a", try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 1 {
                    let error = try #require(throws: DatabaseError.self) { try row.insert() }
                    #expect(error.resultCode == .SQLITE_CONSTRAINT)
                    #expect(error.message?.contains("UNIQUE") == true)
                } else {
                    try row.insert()
                }
            }
        }
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT id FROM t ORDER BY rowid") } == ["a", "b"])
    }

    /// A value bound past the statement's last parameter is reported by `insert()`, and nothing is inserted.
    @Test func aValueTooManyIsReportedAtInsert() throws {
        let queue = try database()
        try queue.write { db in
            var row = try SQLiteInsert("INSERT INTO t VALUES (?, ?, ?, ?)", in: db)
            for value in ["a", "b", "c", "d", "e"] { row.bind(value) }
            let error = try #require(throws: DatabaseError.self) { try row.insert() }
            #expect(error.resultCode == .SQLITE_RANGE)
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM t") } == 0)
    }
}
