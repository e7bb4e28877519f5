import PipeKit

/// The keys `dedupe` stages kept, shared by every worker of a queue: a table beside the input,
/// `TABLE_pipe_seen`, with the stage, the key (the hash of the body) and the id of the article
/// that holds it. Keys are recorded in the transaction that commits their batch, so a key belongs
/// to the first article committed with it; a worker whose batch is fenced records none.
struct PostgresSeenKeys: Sendable {
    let table: TableName

    /// Creates the table when it is missing.
    func prepare(on connection: PostgresConnection) async throws {
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS \(table.quoted) (stage text NOT NULL, key text NOT NULL, id text NOT NULL, PRIMARY KEY (stage, key))
            """)
    }

    /// Records the keys of `pairs` (each a JSON `["ID", "KEY"]`) for `stage`, and returns the ids
    /// of the articles whose key another article holds: copies, to leave out of the results.
    ///
    /// Two statements: the insert waits for a worker committing the same key at the same time,
    /// and the select's snapshot, taken after it, sees that worker's row. Keys are inserted in
    /// their order, so that two workers waiting for each other's keys cannot deadlock.
    func record(_ pairs: [[UInt8]], stage: String, on connection: PostgresConnection) async throws -> Set<String> {
        guard !pairs.isEmpty else { return [] }
        let parameters = ["[" + pairs.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]", stage]
        let kept = "SELECT p->>0 AS id, p->>1 AS key FROM jsonb_array_elements($1::jsonb) p"
        try await connection.execute("""
            INSERT INTO \(table.quoted) (stage, key, id) SELECT $2, key, id FROM (\(kept)) kept ORDER BY key
            ON CONFLICT (stage, key) DO NOTHING
            """, parameters)
        let copies = try await connection.execute("""
            SELECT kept.id FROM (\(kept)) kept JOIN \(table.quoted) seen ON seen.stage = $2 AND seen.key = kept.key
            WHERE seen.id <> kept.id
            """, parameters)
        return Set(copies.rows.compactMap { $0.first ?? nil })
    }
}
