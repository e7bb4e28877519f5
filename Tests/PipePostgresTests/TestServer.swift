import Foundation
import PipePostgres

/// The PostgreSQL server the tests use: `PIPE_TEST_POSTGRES_URL`, which `.ci/run` sets after
/// starting a private cluster with `Scripts/postgres.sh`. Without it the tests are skipped,
/// unless `PIPE_REQUIRE_POSTGRES=1` (CI) says a missing server is a failure.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["PIPE_TEST_POSTGRES_URL"]
    static let isRequired = ProcessInfo.processInfo.environment["PIPE_REQUIRE_POSTGRES"] == "1"
    /// Whether the tests run: a server is given, or one is required (and then they fail to connect).
    static let runs = url != nil || isRequired
    static let skipMessage = "skipped: no PostgreSQL server; start one with `Scripts/postgres.sh start FOLDER` and set PIPE_TEST_POSTGRES_URL"

    /// A connection, and a schema of the test's own that is dropped afterwards.
    static func withSchema<Value>(_ body: (PostgresConnection, String) async throws -> Value) async throws -> Value {
        let connection = try await PostgresConnection.connect(url ?? "postgres://missing-server-required-by-ci@127.0.0.1:1/pipe")
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await connection.execute("CREATE SCHEMA \(schema)")
        do {
            let value = try await body(connection, String(schema))
            try await connection.execute("DROP SCHEMA \(schema) CASCADE")
            return value
        } catch {
            _ = try? await connection.execute("DROP SCHEMA \(schema) CASCADE")
            throw error
        }
    }
}
