import CPostgres
import Dispatch
import PipeKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to a PostgreSQL server through libpq, PostgreSQL's own C client.
///
/// libpq's calls block, so each connection makes them on a dispatch queue of its own, never on
/// one of the few threads Swift's concurrency runs tasks on: `execute` suspends the calling task
/// until the server answered. Calls on one connection run one at a time, in the order made;
/// a transaction is the statements one task sends between `BEGIN` and `COMMIT`.
///
/// Parameters and results travel as text, as `psql` shows them; `nil` is SQL `NULL`.
public final class PostgresConnection: Sendable {
    /// The libpq handle, touched only on ``queue``.
    private struct Handle: @unchecked Sendable {
        let connection: OpaquePointer
    }

    private let handle: Handle
    private let queue: DispatchQueue

    private init(handle: Handle, queue: DispatchQueue) {
        self.handle = handle
        self.queue = queue
    }

    deinit {
        let handle = handle
        queue.async { PQfinish(handle.connection) }
    }

    /// Connects to the server a `postgres://` URL (or libpq connection string) names.
    ///
    /// - Throws: ``PipeError`` with code `io` and the server's or libpq's reason; the message
    ///   never repeats the URL, which may hold a password.
    public static func connect(_ url: String, label: String = "pipe") async throws -> PostgresConnection {
        let queue = DispatchQueue(label: "pipe.postgres.\(label)")
        let handle: Handle = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard let connection = PQconnectdb(url) else {
                    return continuation.resume(throwing: PipeError(.io, "cannot connect to PostgreSQL: libpq is out of memory"))
                }
                guard PQstatus(connection) == CONNECTION_OK else {
                    let reason = Self.text(PQerrorMessage(connection))
                    PQfinish(connection)
                    return continuation.resume(throwing: PipeError(
                        .io, "cannot connect to PostgreSQL: \(reason)",
                        hint: "check the URL (postgres://USER@HOST:PORT/DATABASE) and that the server is running"))
                }
                // The server's notices (`relation … already exists, skipping`) are not for the
                // user's terminal, where libpq prints them by default.
                PQsetNoticeReceiver(connection, { _, _ in }, nil)
                continuation.resume(returning: Handle(connection: connection))
            }
        }
        return PostgresConnection(handle: handle, queue: queue)
    }

    /// Runs one statement with `$1`, `$2`… bound to `parameters`, and returns its rows.
    ///
    /// - Throws: ``PostgresError`` with the server's SQLSTATE and message.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        let handle = handle
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try Self.run(sql, parameters, on: handle.connection) })
            }
        }
    }

    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when it returns, `ROLLBACK` when it throws.
    public func transaction<Value: Sendable>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await execute("BEGIN")
        do {
            let value = try await body(self)
            try await execute("COMMIT")
            return value
        } catch {
            _ = try? await execute("ROLLBACK")
            throw error
        }
    }

    /// Whether the connection is still open: `false` once the server closed it (it restarted, or
    /// ended a transaction left idle too long).
    public func isOpen() async -> Bool {
        let handle = handle
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: PQstatus(handle.connection) == CONNECTION_OK) }
        }
    }

    /// Waits up to `timeout` for a notification on a channel the connection listens to (`LISTEN
    /// channel`); `true` when one came. Notifications that came before are taken too.
    ///
    /// - Throws: ``PostgresError`` when the connection broke.
    public func notification(within timeout: Duration) async throws -> Bool {
        let handle = handle
        let milliseconds = Int32(clamping: DurationText.milliseconds(timeout))
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try Self.notification(on: handle.connection, within: milliseconds) })
            }
        }
    }

    private static func notification(on connection: OpaquePointer, within milliseconds: Int32) throws -> Bool {
        func take() -> Bool {
            var came = false
            while let notice = PQnotifies(connection) {
                came = true
                PQfreemem(notice)
            }
            return came
        }
        guard PQconsumeInput(connection) == 1 else { throw PostgresError(state: "", message: text(PQerrorMessage(connection))) }
        if take() { return true }
        var socket = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        guard poll(&socket, 1, milliseconds) > 0 else { return false }
        guard PQconsumeInput(connection) == 1 else { throw PostgresError(state: "", message: text(PQerrorMessage(connection))) }
        return take()
    }

    private static func run(_ sql: String, _ parameters: [String?], on connection: OpaquePointer) throws -> PostgresRows {
        let values = parameters.map { $0.flatMap { strdup($0) } }
        defer { values.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } }
        guard let result = PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0) else {
            throw PostgresError(state: "", message: text(PQerrorMessage(connection)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return rows(of: result)
        default:
            throw PostgresError(state: text(PQresultErrorField(result, Int32(UInt8(ascii: "C")))),
                                message: text(PQresultErrorMessage(result)))
        }
    }

    private static func rows(of result: OpaquePointer) -> PostgresRows {
        let (count, width) = (PQntuples(result), PQnfields(result))
        let columns = (0..<width).map { text(PQfname(result, $0)) }
        let rows = (0..<count).map { row in
            (0..<width).map { column in PQgetisnull(result, row, column) == 1 ? nil : text(PQgetvalue(result, row, column)) }
        }
        return PostgresRows(columns: columns, rows: rows, affected: Int(text(PQcmdTuples(result))) ?? 0)
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0).trimmingSuffix() } ?? ""
    }
}

extension String {
    /// The text without the line feed libpq ends its messages with.
    fileprivate func trimmingSuffix() -> String {
        var text = Substring(self)
        while text.last == "\n" { text.removeLast() }
        return String(text)
    }
}
