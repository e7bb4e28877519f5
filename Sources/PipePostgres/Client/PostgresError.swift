/// An error the PostgreSQL server (or libpq) reported for a statement.
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SQLSTATE code, `40001` for a serialization failure; empty when libpq gave none.
    public var state: String
    /// The server's message.
    public var message: String

    /// Creates an error.
    public init(state: String, message: String) {
        self.state = state
        self.message = message
    }

    /// `PostgreSQL error 42P01: relation "x" does not exist`.
    public var description: String { "PostgreSQL error \(state.isEmpty ? "" : state + ": ")\(message)" }
}
