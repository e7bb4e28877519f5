import Synchronization

/// Lets the workers of a segment write their batches in input order: a worker asks for the turn of
/// its batch, writes, and hands the turn on.
///
/// A worker waiting for its turn is suspended, not blocked, and cancelling it (the run stops)
/// fails every waiting worker.
@usableFromInline
final class WriteTurns: Sendable {
    private typealias Machine = WriteTurnsStateMachine<UnsafeContinuation<Void, any Error>>
    private let state = Mutex(Machine())

    @usableFromInline
    init() {}

    /// Waits until every batch before `sequence` is written; returns how long it waited.
    @usableFromInline
    func waitForTurn(_ sequence: Int) async throws -> Duration {
        let started = ContinuousClock.now
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                switch state.withLock({ $0.turn(sequence, waiter: continuation) }) {
                case .proceed: continuation.resume()
                case .suspend: break
                case .fail(let waiter): waiter.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            cancel()
        }
        return ContinuousClock.now - started
    }

    /// Ends the turn of batch `sequence` and wakes the next batch if it is waiting.
    @usableFromInline
    func done(_ sequence: Int) {
        state.withLock { $0.done(sequence) }?.resume()
    }

    /// How many workers are suspended, for tests that wait until one is.
    var waitingCount: Int { state.withLock { $0.waitingCount } }

    /// Fails every waiting worker and every later request: the run is stopping.
    func cancel() {
        for waiter in state.withLock({ $0.cancel() }) { waiter.resume(throwing: CancellationError()) }
    }
}
