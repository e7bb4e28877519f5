/// Waiting in a test until tasks are suspended, told by the state machine that holds them rather
/// than assumed after a sleep (which a busy machine may not give them time for).
enum Suspension {
    /// Yields until `condition` holds, for at most about ten seconds.
    static func wait(until condition: () -> Bool) async {
        let clock = ContinuousClock(), deadline = clock.now + .seconds(10)
        while !condition(), clock.now < deadline { await Task.yield() }
    }
}
