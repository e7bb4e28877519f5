import Foundation
import Logging
import PipeKit
import Synchronization
import Testing

/// Keeps every message logged, for tests to read.
struct RecordingLogHandler: LogHandler {
    let messages: Messages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    final class Messages: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    func log(event: LogEvent) { messages.append("\(event.level): \(event.message)") }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

/// Sleeps (and so can be cancelled) on articles titled `slow`.
struct Sleeper: Stage {
    func process(_ article: Article, context: StageContext) async throws -> Article? {
        if article.title == "slow" { try await Task.sleep(for: .seconds(30)) }
        return article
    }
}

/// Computes without ever awaiting on articles titled `busy`, until `done` says so (at most 10 s):
/// no cancellation can stop it.
struct BusyLoop: Stage {
    let done: @Sendable () -> Bool
    func process(_ article: Article, context: StageContext) async throws -> Article? {
        guard article.title == "busy" else { return article }
        // Long enough for the watchdog to be scheduled while the other suites keep the
        // cooperative threads busy (10 s was not, once, on 2 cores); it ends as soon as it warned.
        let clock = ContinuousClock(), end = clock.now + .seconds(40)
        var spins = 0
        while clock.now < end, !done() { spins &+= 1 }
        return spins > 0 ? article : nil
    }
}

@Suite("StageTimeout")
struct StageTimeoutTests {
    func articles(_ titles: [String]) -> Sequenced<Article> {
        Sequenced(titles.enumerated().map { Article(id: "a\($0)", source: "s", title: $1, body: "b") })
    }

    @Test(.timeLimit(.minutes(1)))
    func aStageThatAwaitsIsCancelledAtItsTimeoutAndTheRunGoesOn() async throws {
        let collected = Collected<Article>()
        // A limit the quick articles cannot overrun even when the tests running beside this one
        // keep every thread busy for a while.
        let pipeline = Pipeline(Sleeper(), id: "sleeper", concurrency: .workers(2), onError: .skip, timeout: .seconds(5))
        let started = ContinuousClock.now
        let summary = try await pipeline.run(articles(["ok", "slow", "ok", "slow", "ok"])) { collected.append($0) }
        // Two 30-second sleeps cancelled after 5 s each, not waited for (with room for a
        // machine busy with the other suites: a 2 s limit once cut short an article that sleeps
        // not at all).
        #expect(ContinuousClock.now - started < .seconds(25))
        #expect(collected.all.map(\.id) == ["a0", "a2", "a4"])
        #expect(summary.skipped == 2)
        #expect(summary.isBalanced)
    }

    @Test(.timeLimit(.minutes(1)))
    func aTimeoutFailsTheRunWithTheStageAndArticleUnderFail() async throws {
        // The clock starts when the stage starts on the article: the quick one cannot overrun
        // 2 s even while the suites beside it keep every thread busy.
        let pipeline = Pipeline(Sleeper(), id: "sleeper", timeout: .seconds(2))
        let error = await #expect(throws: PipeError.self) {
            try await pipeline.run(articles(["ok", "slow"])) { _ in }
        }
        #expect(error?.message.contains("stage `sleeper` took longer than its timeout of 2 s on article `a1`") == true, "\(String(describing: error))")
    }

    @Test(.timeLimit(.minutes(1)))
    func aStageThatCannotBeCancelledIsWatchedAndItsLateResultDiscarded() async throws {
        let messages = RecordingLogHandler.Messages()
        var configuration = RunConfiguration()
        configuration.logger = Logger(label: "test") { _ in RecordingLogHandler(messages: messages) }
        let collected = Collected<Article>()
        // The stage computes until the watchdog has warned about it.
        let busy = BusyLoop { messages.all.contains { $0.contains("is still working") } }
        // A limit the quick articles cannot overrun even on a loaded machine (the suite runs in parallel).
        let pipeline = Pipeline(busy, id: "busy", onError: .skip, timeout: .seconds(2))
        let summary = try await pipeline.run(articles(["ok", "busy", "ok"]), configuration: configuration) { collected.append($0) }
        #expect(collected.all.map(\.id) == ["a0", "a2"])
        #expect(summary.skipped == 1)
        let warnings = messages.all.filter { $0.hasPrefix("warning: stage `busy` is still working on article `a1`") }
        #expect(!warnings.isEmpty, "\(messages.all)")
        #expect(warnings.first?.hasSuffix("it does not stop when cancelled, and its result will be discarded") == true)
    }
}
