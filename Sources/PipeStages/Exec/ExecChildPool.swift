import Synchronization

/// The children of one `exec` stage: one per worker at most, each reused for batch after batch,
/// and how many times in a row a child has failed. The state is behind a `Mutex`.
final class ExecChildPool: Sendable {
    private struct State {
        var idle: [ExecChild] = []
        var failuresInARow = 0
    }

    private let state = Mutex(State())

    /// An idle child, or a new one from `start` when none is idle.
    func checkout(start: () async throws -> ExecChild) async throws -> ExecChild {
        if let child = state.withLock({ $0.idle.popLast() }) { return child }
        return try await start()
    }

    /// Puts a child that answered back for the next batch.
    func checkin(_ child: ExecChild) {
        state.withLock { $0.idle.append(child) }
    }

    /// Records an answer: the failures in a row start again from zero.
    func answered() {
        state.withLock { $0.failuresInARow = 0 }
    }

    /// Kills a child that failed, and returns the number of failures in a row, this one included.
    func discard(_ child: ExecChild) -> Int {
        child.kill()
        return state.withLock { state in
            state.failuresInARow += 1
            return state.failuresInARow
        }
    }

    /// Closes every idle child, waiting for each to exit (or killing it).
    func closeAll() async {
        let children = state.withLock { state in
            defer { state.idle = [] }
            return state.idle
        }
        for child in children { await child.close() }
    }
}
