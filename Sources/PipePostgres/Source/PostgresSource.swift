import Logging
import PipeKit
import Synchronization

/// The records of a PostgreSQL table claimed as a work queue (`input: {format: postgres}`), a
/// claim at a time, committed with their results.
///
/// - Reading claims a batch (``PostgresQueue/claim(_:on:)``) and hands its rows over as records
///   of format `postgres`, read by `parse` as JSON objects. When nothing is claimable but other
///   workers' leases still run, it waits and tries again, so that the rows of a worker that died
///   are picked up once its lease ends; it ends when the table is drained. With `--follow` it
///   then waits for new rows, announced by a trigger on the input, until it is stopped.
/// - While the run works on its claims, a task renews their leases every third of the lease.
/// - ``commit(_:)`` writes a batch's results and dead letters and marks its records done, in one
///   transaction fenced by the claim's token. A claim the worker lost commits nothing: the batch
///   is dropped with a warning, and the run goes on.
///
/// Claims, renewals and commits each have a connection of their own, so that none waits for
/// another; with `follow`, a fourth listens for new rows (``PostgresQueue/listen(on:)``).
public final class PostgresSource: ClaimedSource, StopAwareSource {
    /// The records, claim after claim.
    public typealias Element = RawRecord

    private let settings: QueueInput
    private let queue: PostgresQueue
    private let deadLetters: PostgresDeadLetters
    private let seenKeys: PostgresSeenKeys
    private let connections: (claims: PostgresConnection, renewals: PostgresConnection)
    /// The connection commits run on; a new one replaces it when the server closed it.
    private let commits: Mutex<PostgresConnection>
    /// The connection that hears of new rows, with `follow`.
    private let listener: PostgresConnection?
    private let stop: StopSignal?
    private let logger: Logger
    private let state: Mutex<ClaimBook>
    private let renewals = Mutex<Task<Void, Never>?>(nil)
    private let preparedTables = Mutex<Set<TableName>>([])

    /// Connects three times to the queue's database and prepares its bookkeeping tables.
    ///
    /// - Throws: ``PipeError`` with code `io` when the server cannot be reached or the table is not there.
    public init(_ settings: QueueInput, worker: String, stop: StopSignal?, logger: Logger) async throws {
        self.settings = settings
        queue = PostgresQueue(input: settings.table, lease: settings.lease, worker: worker)
        deadLetters = PostgresDeadLetters(table: settings.table.beside("_pipe_dead_letters"))
        seenKeys = PostgresSeenKeys(table: settings.table.beside("_pipe_seen"))
        connections = (try await PostgresConnection.connect(settings.url, label: "claims"),
                       try await PostgresConnection.connect(settings.url, label: "renewals"))
        let commits = try await Self.commitConnection(settings)
        self.commits = Mutex(commits)
        self.stop = stop
        self.logger = logger
        state = Mutex(ClaimBook(worker: worker))
        try await Self.locked("queue " + settings.table.description, on: commits) { [queue, deadLetters, seenKeys] connection in
            try await queue.prepare(on: connection)
            try await deadLetters.prepare(on: connection)
            try await seenKeys.prepare(on: connection)
        }
        if settings.follow {
            let listener = try await PostgresConnection.connect(settings.url, label: "listen")
            try await queue.listen(on: listener)
            self.listener = listener
        } else {
            listener = nil
        }
        startRenewing()
    }

    /// What the worker did with its claims.
    public var report: ClaimReport { state.withLock { $0.report } }

    /// A connection for commits. The server ends a transaction on it that stays idle longer than
    /// the lease: a worker stopped in the middle of a commit (SIGSTOP, a pause) would otherwise
    /// keep its articles locked, and no other worker could take them over.
    private static func commitConnection(_ settings: QueueInput) async throws -> PostgresConnection {
        let connection = try await PostgresConnection.connect(settings.url, label: "commits")
        try await connection.execute("SET idle_in_transaction_session_timeout = \(DurationText.milliseconds(settings.lease))")
        return connection
    }

    /// Whether `ordinal` is the last record of its claim.
    public func endsClaim(at ordinal: Int) -> Bool { state.withLock { $0.endsClaim(at: ordinal) } }

    /// Stops renewing leases; the connections close when the source goes.
    public func close() async {
        renewals.withLock { $0 }?.cancel()
    }

    /// The next claim's records; nil once the table is drained (never with `follow`) or the run is stopping.
    func nextClaim() async throws -> [RawRecord]? {
        let poll = Swift.min(Duration.seconds(1), settings.lease / 4)
        while stop?.signal == nil {
            if let claim = try await queue.claim(settings.batch, on: connections.claims) {
                state.withLock { $0.add(claim) }
                return claim.rows.indices.map { index in
                    RawRecord(id: claim.ids[index], source: "postgres:\(settings.table)", format: .postgres,
                              bytes: Array(claim.rows[index].utf8))
                }
            }
            guard try await queue.status(on: connections.claims).isDrained else {
                // Other workers' leases still run: one may end, and its articles come back.
                try? await Task.sleep(for: poll)
                continue
            }
            guard let listener else { return nil }
            try await waitForRows(on: listener)
        }
        return nil
    }

    /// Waits until new rows are announced, the run is stopped, or a lease has passed (a worker
    /// that died announces nothing).
    private func waitForRows(on listener: PostgresConnection) async throws {
        let until = ContinuousClock.now + settings.lease
        while stop?.signal == nil, ContinuousClock.now < until {
            if try await listener.notification(within: .milliseconds(250)) { return }
        }
    }

