import Logging

/// Runs one item of a stage within its `timeout:`, and watches the items that overrun it.
///
/// When the limit passes, the item's task is cancelled: a stage that awaits (I/O, `Task.sleep`,
/// a child process) ends at once, and the item fails with a `stage-timeout` error for its
/// `on_error` policy. Swift cannot pre-empt a stage that computes without awaiting, so for such a
/// stage the watchdog logs a warning naming the stage and the article each time the limit passes
/// again, until the stage returns; its result is then discarded and the item fails the same way.
enum StageTimeout {
    /// The item's result, or a `stage-timeout` error when `limit` passed first.
    static func run<Output: Sendable>(
        within limit: Duration, item: String, context: StageContext,
        _ work: @escaping @Sendable () async throws -> Output?
    ) async throws -> Output? {
        // The work runs in a task of its own, so that it can be cancelled without cancelling the
        // watch; cancelling the caller cancels it too.
        let task = Task { try await work() }
        return try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Outcome<Output>.self) { group in
                group.addTask {
                    do { return .finished(.success(try await task.value)) } catch { return .finished(.failure(error)) }
                }
                group.addTask { .limitPassed(try await sleep(limit)) }
                var waited = Duration.zero
                while let outcome = try await group.next() {
                    switch outcome {
                    case .finished(let result):
                        group.cancelAll()
                        // Before the limit, the stage's own result or error; after it, a timeout.
                        if waited == .zero { return try result.get() }
                        throw timeoutError(limit: limit, item: item, context: context)
                    case .limitPassed:
                        waited += limit
                        if waited == limit {
                            task.cancel()
                        } else {
                            context.logger.warning("""
                                stage `\(context.stageID)` is still working on article `\(item)` after \(readable(waited)) \
                                (timeout \(readable(limit))): it does not stop when cancelled, and its result will be discarded
                                """)
                        }
                        group.addTask { .limitPassed(try await sleep(limit)) }
                    }
                }
                throw timeoutError(limit: limit, item: item, context: context)
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// `50 ms`, `1.5 s`, `30 s`.
    static func readable(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded())) ms" }
        let seconds = (milliseconds / 100).rounded() / 10
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    private static func sleep(_ limit: Duration) async throws {
        try await Task.sleep(for: limit)
    }

    private static func timeoutError(limit: Duration, item: String, context: StageContext) -> PipeError {
        PipeError(.stageTimeout, "stage `\(context.stageID)` took longer than its timeout of \(readable(limit)) on article `\(item)`",
                  hint: "raise the stage's `timeout:`, or go on past such articles with `on_error: skip` or `dead-letter`")
    }

    private enum Outcome<Output: Sendable>: Sendable {
        case finished(Result<Output?, any Error>)
        case limitPassed(Void)
    }
}
