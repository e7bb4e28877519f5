import PipeKit

/// A results table an `export` to PostgreSQL writes (`export: {format: postgres, table: …}`).
///
/// Each article is upserted by `id` into the table: columns `id`, `title`, `date` and `language`,
/// and the whole record, as the JSON Lines export writes it, as `jsonb` in `record`. Its
/// entities, quotations and dates go to `TABLE_entities`, `TABLE_quotes` and `TABLE_dates`, one
/// row each, like the SQLite export's tables; an article written again replaces its rows there.
/// All of it is created when missing.
///
/// ``write(_:on:)`` sends a batch as one JSON array and lets the server take it apart, in
/// statements the caller runs inside its transaction: the one that marks the batch's claim done
/// (``PostgresQueue/complete(_:ids:on:)``), so that results and claims commit together or not at all.
public struct PostgresResults: Sendable {
    /// The results table.
    public let table: TableName

    /// The results in `table`.
    public init(table: TableName) {
        self.table = table
    }

    private var entities: String { table.beside("_entities").quoted }
    private var quotes: String { table.beside("_quotes").quoted }
    private var dates: String { table.beside("_dates").quoted }

    /// Creates the tables when they are missing.
    public func prepare(on connection: PostgresConnection) async throws {
        let statements = [
            "CREATE TABLE IF NOT EXISTS \(table.quoted) (id text PRIMARY KEY, title text NOT NULL, date text, language text, record jsonb NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS \(entities) (
                article_id text NOT NULL, text text NOT NULL, type text NOT NULL, count integer NOT NULL, spans jsonb NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS \(quotes) (
                article_id text NOT NULL, text text NOT NULL, speaker text, start integer NOT NULL, "end" integer NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS \(dates) (
                article_id text NOT NULL, text text NOT NULL, value text NOT NULL, precision text NOT NULL, start integer, "end" integer)
            """,
        ] + [("_entities", entities), ("_quotes", quotes), ("_dates", dates)].map { suffix, child in
            "CREATE INDEX IF NOT EXISTS \"\(table.table + suffix)_by_article\" ON \(child) (article_id)"
        }
        for statement in statements { try await connection.execute(statement) }
    }

    /// The record's `key` when it is an array, else an empty one: a stage that did not run
    /// leaves the key out.
    private static func array(_ key: String) -> String {
        "CASE WHEN jsonb_typeof(r->'\(key)') = 'array' THEN r->'\(key)' ELSE '[]'::jsonb END"
    }

    /// Upserts `articles` and replaces their entities, quotations and dates. Run it inside the
    /// transaction that completes their claim.
    public func write(_ articles: [Article], on connection: PostgresConnection) async throws {
        var writer = JSONWriter()
        writer.beginArray()
        articles.forEach { $0.writeJSON(into: &writer) }
        writer.endArray()
        try await write(records: writer.bytes, on: connection)
    }

    /// Upserts the records of a JSON array, as the JSON Lines export writes them (an `export`
    /// stage's ``CommitWrite``), but those of the articles `leftOut`, and replaces their
    /// entities, quotations and dates.
    ///
    /// One statement, whose data-modifying parts all read the array parsed once: the children
    /// it deletes are those there before it, never the ones it inserts.
    public func write(records: [UInt8], leavingOut leftOut: Set<String> = [], on connection: PostgresConnection) async throws {
        guard records.contains(where: { $0 == UInt8(ascii: "{") }) else { return }
        try await connection.execute("""
            WITH batch AS MATERIALIZED (
                SELECT value AS r, value->>'id' AS id FROM jsonb_array_elements($1::jsonb) WHERE NOT (value->>'id' = ANY($2::text[]))
            ), upserted AS (
                INSERT INTO \(table.quoted) (id, title, date, language, record)
                SELECT id, r->>'title', r->>'date', r->>'language', r FROM batch
                ON CONFLICT (id) DO UPDATE
                    SET title = excluded.title, date = excluded.date, language = excluded.language, record = excluded.record
            ), old_entities AS (
                DELETE FROM \(entities) WHERE article_id IN (SELECT id FROM batch)
            ), old_quotes AS (
                DELETE FROM \(quotes) WHERE article_id IN (SELECT id FROM batch)
            ), old_dates AS (
                DELETE FROM \(dates) WHERE article_id IN (SELECT id FROM batch)
            ), new_entities AS (
                INSERT INTO \(entities)
                SELECT id, e->>'text', e->>'type', (e->>'count')::integer, e->'spans'
                FROM batch, jsonb_array_elements(\(Self.array("entities"))) e
            ), new_quotes AS (
                INSERT INTO \(quotes)
                SELECT id, q->>'text', q->>'speaker', (q->'span'->>0)::integer, (q->'span'->>1)::integer
                FROM batch, jsonb_array_elements(\(Self.array("quotes"))) q
            )
            INSERT INTO \(dates)
            SELECT id, d->>'text', d->>'value', d->>'precision', (d->'span'->>0)::integer, (d->'span'->>1)::integer
            FROM batch, jsonb_array_elements(\(Self.array("dates"))) d
            """, [String(decoding: records, as: UTF8.self), PostgresConnection.textArray(leftOut.sorted())])
    }
}
