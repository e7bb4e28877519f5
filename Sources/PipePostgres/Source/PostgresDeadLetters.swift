import PipeKit

/// The dead letters of a pipeline reading a queue: a table beside the input,
/// `TABLE_pipe_dead_letters`, written in the transaction that commits their batch.
///
/// Its columns are the dead-letter file's (`id`, `source`, `stage`, `error`, `raw`, `format`),
/// with the `worker` that wrote it and when (`at`).
struct PostgresDeadLetters: Sendable {
    let table: TableName

    /// Creates the table when it is missing.
    func prepare(on connection: PostgresConnection) async throws {
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS \(table.quoted) (
                id text NOT NULL, source text NOT NULL, stage text NOT NULL, error text NOT NULL, raw text, format text,
                worker text NOT NULL, at timestamptz NOT NULL DEFAULT now())
            """)
    }

    /// Adds `letters`, sent as one JSON array.
    func write(_ letters: [DeadLetter], worker: String, on connection: PostgresConnection) async throws {
        guard !letters.isEmpty else { return }
        var writer = JSONWriter()
        writer.beginArray()
        letters.forEach { $0.writeJSON(into: &writer) }
        writer.endArray()
        try await connection.execute("""
            INSERT INTO \(table.quoted) (id, source, stage, error, raw, format, worker)
            SELECT d->>'id', d->>'source', d->>'stage', d->>'error', d->>'raw', d->>'format', $2
            FROM jsonb_array_elements($1::jsonb) d
            """, [String(decoding: writer.bytes, as: UTF8.self), worker])
    }
}
