import Logging
import PipeKit
import Subprocess
import Synchronization

/// One child process of an `exec` stage: started once, fed articles on its standard input, read a
/// line at a time on its standard output, with its standard error passed to the log.
final class ExecChild: Sendable {
    typealias Running = Execution<CustomWriteInput, SequenceOutput, SequenceOutput>

    /// What waiting for the child's next line gave.
    enum Next: Equatable {
        case line(String)
        /// Its output ended: it exited, or was killed.
        case ended(String)
        case timedOut
    }

    /// The longest line read from a child: an article with a body of tens of megabytes fits.
    static let maximumLineLength = 256 << 20

    private let execution: Running
    /// The lines the child printed, finished when its output ends.
    private let lines: BoundedChannel<String>
    /// How the child ended, once it has.
    private let ending: Ending

    /// A description of how the child ended, set once by the task that runs it.
    private final class Ending: Sendable {
        private let value = Mutex<String?>(nil)

        /// How it ended, nil while it runs.
        var description: String? { value.withLock { $0 } }

        /// Records how it ended, unless that is known already.
        func record(_ description: String) {
            value.withLock { $0 = $0 ?? description }
        }
    }

    /// The continuation `start` waits on, resumed once.
    private final class Startup: Sendable {
        private let continuation: Mutex<CheckedContinuation<Running, any Error>?>

        init(_ continuation: CheckedContinuation<Running, any Error>) {
            self.continuation = Mutex(continuation)
        }

        func resume(_ result: Result<Running, any Error>) {
            continuation.withLock { pending in
                pending?.resume(with: result)
                pending = nil
            }
        }
    }

    private init(execution: Running, lines: BoundedChannel<String>, ending: Ending) {
        self.execution = execution
        self.lines = lines
        self.ending = ending
    }

    /// Starts `configuration`; throws when it cannot be started (no such program, not executable).
    ///
    /// `capacity` lines are buffered: at least as many as articles sent at once, so that a child
    /// answering while it is still being written to never blocks.
    static func start(_ configuration: Configuration, capacity: Int, logger: Logger) async throws -> ExecChild {
        let lines = BoundedChannel<String>(capacity: capacity)
        let ending = Ending()
        let execution: Running = try await withCheckedThrowingContinuation { continuation in
            let startup = Startup(continuation)
            Task {
                let outcome: String
                do {
                    let result = try await Subprocess.run(configuration, input: .inputWriter, output: .sequence, error: .sequence) { execution in
                        startup.resume(.success(execution))
                        await withTaskGroup(of: Void.self) { group in
                            group.addTask {
                                do {
                                    var splitter = LineSplitter(maximumLength: 1 << 20)
                                    for try await buffer in execution.standardError {
                                        for line in try buffer.withUnsafeBytes({ try splitter.lines(in: $0) }) { logger.warning("\(line)") }
                                    }
                                    if let last = splitter.finish() { logger.warning("\(last)") }
                                } catch {}
                            }
                            group.addTask {
                                do {
                                    var splitter = LineSplitter(maximumLength: Self.maximumLineLength)
                                    reading: for try await buffer in execution.standardOutput {
                                        for line in try buffer.withUnsafeBytes({ try splitter.lines(in: $0) }) {
                                            guard await lines.send(line) else { break reading }
                                        }
                                    }
                                    if let last = splitter.finish() { _ = await lines.send(last) }
                                } catch {
                                    ending.record("its output could not be read (\(error))")
                                    try? execution.send(signal: .kill)
                                }
                                lines.finish()
                            }
                        }
                    }
                    outcome = Self.describe(result.terminationStatus)
                } catch {
                    startup.resume(.failure(error))
                    outcome = "it failed (\(error))"
                }
                ending.record(outcome)
                lines.finish()
            }
        }
        return ExecChild(execution: execution, lines: lines, ending: ending)
    }

    /// Writes whole lines to the child; false when they cannot be written within `limit` (the
    /// child was then killed) or at all (it is gone).
    func send(_ bytes: [UInt8], within limit: Duration) async -> Bool {
        await race(limit) {
            do {
                _ = try await self.execution.standardInputWriter.write(bytes)
                return true
            } catch {
                return false
            }
        } ?? false
    }

    /// The child's next line, within `limit` (after which the child is killed).
    func next(within limit: Duration) async -> Next {
        await race(limit) {
            if let line = await self.lines.next() { return .line(line) }
            // The output ended: wait for the exit status that explains it.
            return .ended(await self.ended())
        } ?? .timedOut
    }

    /// How the child ended, once the task that runs it knows.
    ///
    /// Waiting stops when it is cancelled (the time limit won the race and the answer is no
    /// longer wanted): a cancelled `Task.sleep` returns at once, so polling on would spin and
    /// hold a thread of the cooperative pool — possibly the one the task that records the
    /// ending needs.
    private func ended() async -> String {
        while !Task.isCancelled {
            if let ending = ending.description { return ending }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return ending.description ?? "it was stopped before its exit was known"
    }

    /// Runs `operation` for at most `limit`; past it, kills the child (which ends the operation)
    /// and returns nil.
    private func race<Value: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async -> Value) async -> Value? {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { await operation() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { kill() }
            group.cancelAll()
            return first
        }
    }

    /// Kills the child at once.
    func kill() {
        try? execution.send(signal: .kill)
    }

    /// Closes the child's input so that it exits; kills it if it has not within `grace`.
    func close(grace: Duration = .seconds(2)) async {
        try? await execution.standardInputWriter.finish()
        let exited = await race(grace) { await self.ended() }
        if exited == nil { kill() }
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "it exited with status \(code)"
        case .signaled(let signal): "it was killed by signal \(signal)"
        }
    }
}
