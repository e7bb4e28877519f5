@testable import PipeKit
import Testing

@Suite("RunCounters")
struct RunCountersTests {
    @Test func aSnapshotHoldsEveryCounterAndTheQueueDepths() async throws {
        let queues = (0..<2).map { _ in BoundedChannel<any AnyBatch>(capacity: 4) }
        let counters = RunCounters(stageIDs: ["a", "b"], segments: [], queues: queues)
        counters.recordRead(bytes: 10)
        counters.recordRead(bytes: 5)
        var tally = StageTally(stageID: "b")
        tally.received = 2
        tally.filtered = 1
        counters.add(tally, at: 1)
        _ = await queues[1].send(Batch<Article>(sequence: 0))
        _ = await queues[1].send(Batch<Article>(sequence: 1))
        let snapshot = counters.snapshot()
        #expect(snapshot.records == 2 && snapshot.bytes == 15)
        #expect(snapshot.stages.map(\.received) == [0, 2] && snapshot.stages[1].filtered == 1)
        #expect(snapshot.queueDepths == [0, 2])
    }
}
