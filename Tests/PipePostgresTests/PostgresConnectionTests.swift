import PipeKit
import PipePostgres
import Testing

@Suite("PostgresConnection", .enabled(if: TestServer.runs, Comment(rawValue: TestServer.skipMessage)))
struct PostgresConnectionTests {
    @Test func runsStatementsWithTextParametersAndNulls() async throws {
        try await TestServer.withSchema { connection, schema in
            try await connection.execute("CREATE TABLE \(schema).t (id int PRIMARY KEY, name text)")
            let inserted = try await connection.execute("INSERT INTO \(schema).t VALUES ($1, $2), ($3, $4)", ["1", "Amal \"A\" Haddad", "2", nil])
            #expect(inserted.affected == 2)
            let rows = try await connection.execute("SELECT id, name FROM \(schema).t ORDER BY id")
            #expect(rows.columns == ["id", "name"])
            #expect(rows.rows == [["1", "Amal \"A\" Haddad"], ["2", nil]])
        }
    }

    @Test func anErrorCarriesTheServersStateAndATransactionRollsBack() async throws {
        try await TestServer.withSchema { connection, schema in
            await #expect {
                try await connection.execute("SELECT * FROM \(schema).missing")
            } throws: { error in
                (error as? PostgresError)?.state == "42P01" && (error as? PostgresError)?.message.contains("does not exist") == true
            }
            try await connection.execute("CREATE TABLE \(schema).t (id int PRIMARY KEY)")
            await #expect(throws: PostgresError.self) {
                try await connection.transaction { connection in
                    try await connection.execute("INSERT INTO \(schema).t VALUES (1)")
                    try await connection.execute("INSERT INTO \(schema).t VALUES (1)")
                }
            }
            #expect(try await connection.execute("SELECT count(*) FROM \(schema).t").rows == [["0"]])
        }
    }
}

@Suite("PostgresConnection without a server")
struct PostgresConnectionRefusedTests {
    @Test func aServerThatIsNotThereIsAnIOErrorWithoutTheURL() async throws {
        await #expect {
            try await PostgresConnection.connect("postgres://someone:secret@127.0.0.1:1/pipe")
        } throws: { error in
            guard let error = error as? PipeError else { return false }
            return error.code == .io && error.message.hasPrefix("cannot connect to PostgreSQL") && !error.message.contains("secret")
        }
    }
}
