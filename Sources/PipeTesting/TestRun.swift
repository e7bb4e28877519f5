import PipeKit

/// What running a stage or a pipeline over some inputs gave: the outputs in input order, the
/// run's counts, and the items that failed, with their errors.
public struct TestRun<Output: Sendable>: Sendable {
    /// What left the last stage, in input order.
    public var outputs: [Output]
    /// The run's counts per stage and in all.
    public var summary: RunSummary
    /// The items a stage failed on, in input order (with `on_error: dead-letter`).
    public var failures: [TestFailure]

    /// The items read.
    public var read: Int { summary.read }
    /// The items some stage dropped on purpose.
    public var filtered: Int { summary.stages.reduce(0) { $0 + $1.filtered } }
    /// The items dropped with `on_error: skip`.
    public var skipped: Int { summary.stages.reduce(0) { $0 + $1.skipped } }
    /// The items written to the dead-letter file.
    public var deadLettered: Int { summary.stages.reduce(0) { $0 + $1.deadLettered } }
}

/// One item a stage failed on, as its dead letter records it.
public struct TestFailure: Sendable, Hashable {
    /// The item's id.
    public var id: String
    /// The id of the stage that failed on it.
    public var stage: String
    /// The error's message, as the dead-letter file and the log give it.
    public var error: String

    /// Creates a failure, to compare with a run's.
    public init(id: String, stage: String, error: String) {
        self.id = id
        self.stage = stage
        self.error = error
    }
}
