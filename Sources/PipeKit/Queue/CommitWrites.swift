import Synchronization

/// Rows a writer stage hands to a ``ClaimedSource`` to write in the transaction that commits
/// their batch: an `export` to the queue's database.
public struct CommitWrite: Sendable {
    /// The id of the stage that wrote it.
    public var stageID: String
    /// The table to write.
    public var table: TableName
    /// The records, as a JSON array of the records the JSON Lines export writes.
    public var records: [UInt8]

    /// Creates a write.
    public init(stageID: String, table: TableName, records: [UInt8]) {
        self.stageID = stageID
        self.table = table
        self.records = records
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
    /// Hands `write` to the source, to write in the transaction that commits the batch being
    /// written: for a ``WriterStage``'s `write(_:context:)` in a run whose input is claimed.
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
