import Synchronization

/// The counts of a run, added to by the reader and every worker.
final class TallyBoard: Sendable {
    private let tallies: Mutex<[StageTally]>
    private let input = Mutex((records: 0, bytes: 0))

    init(stageIDs: [String]) {
        tallies = Mutex(stageIDs.map { StageTally(stageID: $0) })
    }

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
