import Dispatch
import Logging
import Synchronization

/// Runs one item of a stage within its `timeout:`, and watches the items that overrun it.
///
/// When the limit passes, the item's task is cancelled: a stage that awaits (I/O, `Task.sleep`,
/// a child process) ends at once, and the item fails with a `stage-timeout` error for its
/// `on_error` policy. Swift cannot pre-empt a stage that computes without awaiting, so for such a
/// stage the watchdog logs a warning naming the stage and the article each time the limit passes
/// again, until the stage returns; its result is then discarded and the item fails the same way.
///
/// The watchdog's clock runs on a Dispatch queue, not in Swift's cooperative pool, so it fires
/// even while every worker of the pool is busy computing. It starts when the stage starts on the
/// item, not when the item's task is created: time spent waiting for a free thread is not the
/// stage's.
@usableFromInline
enum StageTimeout {
    /// The item's result, or a `stage-timeout` error when `limit` passed first.
    @usableFromInline
    static func run<Output: Sendable>(
        within limit: Duration, item: String, context: StageContext,
        _ work: @escaping @Sendable () async throws -> Output?
    ) async throws -> Output? {
        let watchdog = Watchdog<Output>(limit: limit, item: item, context: context)
        let task = Task {
            watchdog.start()
            return try await work()
        }
        watchdog.watch(task)
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        guard watchdog.stop() == 0 else {
            throw PipeError(.stageTimeout, "stage `\(context.stageID)` took longer than its timeout of \(readable(limit)) on article `\(item)`",
                            hint: "raise the stage's `timeout:`, or go on past such articles with `on_error: skip` or `dead-letter`")
        }
        return try result.get()
    }

    /// Counts how often the limit passed for one item, cancelling its task the first time and
    /// warning each time after; its only mutable state is behind a `Mutex`.
    private final class Watchdog<Output: Sendable>: Sendable {
        let limit: Duration
        let item: String
        let context: StageContext
        /// The item's task, once it is known, and whether the limit passed before it was.
        private let watched = Mutex<(task: Task<Output?, any Error>?, cancelled: Bool)>((nil, false))
        /// How many times the limit has passed; nil once the item is done.
        private let firings = Mutex<Int?>(0)

        init(limit: Duration, item: String, context: StageContext) {
            self.limit = limit
            self.item = item
            self.context = context
        }

        /// Starts the clock: called by the item's task as the stage starts on it.
        func start() { schedule() }

        /// Names the task to cancel; cancels it at once when the limit has already passed.
        func watch(_ task: Task<Output?, any Error>) {
            let cancelled = watched.withLock { watched in
                watched.task = task
                return watched.cancelled
            }
            if cancelled { task.cancel() }
        }

        private func cancel() {
            let task = watched.withLock { watched in
                watched.cancelled = true
                return watched.task
            }
            task?.cancel()
        }

        /// Ends the watch; how many times the limit passed before.
        func stop() -> Int {
            firings.withLock { count in
                defer { count = nil }
                return count ?? 0
            }
        }

        private func schedule() {
            let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in fire() }
        }

        private func fire() {
            let count: Int? = firings.withLock { count in
                guard let current = count else { return nil }
                count = current + 1
                return current + 1
            }
            guard let count else { return }
            if count == 1 {
                cancel()
            } else {
                context.logger.warning("""
                    stage `\(context.stageID)` is still working on article `\(item)` after \
                    \(StageTimeout.readable(limit * count)) (timeout \(StageTimeout.readable(limit))): it does not \
                    stop when cancelled, and its result will be discarded
                    """)
            }
            schedule()
        }
    }

    /// `50 ms`, `1.5 s`, `30 s`.
    static func readable(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded())) ms" }
        let seconds = (milliseconds / 100).rounded() / 10
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
