@testable import PipeKit
import Testing

@Suite("FailureLimit")
struct FailureLimitTests {
    @Test(arguments: [("100", "100"), ("5%", "5%"), (" 0.5 % ", "0.5%"), ("0", "0"), ("100%", "100%")])
    func readsCountsAndShares(text: String, written: String) {
        #expect(FailureLimit(text)?.description == written)
    }

    @Test(arguments: ["-1", "5%%", "101%", "ten", "", "nan%"])
    func refusesTheRest(text: String) {
        #expect(FailureLimit(text) == nil)
    }

    @Test(arguments: [
        (FailureLimit.count(3), 3, 100, true), (.count(3), 4, 100, false),
        (.percent(10), 10, 100, true), (.percent(10), 11, 100, false), (.percent(0.5), 1, 200, true), (.percent(0), 1, 1000, false),
    ])
    func allowsUpToItsLimit(limit: FailureLimit, failures: Int, read: Int, allowed: Bool) {
        #expect(limit.allows(failures: failures, of: read) == allowed)
    }

    func summary(read: Int, written: Int, failed: Int, outcome: RunOutcome = .completed) -> RunSummary {
        var tally = StageTally(stageID: "parse")
        (tally.received, tally.emitted, tally.deadLettered) = (read, written, failed)
        return RunSummary(outcome: outcome, read: read, written: written, stages: [tally], elapsed: .seconds(1), bytesRead: 0)
    }

    @Test func aRunThatWroteNothingBecauseAllFailedFails() {
        #expect(summary(read: 200, written: 0, failed: 200).failureVerdict(limit: nil)
                == "none of the 200 articles read was written: 200 failed (skipped or dead-lettered)")
        #expect(summary(read: 0, written: 0, failed: 0).failureVerdict(limit: nil) == nil)
        #expect(summary(read: 200, written: 199, failed: 1).failureVerdict(limit: nil) == nil)
    }

    @Test func aRunAboveTheLimitFailsAndOneWithinItDoesNot() {
        let limit = FailureLimit.percent(10)
        #expect(summary(read: 100, written: 89, failed: 11).failureVerdict(limit: limit)
                == "11 of the 100 articles read failed (skipped or dead-lettered), more than `max_failures: 10%` allows")
        #expect(summary(read: 100, written: 90, failed: 10).failureVerdict(limit: limit) == nil)
        // An interrupted run has its own exit code.
        #expect(summary(read: 100, written: 0, failed: 100, outcome: .interrupted(signal: 2)).failureVerdict(limit: limit) == nil)
    }
}
