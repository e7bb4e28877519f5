/// A source whose records stay claimed elsewhere until the run commits them: a table shared by
/// workers as a work queue (``QueueInput``).
///
/// The runner cuts a batch where a claim ends (``endsClaim(at:)``), and once a batch has left the
/// last stage, its sink calls ``commit(_:)`` with it, in input order. The source commits the
/// batch's records as done together with what the stages wrote for them (``CommitWrites``) and
/// their dead letters: all of it or nothing. A source holds no checkpoint of its own: the claims
/// are it.
public protocol ClaimedSource: AsyncSequence, Sendable where Element == RawRecord {
    /// Whether the record the source gave as number `ordinal` (counting from 0) is the last of
    /// its claim: the runner then sends the batch on instead of waiting to fill it.
    func endsClaim(at ordinal: Int) -> Bool

    /// Commits the records `commit.records` done, with the writes and dead letters for them.
    ///
    /// A claim the worker lost (its lease ended while it stalled, and another worker may hold it)
    /// is not an error: the source drops those records, says so, and returns.
    ///
    /// - Throws: when the commit cannot be made: the run stops.
    func commit(_ commit: ClaimCommit) async throws

    /// Ends the run's hold on the source: stops renewing leases and closes connections. The
    /// runner calls it once, after the last commit or when the run fails.
    func close() async

    /// What the worker did with its claims, for the summary.
    var report: ClaimReport { get }
}

/// One batch of a ``ClaimedSource`` that left the pipeline, for the source to commit.
public struct ClaimCommit: Sendable {
    /// The records, by their ordinal: the numbers the source gave them, counting from 0.
    public var records: Range<Int>
    /// What writer stages left for this batch (``StageContext/addToCommit(_:)``), in stage order.
    public var writes: [CommitWrite]
    /// The batch's dead letters.
    public var deadLetters: [DeadLetter]

    /// Creates a commit.
    public init(records: Range<Int>, writes: [CommitWrite], deadLetters: [DeadLetter]) {
        self.records = records
        self.writes = writes
        self.deadLetters = deadLetters
    }
}

/// What a worker did with its claims, as the summary shows it.
public struct ClaimReport: Sendable, Hashable {
    /// The worker's name, `HOST:PID`, as the queue records it.
    public var worker: String
    /// Claims made.
    public var claims = 0
    /// Records committed done.
    public var committed = 0
    /// Records of claims the worker lost (its lease ended first) and dropped: another worker does them.
    public var lost = 0
    /// Articles left out of the results at commit: a `dedupe` kept them, and another worker had
    /// committed a copy first.
    public var copies = 0

    /// An empty report for `worker`.
    public init(worker: String) {
        self.worker = worker
    }
}
