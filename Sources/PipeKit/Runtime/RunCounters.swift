import Synchronization

/// The live counters of a run, in one place: per stage what it received, emitted, filtered,
/// skipped and dead-lettered and its busy time; per segment its busy time and waits; the records
/// and bytes read; and how many batches wait in each queue. The source, the workers and the sink
/// add to them; the summary, `--stats`, and later a live view and metrics read a
/// ``snapshot()``.
final class RunCounters: Sendable {
    private let tallies: Mutex<[StageTally]>
    private let input: Mutex<(records: Int, bytes: Int)>
    private let segmentTallies: Mutex<[SegmentTally]>
    /// The queues between source, segments and sink, in order.
    private let queues: [BoundedChannel<any AnyBatch>]

    /// Creates empty counters, or the counts of the run `checkpoint` describes, to be continued.
    init(stageIDs: [String], segments: [Segment], queues: [BoundedChannel<any AnyBatch>] = [], resuming checkpoint: Checkpoint? = nil) {
        self.queues = queues
        if let checkpoint, checkpoint.tallies.map(\.stageID) == stageIDs {
            tallies = Mutex(checkpoint.tallies)
            input = Mutex((checkpoint.records, checkpoint.bytes))
        } else {
            tallies = Mutex(stageIDs.map { StageTally(stageID: $0) })
            input = Mutex((0, 0))
        }
        segmentTallies = Mutex(segments.map { SegmentTally(stageIDs: $0.stages.map(\.stage.id), workers: $0.width) })
    }

    /// Adds to a segment's busy and waiting times.
    func addSegment(_ index: Int, busy: Duration = .zero, inputWait: Duration = .zero, outputWait: Duration = .zero) {
        segmentTallies.withLock {
            $0[index].busy += busy
            $0[index].inputWait += inputWait
            $0[index].outputWait += outputWait
        }
    }

    /// The segments' tallies so far.
    var segments: [SegmentTally] { segmentTallies.withLock { $0 } }

    /// Adds a stage's tally for one batch.
    func add(_ tally: StageTally, at index: Int) {
        tallies.withLock { $0[index].add(tally) }
    }

    /// Counts one record read from the input.
    func recordRead(bytes: Int) {
        input.withLock { $0.records += 1; $0.bytes += bytes }
    }

    /// The stages' tallies so far.
    var stages: [StageTally] { tallies.withLock { $0 } }
    /// Records and bytes read so far.
    var read: (records: Int, bytes: Int) { input.withLock { $0 } }

    /// Every counter as it stands.
    func snapshot() -> RunSnapshot {
        let read = self.read
        return RunSnapshot(stages: stages, segments: segments, records: read.records, bytes: read.bytes,
                           queueDepths: queues.map(\.bufferedCount))
    }
}

/// The live counters of a run at one moment (``RunCounters/snapshot()``).
package struct RunSnapshot: Sendable, Hashable {
    /// Per stage: received, emitted, filtered, skipped, dead-lettered, busy time.
    package var stages: [StageTally]
    /// Per fused segment: busy time and the waits for input and output.
    package var segments: [SegmentTally]
    /// The records and bytes read from the input.
    package var records: Int
    package var bytes: Int
    /// The batches waiting in each queue: before each segment, then before the sink.
    package var queueDepths: [Int]
}
