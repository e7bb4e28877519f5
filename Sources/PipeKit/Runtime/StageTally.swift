/// What one stage did over a run, as `pipe run` reports it.
public struct StageTally: Sendable, Hashable, Codable {
    /// The stage's id.
    public var stageID: String
    /// Items that reached the stage.
    public var received = 0
    /// Items the stage passed on.
    public var emitted = 0
    /// Items the stage dropped on purpose (returned `nil`).
    public var filtered = 0
    /// Items dropped by `on_error: skip`.
    public var skipped = 0
    /// Items written to the dead-letter file.
    public var deadLettered = 0
    /// Time spent in the stage, summed over its workers.
    public var duration: Duration = .zero

    /// Creates an empty tally.
    public init(stageID: String) {
        self.stageID = stageID
    }

    /// Whether every item the stage received is accounted for: in = out + filtered + skipped + dead-lettered.
    public var isBalanced: Bool { received == emitted + filtered + skipped + deadLettered }

    mutating func add(_ other: StageTally) {
        received += other.received
        emitted += other.emitted
        filtered += other.filtered
        skipped += other.skipped
        deadLettered += other.deadLettered
        duration += other.duration
    }
}

/// What one segment (stages fused into one task per batch) did over a run: where its time went.
///
/// A segment that mostly waits to send is faster than the one after it; a segment that mostly
/// waits for input is faster than the one before it; the segment that waits least limits the run.
public struct SegmentTally: Sendable, Hashable {
    /// The ids of the fused stages, in order.
    public var stageIDs: [String]
    /// Batches processed at once.
    public var workers: Int
    /// Time spent processing batches, summed over its workers.
    public var busy: Duration = .zero
    /// Time spent waiting for the next batch from upstream.
    public var inputWait: Duration = .zero
    /// Time spent waiting for room downstream.
    public var outputWait: Duration = .zero

    /// Creates an empty tally.
    public init(stageIDs: [String], workers: Int) {
        self.stageIDs = stageIDs
        self.workers = workers
    }
}

/// What a run did: per stage and overall.
public struct RunSummary: Sendable, Hashable {
    /// How the run ended.
    public var outcome: RunOutcome
    /// Records read from the input.
    public var read: Int
    /// Items that left the last stage.
    public var written: Int
    /// Each stage's tally, in pipeline order.
    public var stages: [StageTally]
    /// Each segment's busy and waiting time, in pipeline order.
    public var segments: [SegmentTally] = []
    /// Wall-clock time of the run.
    public var elapsed: Duration
    /// Bytes of raw input read.
    public var bytesRead: Int
    /// The dead-letter file written, if any.
    public var deadLetterFile: String?
    /// The records earlier runs finished, when this run resumed a checkpoint (included in ``read``).
    public var resumedRecords = 0
    /// Their bytes (included in ``bytesRead``).
    public var resumedBytes = 0
    /// The folder holding the checkpoint to resume from, when the run did not complete.
    public var checkpointFolder: String?
    /// The shard the run was, when it was one (`pipe run --shard`).
    public var shard: Shard?
    /// What the worker did with its claims, when the input was a queue.
    public var claims: ClaimReport?

    /// Items dropped by `skip` policies.
    public var skipped: Int { stages.reduce(0) { $0 + $1.skipped } }
    /// Items sent to the dead-letter file.
    public var deadLettered: Int { stages.reduce(0) { $0 + $1.deadLettered } }
    /// Items dropped on purpose by stages.
    public var filtered: Int { stages.reduce(0) { $0 + $1.filtered } }

    /// Whether every item read is accounted for, overall and at every stage:
    /// read = written + filtered + skipped + dead-lettered.
    public var isBalanced: Bool { unaccounted == 0 && stages.allSatisfy(\.isBalanced) }

    /// Items read that were neither written nor filtered, skipped or dead-lettered: 0 unless the
    /// run stopped on a failure with items in flight.
    public var unaccounted: Int { read - (written + filtered + skipped + deadLettered) }

    /// Items this run read per second of wall-clock time (not counting those a resumed checkpoint had done).
    public var itemsPerSecond: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(read - resumedRecords) / seconds : 0
    }

    /// Megabytes (10⁶ bytes) of input this run read per second of wall-clock time.
    public var megabytesPerSecond: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(bytesRead - resumedBytes) / 1e6 / seconds : 0
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
