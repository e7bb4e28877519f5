import PipeKit

/// A table of articles as a work queue shared by any number of workers, with leases and fencing
/// (`input: {format: postgres}`).
///
/// Pipe keeps its bookkeeping in a table beside the input, `TABLE_pipe_queue`, created when
/// missing: one row per article of the input, with its state (`pending`, `leased`, `done`), the
/// token of the claim that holds it, the worker, and when the lease ends. The input table is
/// never written: its new rows get their bookkeeping row when a worker finds nothing to claim
/// (``enqueueNewRows(on:)``).
///
/// - ``claim(_:on:)`` takes up to a batch of pending articles, or articles whose lease ended, in
///   one short statement: `FOR UPDATE SKIP LOCKED` keeps two workers off the same rows, and a
///   partial index on the articles not done lets a claim skip those done without reading them.
///   Each claim has a token of its own.
/// - ``renew(_:on:)`` extends a claim's lease while the worker is busy with it.
/// - ``complete(_:ids:on:)``, inside the transaction that writes the results, marks the articles
///   done, but only while the claim's token still holds them and its lease has not ended. A
///   worker that stalled past its lease is fenced: it commits nothing.
public struct PostgresQueue: Sendable {
    /// The input table.
    public let input: TableName
    /// The bookkeeping table beside it.
    public let bookkeeping: TableName
    /// How long a claim holds its articles unless renewed.
    public let lease: Duration
    /// The worker's name, recorded with its claims: `HOST:PID`.
    public let worker: String

    /// A worker's hold on a batch of articles.
    public struct Claim: Sendable, Hashable {
        /// The claim's token, which fences the completion.
        public var token: String
        /// Each claimed article's row, as a JSON object (`row_to_json`), in id order.
        public var rows: [String]
        /// The claimed ids, as text, in the same order.
        public var ids: [String]
    }

    /// Where the queue stands.
    public struct Status: Sendable, Hashable {
        /// Articles no live lease holds and not done: pending ones, and those whose lease ended.
        public var claimable: Int
        /// Articles a lease holds now.
        public var leased: Int
        /// Articles done.
        public var done: Int
        /// Whether nothing is left: no article claimable or leased.
        public var isDrained: Bool { claimable == 0 && leased == 0 }

        /// Creates a status.
        public init(claimable: Int, leased: Int, done: Int) {
            self.claimable = claimable
            self.leased = leased
            self.done = done
        }
    }

    /// A queue over `input`.
    public init(input: TableName, lease: Duration, worker: String) {
        self.input = input
        bookkeeping = input.beside("_pipe_queue")
        self.lease = lease
        self.worker = worker
    }

    /// The lease as a PostgreSQL interval.
    private var interval: String { "\(lease.seconds) seconds" }

