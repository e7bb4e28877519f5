import Foundation
import PipeKit
import Synchronization
import Testing

/// Collects items from several tasks, in the order they arrive: a run's outputs, what a writer wrote.
final class Collected<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    func append(_ item: Item) { items.withLock { $0.append(item) } }
    var all: [Item] { items.withLock { $0 } }
}

@Suite("Pipeline")
struct PipelineTests {
    @Test func keepsInputOrderAndBoundedMemoryWithASlowConcurrentStage() async throws {
        let produced = Counter()
        let consumed = Counter()
        let maxInFlight = Mutex(0)
        let ids = Mutex<[String]>([])
        let pipeline = Pipeline(SlowStage<Article>(delay: .microseconds(20)), concurrency: .workers(4))
            .then(try Tag(options: .init(), setup: StageSetup(pipeline: "t", stageID: "tag")), id: "tag")
        var configuration = RunConfiguration()
        configuration.batchSize = 64
        configuration.channelCapacity = 2
        let summary = try await pipeline.run(GeneratedArticles(count: 10_000, produced: produced), configuration: configuration) { article in
            consumed.increment()
            let inFlight = produced.current - consumed.current
            maxInFlight.withLock { $0 = max($0, inFlight) }
            ids.withLock { $0.append(article.id) }
        }
        #expect(ids.withLock { $0 } == (0..<10_000).map { "a\($0)" })
        #expect(summary.read == 10_000)
        #expect(summary.written == 10_000)
        #expect(summary.isBalanced)
        // Two segments (widths 4 and 1, windows 8 and 1) and three channels of 2 batches: at most
        // 1 filling + 3×2 buffered + 3 blocked senders + 8 + 1 in work + 1 being delivered = 20 batches.
        let bound = 20 * 64
        let peak = maxInFlight.withLock { $0 }
        #expect(peak <= bound, "\(peak) articles were in flight at once; the bound is \(bound)")
        #expect(summary.stages.map(\.received) == [10_000, 10_000])
    }

    /// A stage with one worker, such as `dedupe`, must see the batches one after the other in
    /// input order: which of two equal articles `dedupe` keeps depends on it.
    @Test func aStageWithOneWorkerSeesOneBatchAtATimeInInputOrder() async throws {
        let probe = OrderProbe()
        let pipeline = Pipeline(SlowStage<Article>(delay: .zero), concurrency: .workers(2))
            .then(probe, id: "one", concurrency: .workers(1))
            .then(SlowStage<Article>(delay: .zero), id: "after", concurrency: .workers(2))
        var configuration = RunConfiguration()
        configuration.batchSize = 8
        let summary = try await pipeline.run(GeneratedArticles(count: 2_000, produced: Counter()), configuration: configuration) { _ in }
        #expect(summary.written == 2_000)
        let seen = probe.seen
        let firstOutOfOrder = seen.indices.first { seen[$0] != "a\($0)" }
        #expect(seen.count == 2_000)
        #expect(firstOutOfOrder == nil, "article \(firstOutOfOrder ?? 0) seen: \(seen[(firstOutOfOrder ?? 0)...].prefix(4))")
        #expect(probe.mostAtOnce == 1, "\(probe.mostAtOnce) calls were in the one-worker stage at once")
    }

    /// Counts the items alive, not only those between reader and sink: an item a channel or
    /// buffer still references after handing it on counts until it is released.
    @Test func holdsNoMoreItemsAliveThanTheBatchesInFlight() async throws {
        let live = LiveCount()
        let pipeline = Pipeline(SlowStage<Tracked>(delay: .microseconds(20)), concurrency: .workers(2))
            .then(SlowStage<Tracked>(delay: .zero), id: "last")
        var configuration = RunConfiguration()
        configuration.batchSize = 16
        configuration.channelCapacity = 2
        let summary = try await pipeline.run(TrackedItems(count: 5_000, live: live), configuration: configuration) { _ in }
        #expect(summary.written == 5_000)
        // Two segments (widths 2 and 1, windows 4 and 1), three channels of 2 batches: at most
        // 1 filling + 3×2 buffered + 3 blocked senders + 4 + 1 in work + 1 being delivered = 16 batches.
        #expect(live.peak <= 16 * 16, "\(live.peak) items were alive at once; the bound is \(16 * 16)")
        // The last batch may be released a moment after `run` returns: a finished child task
        // frees what its closure captured on its own thread, after its result has been taken.
        // A leak would keep items alive for good.
        let deadline = ContinuousClock.now + .seconds(5)
        while live.current > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        #expect(live.current == 0)
    }

