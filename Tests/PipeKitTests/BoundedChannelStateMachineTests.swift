@testable import PipeKit
import Testing

/// The channel's state machine, driven with plain tokens instead of continuations: no tasks.
@Suite("BoundedChannelStateMachine")
struct BoundedChannelStateMachineTests {
    typealias Machine = BoundedChannelStateMachine<String, Int, Int>

    @Test func buffersUpToCapacityThenSuspendsTheSender() {
        var machine = Machine(capacity: 2)
        guard case .resumeSender(1, accepted: true) = machine.send("a", sender: 1) else { Issue.record("a"); return }
        guard case .resumeSender(2, accepted: true) = machine.send("b", sender: 2) else { Issue.record("b"); return }
        guard case .suspend = machine.send("c", sender: 3) else { Issue.record("c should wait"); return }
        #expect(machine.bufferedCount == 2)
    }

    @Test func receivingFromAFullChannelWakesTheFirstWaitingSender() {
        var machine = Machine(capacity: 1)
        _ = machine.send("a", sender: 1)
        _ = machine.send("b", sender: 2)
        _ = machine.send("c", sender: 3)
        guard case .resumeBoth(10, "a", sender: 2) = machine.receive(receiver: 10) else { Issue.record("first"); return }
        guard case .resumeBoth(11, "b", sender: 3) = machine.receive(receiver: 11) else { Issue.record("second"); return }
        guard case .resumeReceiver(12, "c"?) = machine.receive(receiver: 12) else { Issue.record("third"); return }
        guard case .suspend = machine.receive(receiver: 13) else { Issue.record("empty waits"); return }
    }

    @Test func aWaitingReceiverGetsTheNextElementDirectly() {
        var machine = Machine(capacity: 1)
        guard case .suspend = machine.receive(receiver: 10) else { Issue.record("waits"); return }
        guard case .deliver("a", to: 10, resume: 1) = machine.send("a", sender: 1) else { Issue.record("deliver"); return }
        #expect(machine.bufferedCount == 0)
    }

    @Test func finishDeliversWhatIsBufferedThenNil() {
        var machine = Machine(capacity: 2)
        _ = machine.send("a", sender: 1)
        #expect(machine.finish() == nil)
        guard case .resumeReceiver(10, "a"?) = machine.receive(receiver: 10) else { Issue.record("a"); return }
        guard case .resumeReceiver(11, nil) = machine.receive(receiver: 11) else { Issue.record("end"); return }
        guard case .resumeSender(2, accepted: false) = machine.send("b", sender: 2) else { Issue.record("closed"); return }
    }

    @Test func finishWakesAWaitingReceiver() {
        var machine = Machine(capacity: 2)
        _ = machine.receive(receiver: 10)
        #expect(machine.finish() == 10)
    }

    @Test func terminateWakesEveryoneAndDropsTheBuffer() {
        var machine = Machine(capacity: 1)
        _ = machine.send("a", sender: 1)
        _ = machine.send("b", sender: 2)
        _ = machine.send("c", sender: 3)
        let woken = machine.terminate()
        #expect(woken.senders == [2, 3])
        #expect(woken.receiver == nil)
        #expect(machine.bufferedCount == 0)
        guard case .resumeReceiver(10, nil) = machine.receive(receiver: 10) else { Issue.record("end"); return }
    }

    @Test func keepsOrderOverManyElements() {
        var machine = Machine(capacity: 3)
        var received: [String] = []
        for index in 0..<500 {
            _ = machine.send("\(index)", sender: index)
            if index % 2 == 1 {
                for receiver in 0..<2 {
                    switch machine.receive(receiver: receiver) {
                    case .resumeReceiver(_, let element?): received.append(element)
                    case .resumeBoth(_, let element, _): received.append(element)
                    default: Issue.record("nothing to receive")
                    }
                }
            }
        }
        #expect(received == (0..<500).map { "\($0)" })
    }

    /// An element of its own identity, to see whether the channel still holds it.
    private final class Item: Sendable {}

    @Test(arguments: [1, 2, 5])
    func keepsNoElementItHandedOut(capacity: Int) {
        var machine = BoundedChannelStateMachine<Item, Int, Int>(capacity: capacity)
        // Many times round the ring: every received element must be released at once.
        for round in 0..<(3 * capacity + 70) {
            weak var received: Item?
            do {
                let item = Item()
                received = item
                _ = machine.send(item, sender: round)
                guard case .resumeReceiver(_, let element?) = machine.receive(receiver: round) else {
                    Issue.record("round \(round): nothing received")
                    return
                }
                #expect(element === item)
            }
            #expect(received == nil, "round \(round): the channel still holds an element it handed out")
        }
    }
}

@Suite("ReorderBuffer")
struct ReorderBufferTests {
    @Test func releasesElementsInSequenceOrder() {
        var buffer = ReorderBuffer<String>()
        #expect(buffer.insert("c", at: 2).isEmpty)
        #expect(buffer.insert("b", at: 1).isEmpty)
        #expect(buffer.heldCount == 2)
        #expect(buffer.insert("a", at: 0) == ["a", "b", "c"])
        #expect(buffer.insert("d", at: 3) == ["d"])
        #expect(buffer.heldCount == 0)
        #expect(buffer.next == 4)
    }
}