    /// Creates the bookkeeping table when it is missing, its `id` of the input's `id` type, and
    /// enqueues the input's rows.
    ///
    /// - Throws: ``PipeError`` with code `io` when the input table or its `id` column is missing.
    public func prepare(on connection: PostgresConnection) async throws {
        let type = try await connection.execute("""
            SELECT format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = to_regclass($1) AND attname = 'id' AND NOT attisdropped
            """, [input.quoted]).rows.first?.first ?? nil
        guard let type else {
            throw PipeError(.io, "the table `\(input)` has no `id` column, or does not exist",
                            hint: "create it with at least `id`, `title` and `body` columns, or name another table")
        }
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS \(bookkeeping.quoted) (
                id \(type) PRIMARY KEY,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done')),
                token text,
                worker text,
                lease_until timestamptz,
                claims integer NOT NULL DEFAULT 0
            )
            """)
        try await connection.execute("""
            CREATE INDEX IF NOT EXISTS "\(bookkeeping.table)_open" ON \(bookkeeping.quoted) (id) WHERE state <> 'done'
            """)
        _ = try await enqueueNewRows(on: connection)
    }

    /// Gives the input's rows that have none a bookkeeping row, pending; returns how many. It
    /// reads the whole input, so a worker calls it only when it finds nothing to claim.
    @discardableResult
    public func enqueueNewRows(on connection: PostgresConnection) async throws -> Int {
        try await connection.execute("""
            INSERT INTO \(bookkeeping.quoted) (id)
            SELECT a.id FROM \(input.quoted) a WHERE NOT EXISTS (SELECT 1 FROM \(bookkeeping.quoted) q WHERE q.id = a.id)
            ON CONFLICT (id) DO NOTHING
            """).affected
    }

    /// Claims up to `limit` articles no live lease holds, in id order; nil when there is none now.
    /// When there is none, it first enqueues the input's new rows and tries once more.
    public func claim(_ limit: Int, on connection: PostgresConnection) async throws -> Claim? {
        if let claim = try await claimEnqueued(limit, on: connection) { return claim }
        guard try await enqueueNewRows(on: connection) > 0 else { return nil }
        return try await claimEnqueued(limit, on: connection)
    }

    private func claimEnqueued(_ limit: Int, on connection: PostgresConnection) async throws -> Claim? {
        let token = SafeFile.randomToken() + SafeFile.randomToken()
        let rows = try await connection.execute("""
            WITH candidates AS (
                SELECT id FROM \(bookkeeping.quoted)
                WHERE state <> 'done' AND (state = 'pending' OR lease_until < clock_timestamp())
                ORDER BY id LIMIT $1
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE \(bookkeeping.quoted) q
                SET state = 'leased', token = $2, worker = $3, lease_until = clock_timestamp() + $4::interval, claims = q.claims + 1
                FROM candidates WHERE q.id = candidates.id
                RETURNING q.id
            )
            SELECT a.id::text AS id, row_to_json(a)::text AS row
            FROM \(input.quoted) a JOIN claimed USING (id) ORDER BY a.id
            """, [String(limit), token, worker, interval])
        guard !rows.rows.isEmpty else { return nil }
        return Claim(token: token, rows: rows.values("row").compactMap { $0 }, ids: rows.values("id").compactMap { $0 })
    }

    /// Extends the claim's lease from now; `false` when the claim lost its articles (its lease
    /// ended, and it may have been claimed again): the worker must then drop the batch.
    public func renew(_ claim: Claim, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute("""
            UPDATE \(bookkeeping.quoted) SET lease_until = clock_timestamp() + $2::interval
            WHERE token = $1 AND state = 'leased' AND lease_until >= clock_timestamp()
            """, [claim.token, interval]).affected > 0
    }

    /// Marks the claim's articles `ids` done; call it inside the transaction that writes their
    /// results. `false` when the claim no longer holds all of them (fenced): roll back.
    public func complete(_ claim: Claim, ids: [String], on connection: PostgresConnection) async throws -> Bool {
        let done = try await connection.execute("""
            UPDATE \(bookkeeping.quoted) SET state = 'done', token = NULL, lease_until = NULL
            WHERE token = $1 AND state = 'leased' AND lease_until >= clock_timestamp() AND id::text = ANY($2::text[])
            """, [claim.token, PostgresConnection.textArray(ids)]).affected
        return done == Set(ids).count
    }

    /// The channel new rows are announced on: `pipe:TABLE`.
    var channel: String { "pipe:\(input)" }

    /// Makes `connection` hear of new rows: a trigger on the input, `TABLE_pipe_notify`, created
    /// or replaced, notifies ``channel`` after every statement that inserts into it, and the
    /// connection listens there. For `pipe run --follow`.
    public func listen(on connection: PostgresConnection) async throws {
        let function = input.beside("_pipe_notify")
        try await connection.transaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", ["pipe notify " + input.description])
            try await connection.execute("""
                CREATE OR REPLACE FUNCTION \(function.quoted)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('\(channel)', ''); RETURN NULL; END $$
                """)
            try await connection.execute("""
                CREATE OR REPLACE TRIGGER "\(function.table)" AFTER INSERT ON \(input.quoted)
                FOR EACH STATEMENT EXECUTE FUNCTION \(function.quoted)()
                """)
        }
        try await connection.execute("LISTEN \"\(channel)\"")
    }

    /// Where the queue stands now.
    public func status(on connection: PostgresConnection) async throws -> Status {
        let row = try await connection.execute("""
            SELECT count(*) FILTER (WHERE q.id IS NULL OR q.state = 'pending'
                                        OR (q.state = 'leased' AND q.lease_until < clock_timestamp())),
                   count(*) FILTER (WHERE q.state = 'leased' AND q.lease_until >= clock_timestamp()),
                   count(*) FILTER (WHERE q.state = 'done')
            FROM \(input.quoted) a LEFT JOIN \(bookkeeping.quoted) q ON q.id = a.id
            """).rows.first ?? []
        let numbers = row.map { Int($0 ?? "") ?? 0 } + [0, 0, 0]
        return Status(claimable: numbers[0], leased: numbers[1], done: numbers[2])
    }
}
