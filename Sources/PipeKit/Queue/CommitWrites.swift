import Synchronization

/// What a stage hands to a ``ClaimedSource`` to write in the transaction that commits its
/// batch: an `export`'s rows, or the keys a `dedupe` kept.
public struct CommitWrite: Sendable {
    /// Where a write goes.
    public enum Target: Sendable, Hashable {
        /// Rows to upsert into a results table; the payload is a JSON array of the records the
        /// JSON Lines export writes.
        case results(TableName)
        /// Keys of the articles a `dedupe` stage kept; the payload is one `["ID", "KEY"]` pair.
        /// The source records them in the queue's table of seen keys, shared by every worker,
        /// and leaves out of the batch's results an article whose key another article committed
        /// first.
        case seenKey
    }

    /// The id of the stage that wrote it.
    public var stageID: String
    /// Where it goes.
    public var target: Target
    /// What is written, as JSON.
    public var payload: [UInt8]

    /// Creates a write.
    public init(stageID: String, target: Target, payload: [UInt8]) {
        self.stageID = stageID
        self.target = target
        self.payload = payload
    }
}

/// The writes left for the commit of each batch still in the pipeline, by batch sequence: writers
/// add to them, the sink takes them when it commits the batch.
public final class CommitWrites: Sendable {
    private let pending = Mutex<[Int: [CommitWrite]]>([:])

    /// An empty set of writes.
    public init() {}

    /// Adds `write` to the commit of batch `sequence`.
    func add(_ write: CommitWrite, sequence: Int) {
        pending.withLock { $0[sequence, default: []].append(write) }
    }

    /// Takes the writes of batch `sequence`, in the order they were added.
    func take(_ sequence: Int) -> [CommitWrite] {
        pending.withLock { $0.removeValue(forKey: sequence) ?? [] }
    }
}

extension StageContext {
    /// Whether the run's input is a queue whose claims commit with what stages write (``addToCommit(_:)``).
    public var commitsWithClaims: Bool { commitWrites != nil }

    /// Hands `write` to the source, to write in the transaction that commits the batch being
    /// processed: from a stage's `process` or a ``WriterStage``'s `write(_:context:)`, in a run
    /// whose input is claimed.
    ///
    /// - Throws: ``PipeError`` with code `invalid-value` when the run's input is not claimed.
    public func addToCommit(_ write: CommitWrite) throws {
        guard let commitWrites else {
            throw PipeError(.invalidValue, "stage `\(stageID)` writes to the queue's database, and the run's input is not a queue",
                            hint: "read the input with `format: postgres`")
        }
        commitWrites.add(write, sequence: batchSequence)
    }
}