    @Test func skipCountsAndDropsFailedArticles() async throws {
        let collected = Collected<Article>()
        let articles = ["a", "b?", "c", "d?"].map { Article(id: $0, source: "s", title: $0, body: "x") }
        let pipeline = Pipeline(try Tag(options: .init(), setup: StageSetup(pipeline: "t", stageID: "tag")), onError: .skip)
            .then(DropFilter())
        let summary = try await pipeline.run(Sequenced(articles + [Article(id: "e", source: "s", title: "drop me", body: "x")])) {
            collected.append($0)
        }
        #expect(collected.all.map(\.id) == ["a", "c"])
        #expect(summary.skipped == 2)
        #expect(summary.filtered == 1)
        #expect(summary.read == 5)
        #expect(summary.isBalanced)
    }

    @Test func failStopsTheRunWithTheArticleAndStage() async throws {
        let pipeline = Pipeline(try Tag(options: .init(), setup: StageSetup(pipeline: "t", stageID: "tag")), id: "shout")
        let articles = (0..<500).map { Article(id: "n\($0)", source: "s.txt", title: $0 == 321 ? "why?" : "ok", body: "x") }
        await #expect {
            try await pipeline.run(Sequenced(articles)) { _ in }
        } throws: { error in
            guard let error = error as? PipeError else { return false }
            return error.code == .stageFailed
                && error.message == "stage `shout` failed on article `n321` (s.txt): question in title"
        }
    }

    @Test func deadLettersAreWrittenInInputOrder() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = RunConfiguration()
        configuration.deadLetterPath = folder + "/sub/dead.jsonl"
        configuration.batchSize = 3
        let pipeline = Pipeline(LineParse(), concurrency: .workers(3), onError: .deadLetter)
            .then(try Tag(options: .init(), setup: StageSetup(pipeline: "t", stageID: "tag")), onError: .deadLetter)
        let records = (0..<20).map { index in
            RawRecord(id: "r\(index)", source: "in.txt", format: .text,
                      bytes: Array((index % 5 == 0 ? "bad!|x" : index % 7 == 0 ? "what?|x" : "fine|x").utf8))
        }
        let summary = try await pipeline.run(Sequenced(records), configuration: configuration) { _ in }
        let lines = try String(contentsOfFile: folder + "/sub/dead.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first == #"{"id":"r0","source":"in.txt","stage":"LineParse","error":"bang in record","raw":"bad!|x","format":"text"}"#)
        #expect(lines.map { $0.contains("\"id\":\"r7\"") } == [false, false, true, false, false, false])
        #expect(summary.deadLettered == 6)
        #expect(summary.written == 14)
        #expect(summary.isBalanced)
    }

    @Test func deadLetterPolicyWithoutAFileIsRejected() async throws {
        let pipeline = Pipeline(LineParse(), onError: .deadLetter)
        await #expect(throws: PipeError.self) {
            try await pipeline.run(Sequenced([RawRecord]())) { _ in }
        }
    }

    @Test func aStopSignalEndsReadingAndFinishesWhatWasRead() async throws {
        let stop = StopSignal()
        var configuration = RunConfiguration()
        configuration.stop = stop
        configuration.batchSize = 8
        let collected = Collected<Article>()
        let summary = try await Pipeline(DropFilter()).run(
            StoppingSequence(count: 10_000, stopAfter: 100, stop: stop), configuration: configuration
        ) { collected.append($0) }
        #expect(summary.outcome == .interrupted(signal: 2))
        #expect(summary.read == 100)
        #expect(collected.all.count == 100)
        #expect(collected.all.map(\.id) == (0..<100).map { "s\($0)" })
    }
}

/// A fixed list as an async sequence.
struct Sequenced<Element: Sendable>: AsyncSequence, Sendable {
    let elements: [Element]
    init(_ elements: [Element]) { self.elements = elements }
    struct AsyncIterator: AsyncIteratorProtocol {
        var iterator: IndexingIterator<[Element]>
        mutating func next() async -> Element? { iterator.next() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(iterator: elements.makeIterator()) }
}

/// Articles that request a stop (as SIGINT would) after `stopAfter` of them.
struct StoppingSequence: AsyncSequence, Sendable {
    let count: Int
    let stopAfter: Int
    let stop: StopSignal
    struct AsyncIterator: AsyncIteratorProtocol {
        var index = 0
        let sequence: StoppingSequence
        mutating func next() async -> Article? {
            guard index < sequence.count else { return nil }
            if index == sequence.stopAfter { sequence.stop.request(signal: 2) }
            defer { index += 1 }
            return Article(id: "s\(index)", source: "g", title: "t", body: "b")
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }
}
