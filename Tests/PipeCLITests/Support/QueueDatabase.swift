import Foundation
import PipeKit
import PipePostgres

/// The PostgreSQL server the queue tests use (`PIPE_TEST_POSTGRES_URL`, set by `.ci/run`), with a
/// schema of the test's own holding a table of articles written by ``articles(_:)``.
struct QueueDatabase {
    static let url = ProcessInfo.processInfo.environment["PIPE_TEST_POSTGRES_URL"]
    /// Whether the tests run: a server is given, or CI requires one (`PIPE_REQUIRE_POSTGRES=1`), and they fail without it.
    static let runs = url != nil || ProcessInfo.processInfo.environment["PIPE_REQUIRE_POSTGRES"] == "1"
    static let skipMessage = "skipped: no PostgreSQL server; start one with `Scripts/postgres.sh start FOLDER` and set PIPE_TEST_POSTGRES_URL"

    /// One queued article, as the table and the JSON Lines file of the file run hold it.
    struct Row: Codable {
        var id: Int
        var title: String
        var body: String
        var date: String
        var url: String
        var section: String
    }

    let connection: PostgresConnection
    let schema: String
    var url: String { Self.url ?? "" }

    /// Connects and creates a schema of the test's own with `articles` in it.
    static func create() async throws -> QueueDatabase {
        let connection = try await PostgresConnection.connect(url ?? "postgres://missing-server-required-by-ci@127.0.0.1:1/pipe")
        let schema = "q_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await connection.execute("CREATE SCHEMA \(schema)")
        try await connection.execute("""
            CREATE TABLE \(schema).articles (id integer PRIMARY KEY, title text NOT NULL, body text NOT NULL, date date, url text, section text)
            """)
        return QueueDatabase(connection: connection, schema: String(schema))
    }

    func drop() async {
        _ = try? await connection.execute("DROP SCHEMA \(schema) CASCADE")
    }

    /// `count` articles of our own, varied by a seeded sequence: people, places, a quotation and
    /// dates to extract; every 997th has an empty body, which `parse` refuses.
    static func articles(_ count: Int) -> [Row] {
        let people = ["Amal Haddad", "Omar Nasser", "Lena Fischer", "Karim Aziz", "Sara Mendes", "John Miller", "Yusuf Demir"]
        let places = ["Aleppo", "Damascus", "Geneva", "Ankara", "Beirut", "Homs", "Idlib", "Vienna"]
        let sayings = ["We will not give up", "The talks are going well", "Aid must reach the city", "Nothing has been agreed yet"]
        let months = ["January", "February", "March", "April", "May", "June"]
        return (1...max(1, count)).prefix(count).map { id in
            let (a, b, c) = (id * 7 % people.count, id * 5 % places.count, id * 3 % sayings.count)
            let (month, day) = (id % months.count, id % 27 + 1)
            let body = id % 997 == 0 ? "" : """
                \(places[b].uppercased()) — \(people[a]) met \(people[(a + 1) % people.count]) in \(places[b]) on Monday. \
                "\(sayings[c])," \(people[a]) said. The meeting, the \(id)th of its kind, followed clashes near \
                \(places[(b + 3) % places.count]) on \(months[month]) \(day), 2016.
                """
            return Row(id: id, title: "Talks in \(places[b]) continue (\(id))", body: body,
                       date: String(format: "2016-%02d-%02d", month + 1, day), url: "https://news.example/\(id)",
                       section: ["world", "politics", "aid"][id % 3])
        }
    }

    /// Inserts `rows` into `articles`, a few thousand per statement.
    func insert(_ rows: [Row]) async throws {
        let encoder = JSONEncoder()
        for start in stride(from: 0, to: rows.count, by: 5_000) {
            let chunk = String(decoding: try encoder.encode(Array(rows[start..<min(start + 5_000, rows.count)])), as: UTF8.self)
            try await connection.execute("""
                INSERT INTO \(schema).articles
                SELECT (r->>'id')::integer, r->>'title', r->>'body', (r->>'date')::date, r->>'url', r->>'section'
                FROM jsonb_array_elements($1::jsonb) r
                """, [chunk])
        }
    }

    /// Writes `rows` as the JSON Lines file a file run reads.
    static func writeJSONLines(_ rows: [Row], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let lines = try rows.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Loads a JSON Lines export into `expected`, and returns how many records differ between it
    /// and the results table, by id, leaving out `source` (the file's path, or the table's name).
    func differences(fromJSONLines path: String, results: String) async throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try await connection.execute("CREATE TABLE \(schema).expected (record jsonb NOT NULL)")
        for start in stride(from: 0, to: lines.count, by: 5_000) {
            let chunk = "[" + lines[start..<min(start + 5_000, lines.count)].joined(separator: ",") + "]"
            try await connection.execute("INSERT INTO \(schema).expected SELECT value FROM jsonb_array_elements($1::jsonb)", [chunk])
        }
        let (ours, theirs) = ("SELECT id, record - 'source' FROM \(schema).\(results)",
                              "SELECT record->>'id', record - 'source' FROM \(schema).expected")
        return try await count("SELECT count(*) FROM ((\(ours) EXCEPT ALL \(theirs)) UNION ALL (\(theirs) EXCEPT ALL \(ours))) d")
    }

    /// The number a `SELECT count(*)` gives.
    func count(_ sql: String) async throws -> Int {
        Int(try await connection.execute(sql).rows.first?.first.flatMap { $0 } ?? "") ?? -1
    }

    /// A pipeline reading the queue and exporting to `results`, and the same stages over a JSON
    /// Lines file exporting to `out.jsonl`: the file run the queue's results must equal.
    func pipelines(lease: String = "3s", batch: Int = 50) -> (queue: String, file: String) {
        let stages = """
            stages:
              - type: parse
                on_error: dead-letter
              - type: normalize
              - type: extract
            """
        let queue = """
            pipeline: queue
            input: {format: postgres, url: "${PIPE_TEST_POSTGRES_URL}", table: \(schema).articles, lease: \(lease), batch: \(batch)}
            \(stages)
              - type: export
                options: {format: postgres, table: \(schema).results}

            """
        let file = """
            pipeline: file
            input: {path: in.jsonl, format: jsonl}
            checkpoint: false
            \(stages)
              - type: export
                options: {path: out.jsonl}

            """
        return (queue, file)
    }
}
