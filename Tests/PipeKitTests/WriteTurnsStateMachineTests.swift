@testable import PipeKit
import Testing

/// The turn-taking of writers, driven with plain tokens instead of continuations: no tasks.
@Suite("WriteTurnsStateMachine")
struct WriteTurnsStateMachineTests {
    typealias Machine = WriteTurnsStateMachine<String>

    @Test func theFirstBatchProceedsAndLaterOnesWait() {
        var machine = Machine()
        guard case .suspend = machine.turn(2, waiter: "two") else { Issue.record("2 waits for 0 and 1"); return }
        guard case .suspend = machine.turn(1, waiter: "one") else { Issue.record("1 waits for 0"); return }
        guard case .proceed = machine.turn(0, waiter: "zero") else { Issue.record("0 proceeds"); return }
        #expect(machine.waitingCount == 2)
    }

    @Test func endingATurnWakesTheNextBatchOnlyWhenItWaits() {
        var machine = Machine()
        _ = machine.turn(2, waiter: "two")
        _ = machine.turn(0, waiter: "zero")
        #expect(machine.done(0) == nil, "1 has not asked yet")
        #expect(machine.next == 1)
        guard case .proceed = machine.turn(1, waiter: "one") else { Issue.record("1's turn"); return }
        #expect(machine.done(1) == "two")
        #expect(machine.done(2) == nil)
        #expect(machine.next == 3)
        #expect(machine.waitingCount == 0)
    }

    @Test func turnsFollowTheSequenceWhateverOrderTheyAreAskedIn() {
        var machine = Machine()
        var written: [Int] = []
        var proceeding: [Int] = []
        for sequence in [5, 3, 0, 4, 1, 2] {
            if case .proceed = machine.turn(sequence, waiter: "\(sequence)") { proceeding.append(sequence) }
        }
        // Every batch that may write writes and hands the turn on, waking the next in line.
        while let sequence = proceeding.popLast() {
            written.append(sequence)
            if let next = machine.done(sequence), let number = Int(next) { proceeding.append(number) }
        }
        #expect(written == [0, 1, 2, 3, 4, 5])
    }

    @Test func cancellingFailsTheWaitersAndEveryLaterRequest() {
        var machine = Machine()
        _ = machine.turn(0, waiter: "zero")
        _ = machine.turn(1, waiter: "one")
        _ = machine.turn(3, waiter: "three")
        #expect(Set(machine.cancel()) == ["one", "three"])
        #expect(machine.waitingCount == 0)
        guard case .fail("four") = machine.turn(4, waiter: "four") else { Issue.record("a request after the cancel fails"); return }
    }
}
