/// What the sink has durably written, as the source learns it: a pure state machine, tested
/// without tasks (`AcknowledgementStateMachineTests`); ``Acknowledgements`` owns its lock and
/// the waiting source's continuation.
///
/// Batches are numbered in input order. The sink acknowledges a number once every batch up to it
/// has left the last stage and what the writers made of them is durable (a checkpoint saved;
/// later, a database transaction committed). A source that needs a durable point (a checkpoint)
/// asks for one after a batch, sends that batch, and waits until it is acknowledged; the sink
/// sees the request when the batch reaches it.
struct AcknowledgementStateMachine<Source> {
    /// What a waiting source is to do.
    enum WaitAction {
        /// Go on (`true`) or stop, the run ending (`false`).
        case resume(Bool)
        /// Wait until the acknowledgement comes.
        case suspend
    }

    /// A durable point asked for and not yet taken by the sink: after which batch, and the input
    /// digest to record in it.
    private var request: (sequence: Int, digest: String)?
    /// The highest batch number acknowledged; -1 before any.
    private(set) var acknowledgedThrough = -1
    /// The source waiting for an acknowledgement, and the batch it waits for.
    private var waiting: (source: Source, sequence: Int)?
    private var terminated = false

    /// Whether a source is waiting.
    var isSourceWaiting: Bool { waiting != nil }

    /// The source asks for a durable point once the batch `sequence` has left the pipeline.
    mutating func request(after sequence: Int, digest: String) {
        request = (sequence, digest)
    }

    /// The source waits until the batch `sequence` is acknowledged.
    mutating func wait(for sequence: Int, source: Source) -> WaitAction {
        if terminated { return .resume(false) }
        if acknowledgedThrough >= sequence { return .resume(true) }
        precondition(waiting == nil, "one source waits at a time")
        waiting = (source, sequence)
        return .suspend
    }

    /// The batch `sequence` reached the sink: the digest of the durable point asked for after it,
    /// if one was, which the sink now makes.
    mutating func delivered(_ sequence: Int) -> String? {
        guard let current = request, current.sequence == sequence else { return nil }
        request = nil
        return current.digest
    }

    /// The sink made every batch up to `sequence` durable: the source to resume, when it waited
    /// for one of them.
    mutating func acknowledge(through sequence: Int) -> Source? {
        acknowledgedThrough = max(acknowledgedThrough, sequence)
        guard let current = waiting, current.sequence <= acknowledgedThrough else { return nil }
        waiting = nil
        return current.source
    }

    /// The run ends early: the waiting source, to be told to stop; later waits stop at once.
    mutating func terminate() -> Source? {
        terminated = true
        defer { waiting = nil }
        return waiting?.source
    }
}
