/// The pure state of ``WriteTurns``: whose turn it is to write, and the batches waiting for theirs.
///
/// It owns no lock and no task: every call returns what the caller must resume, so it can be
/// tested with plain tokens in place of continuations.
struct WriteTurnsStateMachine<Waiter> {
    /// What asking for a turn tells the caller to do.
    enum TurnAction {
        /// It is the batch's turn: write now.
        case proceed
        /// Keep the waiter suspended until the batches before it are written.
        case suspend
        /// The run is stopping: resume the waiter with an error.
        case fail(Waiter)
    }

    /// The sequence number of the batch whose turn it is.
    private(set) var next = 0
    private var waiting: [Int: Waiter] = [:]
    private var cancelled = false

    /// The number of batches waiting for their turn.
    var waitingCount: Int { waiting.count }

    /// Asks for the turn of batch `sequence`.
    mutating func turn(_ sequence: Int, waiter: Waiter) -> TurnAction {
        if cancelled { return .fail(waiter) }
        precondition(sequence >= next && waiting[sequence] == nil, "batch \(sequence) asked for its turn twice")
        if sequence == next { return .proceed }
        waiting[sequence] = waiter
        return .suspend
    }

    /// Ends the turn of batch `sequence`, which must hold it; returns the waiter of the next batch
    /// to resume, if it is already waiting.
    mutating func done(_ sequence: Int) -> Waiter? {
        precondition(sequence == next, "batch \(sequence) ended a turn it did not hold (\(next) did)")
        next += 1
        return waiting.removeValue(forKey: next)
    }

    /// Stops handing out turns; returns every waiter, to resume with an error.
    mutating func cancel() -> [Waiter] {
        cancelled = true
        defer { waiting = [:] }
        return Array(waiting.values)
    }
}
