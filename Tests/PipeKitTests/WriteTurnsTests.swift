@testable import PipeKit
import Testing

@Suite("WriteTurns")
struct WriteTurnsTests {
    @Test func tasksWriteInSequenceOrderWhateverOrderTheyStartIn() async throws {
        let turns = WriteTurns()
        let written = Collected<Int>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sequence in (0..<200).shuffled() {
                group.addTask {
                    _ = try await turns.waitForTurn(sequence)
                    written.append(sequence)
                    turns.done(sequence)
                }
            }
            try await group.waitForAll()
        }
        #expect(written.all == Array(0..<200))
    }

    @Test func cancellingAWaitingTaskFailsItAndTheOthers() async throws {
        let turns = WriteTurns()
        let waiting = Task { try await turns.waitForTurn(1) }
        let later = Task { try await turns.waitForTurn(2) }
        // Batch 0 never writes: both wait until one of them is cancelled.
        await Suspension.wait { turns.waitingCount == 2 }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        await #expect(throws: CancellationError.self) { try await later.value }
        await #expect(throws: CancellationError.self) { try await turns.waitForTurn(0) }
    }
}
