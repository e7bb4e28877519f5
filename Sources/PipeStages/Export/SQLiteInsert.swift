import GRDB
import GRDBSQLite

/// One prepared `INSERT` of the SQLite export, its values bound through SQLite's C interface.
///
/// GRDB prepares the statement once and keeps it with the connection (`cachedStatement`); the
/// values go straight to `sqlite3_bind_*`. Passed as GRDB's `StatementArguments`, each value was
/// first made a `DatabaseValue` in an array and then bound through nested closures, which cost
/// more than SQLite's own work for the row. Text is copied by SQLite (`SQLITE_TRANSIENT`).
struct SQLiteInsert {
    private let statement: Statement
    private let database: Database
    /// The number of the last value bound (SQLite counts from 1).
    private var position: CInt = 0
    /// The first failure to bind a value of this row, reported by ``insert()``.
    private var bindFailure = SQLITE_OK

    /// The statement `sql`, prepared once per connection.
    init(_ sql: String, in database: Database) throws {
        statement = try database.cachedStatement(sql: sql)
        self.database = database
    }

    /// Binds the next value, `NULL` for nil.
    mutating func bind(_ value: Int?) {
        position += 1
        guard let value else { return record(sqlite3_bind_null(statement.sqliteStatement, position)) }
        record(sqlite3_bind_int64(statement.sqliteStatement, position, Int64(value)))
    }

    /// Binds the next value, `NULL` for nil.
    mutating func bind(_ value: Double?) {
        position += 1
        guard let value else { return record(sqlite3_bind_null(statement.sqliteStatement, position)) }
        record(sqlite3_bind_double(statement.sqliteStatement, position, value))
    }

    /// Binds the next value, `NULL` for nil.
    mutating func bind(_ value: String?) {
        guard var value else {
            position += 1
            return record(sqlite3_bind_null(statement.sqliteStatement, position))
        }
        value.withUTF8 { bind(utf8: $0) }
    }

    /// Binds the next value as text of these UTF-8 bytes.
    mutating func bind(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        position += 1
        // An empty buffer may have no address, which SQLite would take for NULL.
        let start = bytes.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(("" as StaticString).utf8Start)
        record(sqlite3_bind_text64(statement.sqliteStatement, position, start, UInt64(bytes.count),
                                   Self.transient, UInt8(SQLITE_UTF8)))
    }

    /// Inserts the row of the values bound, and starts the next row.
    mutating func insert() throws {
        defer {
            position = 0
            bindFailure = SQLITE_OK
        }
        guard bindFailure == SQLITE_OK else { throw failure(bindFailure) }
        let code = sqlite3_step(statement.sqliteStatement)
        // The message is read before the reset, which may replace it.
        let error = code == SQLITE_DONE ? nil : failure(code)
        sqlite3_reset(statement.sqliteStatement)
        if let error { throw error }
    }

    private mutating func record(_ code: CInt) {
        if bindFailure == SQLITE_OK { bindFailure = code }
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: database.lastErrorMessage, sql: statement.sql)
    }

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
