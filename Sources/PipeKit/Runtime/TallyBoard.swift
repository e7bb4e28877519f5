import Synchronization

/// The counts of a run, added to by the reader and every worker.
final class TallyBoard: Sendable {
    private let tallies: Mutex<[StageTally]>
    private let input: Mutex<(records: Int, bytes: Int)>
    private let segmentTallies: Mutex<[SegmentTally]>

    /// Creates empty tallies, or the counts of the run `checkpoint` describes, to be continued.
    init(stageIDs: [String], segments: [Segment], resuming checkpoint: Checkpoint? = nil) {
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
}