    /// Commits a batch in one transaction: the keys its `dedupe` stages kept, its results (but
    /// those of articles another worker committed a copy of first), its dead letters, and its
    /// records marked done, which fails when the claim lost its lease.
    ///
    /// The claim is completed first, so that a fenced worker writes nothing else. A transaction
    /// PostgreSQL ends as a deadlock or a serialization failure is tried again, twice at most.
    public func commit(_ commit: ClaimCommit) async throws {
        let parts = state.withLock { $0.committing(commit.records) }
        let connection = commits.withLock { $0 }
        do {
            let copies = try await Self.retryingConflicts {
                try await connection.transaction { connection in
                    for part in parts where !(try await queue.complete(part.claim, ids: part.ids, on: connection)) {
                        throw LostClaim()
                    }
                    var copies: Set<String> = []
                    for (stage, pairs) in Self.seenKeys(in: commit.writes) {
                        copies.formUnion(try await seenKeys.record(pairs, stage: stage, on: connection))
                    }
                    for write in commit.writes {
                        guard case .results(let table) = write.target else { continue }
                        try await results(table, on: connection).write(records: write.payload, leavingOut: copies, on: connection)
                    }
                    try await deadLetters.write(commit.deadLetters, worker: queue.worker, on: connection)
                    return copies.count
                }
            }
            preparedTables.withLock { prepared in
                for case .results(let table) in commit.writes.map(\.target) { prepared.insert(table) }
            }
            state.withLock { $0.committed(commit.records, copies: copies) }
        } catch is LostClaim {
            drop(commit.records, because: "their lease ended before they were committed (the worker stalled)")
        } catch {
            // The server closed the connection, ending the transaction: after a stall longer than
            // the lease (or a restart). The claim's articles are claimed again; a new connection
            // takes the next commits.
            guard await !connection.isOpen() else { throw error }
            let reopened = try await Self.commitConnection(settings)
            commits.withLock { $0 = reopened }
            drop(commit.records, because: "the server ended their commit (idle for longer than the lease while the worker stalled, or a restart)")
        }
    }

    /// Counts `records` as lost, and says so.
    private func drop(_ records: Range<Int>, because reason: String) {
        state.withLock { $0.lost(records) }
        logger.warning("worker \(queue.worker): dropped \(records.count) articles of \(settings.table): \(reason); another worker does them")
    }

    /// Runs `body` again when PostgreSQL ended its transaction as a deadlock (`40P01`) or a
    /// serialization failure (`40001`), three times at most.
    private static func retryingConflicts<Value>(_ body: () async throws -> Value) async throws -> Value {
        for _ in 1..<3 {
            do {
                return try await body()
            } catch let error as PostgresError where ["40P01", "40001"].contains(error.state) {
                continue
            }
        }
        return try await body()
    }

    /// The keys `dedupe` stages left for the commit, by stage, in the order the stages run.
    private static func seenKeys(in writes: [CommitWrite]) -> [(stage: String, pairs: [[UInt8]])] {
        var byStage: [(stage: String, pairs: [[UInt8]])] = []
        for write in writes where write.target == .seenKey {
            if byStage.last?.stage == write.stageID {
                byStage[byStage.count - 1].pairs.append(write.payload)
            } else {
                byStage.append((write.stageID, [write.payload]))
            }
        }
        return byStage
    }

    /// The results table `table`, created first when this worker has not committed to it yet.
    private func results(_ table: TableName, on connection: PostgresConnection) async throws -> PostgresResults {
        let results = PostgresResults(table: table)
        if !preparedTables.withLock({ $0.contains(table) }) {
            try await Self.lock("results " + table.description, on: connection)
            try await results.prepare(on: connection)
        }
        return results
    }

    /// Renews the leases of the claims not yet committed, every third of the lease.
    private func startRenewing() {
        let interval = settings.lease / 3
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                await self.renewOpenClaims()
            }
        }
        renewals.withLock { $0 = task }
    }

    private func renewOpenClaims() async {
        for claim in state.withLock({ $0.claimsToRenew }) {
            do {
                if try await !queue.renew(claim, on: connections.renewals) {
                    logger.warning("worker \(queue.worker): a claim of \(claim.ids.count) articles lost its lease before it was renewed")
                }
            } catch {
                logger.warning("worker \(queue.worker): cannot renew a lease: \(error)")
            }
        }
    }

    /// Runs `body` in a transaction holding the advisory lock on `name` (``lock(_:on:)``).
    private static func locked(_ name: String, on connection: PostgresConnection,
                               _ body: (PostgresConnection) async throws -> Void) async throws {
        try await connection.transaction { connection in
            try await lock(name, on: connection)
            try await body(connection)
        }
    }

    /// Takes an advisory lock on `name` until the transaction ends, so that workers starting
    /// together do not create the same tables at once (PostgreSQL's `IF NOT EXISTS` can race).
    private static func lock(_ name: String, on connection: PostgresConnection) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", ["pipe " + name])
    }

    /// A commit whose claim no longer holds its records.
    private struct LostClaim: Error {}

    /// Reads the claims one after another.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let source: PostgresSource
        var waiting: [RawRecord] = []

        /// The next record, claiming a batch when the last one is handed over.
        public mutating func next() async throws -> RawRecord? {
            if let record = waiting.popLast() { return record }
            guard let records = try await source.nextClaim() else { return nil }
            waiting = records.reversed()
            return waiting.popLast()
        }
    }

    /// Starts reading.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }
}
