@testable import PipeKit
import Testing

/// The acknowledgement handshake between source and sink, without tasks: the "source" is a
/// number standing for its continuation.
@Suite("AcknowledgementStateMachine")
struct AcknowledgementStateMachineTests {
    typealias Machine = AcknowledgementStateMachine<Int>

    static func resumed(_ action: Machine.WaitAction) -> Bool? {
        if case .resume(let goOn) = action { return goOn }
        return nil
    }

    @Test func theSourceWaitsUntilItsBatchIsAcknowledged() {
        var machine = Machine()
        machine.request(after: 3, digest: "d3")
        #expect(Self.resumed(machine.wait(for: 3, source: 7)) == nil, "suspended")
        #expect(machine.isSourceWaiting)
        #expect(machine.delivered(2) == nil, "an earlier batch is not the one asked for")
        #expect(machine.delivered(3) == "d3")
        #expect(machine.delivered(3) == nil, "the request is taken once")
        #expect(machine.acknowledge(through: 2) == nil, "an acknowledgement short of the batch resumes nothing")
        #expect(machine.acknowledge(through: 3) == 7)
        #expect(!machine.isSourceWaiting)
        #expect(machine.acknowledgedThrough == 3)
    }

    @Test func anAcknowledgementBeforeTheWaitLetsTheSourceGoOnAtOnce() {
        var machine = Machine()
        machine.request(after: 0, digest: "d0")
        #expect(machine.delivered(0) == "d0")
        #expect(machine.acknowledge(through: 0) == nil)
        #expect(Self.resumed(machine.wait(for: 0, source: 1)) == true)
        #expect(!machine.isSourceWaiting)
    }

    @Test func acknowledgementsOnlyMoveForward() {
        var machine = Machine()
        _ = machine.acknowledge(through: 9)
        _ = machine.acknowledge(through: 4)
        #expect(machine.acknowledgedThrough == 9)
        #expect(Self.resumed(machine.wait(for: 8, source: 1)) == true)
    }

    @Test func terminatingWakesTheWaitingSourceToStopAndStopsLaterWaits() {
        var machine = Machine()
        machine.request(after: 5, digest: "d5")
        _ = machine.wait(for: 5, source: 42)
        #expect(machine.terminate() == 42)
        #expect(!machine.isSourceWaiting)
        #expect(Self.resumed(machine.wait(for: 6, source: 43)) == false)
        #expect(machine.terminate() == nil)
    }

    @Test func aNewRequestReplacesOneNotYetDelivered() {
        var machine = Machine()
        machine.request(after: 1, digest: "old")
        machine.request(after: 2, digest: "new")
        #expect(machine.delivered(1) == nil)
        #expect(machine.delivered(2) == "new")
    }
}
