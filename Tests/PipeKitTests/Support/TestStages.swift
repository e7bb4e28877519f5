import Foundation
import PipeKit
import Synchronization

/// A stand-in `parse` for engine tests: one line `title|body` per record; `!` anywhere is an error.
struct LineParse: ConfigurableStage {
    typealias Options = NoOptions
    static let name = "parse"
    static let summary = "test parse"
    init(options: NoOptions = NoOptions(), setup: StageSetup) {}
    init() {}

    func process(_ record: RawRecord, context: StageContext) async throws -> Article? {
        let text = record.text
        if text.contains("!") { throw PipeError(.malformedRecord, "bang in record") }
        let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
        return Article(id: record.id, source: record.source, title: parts.first ?? "", body: parts.last ?? "")
    }
}

/// An Article → Article stage with options of every kind, for option checks.
struct Tag: ConfigurableStage {
    enum Mode: String, CaseIterable, OptionValue { case upper, lower }

    struct Options: StageOptions {
        @Option("mode", help: "case to apply") var mode: Mode = .upper
        @Option("label", help: "field name") var label = "tag"
        @Option("limit", help: "a number") var limit = 10
        init() {}
    }

    static let name = "tag"
    static let summary = "test tag"
    let options: Options

    init(options: Options, setup: StageSetup) throws {
        guard options.limit >= 0 else { throw OptionError(key: "limit", "`limit` must not be negative") }
        self.options = options
    }

    func process(_ article: Article, context: StageContext) async throws -> Article? {
        if article.title.contains("?") { throw PipeError(.malformedRecord, "question in title") }
        var article = article
        article.fields[options.label] = .string(options.mode == .upper ? article.title.uppercased() : article.title.lowercased())
        return article
    }
}

/// A writer stage with a required option, runs in order.
struct Sink: ConfigurableStage {
    struct Options: StageOptions {
        @Option("path", type: "path", help: "where") var path: String
        init() {}
    }
    static let name = "sink"
    static let summary = "test sink"
    static let runsInOrder = true
    let options: Options
    init(options: Options, setup: StageSetup) { self.options = options }
    var outputFiles: [String] { [options.path] }
    func process(_ article: Article, context: StageContext) async throws -> Article? { article }
}

/// Drops articles whose title starts with `drop`.
struct DropFilter: Stage {
    func process(_ article: Article, context: StageContext) async throws -> Article? {
        article.title.hasPrefix("drop") ? nil : article
    }
}

/// Hands every item on after `delay` (none when zero), to make it the slowest stage.
struct SlowStage<Item: Sendable>: Stage {
    let delay: Duration
    func process(_ item: Item, context: StageContext) async throws -> Item? {
        if delay > .zero { try await Task.sleep(for: delay) }
        return item
    }
}

/// Passes articles on, recording the order it sees them in and how many calls overlapped: each
/// call suspends for a moment, so that another batch processed at the same time would overlap it.
struct OrderProbe: Stage {
    private final class State: Sendable {
        let value = Mutex((seen: [String](), active: 0, mostAtOnce: 0))
    }

    private let state = State()

    func process(_ article: Article, context: StageContext) async throws -> Article? {
        state.value.withLock { state in
            state.seen.append(article.id)
            state.active += 1
            state.mostAtOnce = max(state.mostAtOnce, state.active)
        }
        try await Task.sleep(for: .microseconds(50))
        state.value.withLock { $0.active -= 1 }
        return article
    }

    var seen: [String] { state.value.withLock { $0.seen } }
    var mostAtOnce: Int { state.value.withLock { $0.mostAtOnce } }
}

enum TestRegistry {
    static var registry: StageRegistry {
        var registry = StageRegistry()
        registry.register(LineParse.self)
        registry.register(Tag.self)
        registry.register(Sink.self)
        return registry
    }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "pipe-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Articles made on demand, counting how many have been produced.
struct GeneratedArticles: AsyncSequence, Sendable {
    let count: Int
    let produced: Counter

    struct AsyncIterator: AsyncIteratorProtocol {
        var index = 0
        let count: Int
        let produced: Counter
        mutating func next() async -> Article? {
            guard index < count else { return nil }
            defer { index += 1 }
            produced.increment()
            return Article(id: "a\(index)", source: "generated", title: "title \(index)", body: "body \(index)")
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(count: count, produced: produced) }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var current: Int { value.withLock { $0 } }
}

/// How many ``Tracked`` items are alive, and the most that were at once.
final class LiveCount: Sendable {
    private let counts = Mutex((current: 0, peak: 0))
    func add(_ delta: Int) {
        counts.withLock { $0.current += delta; $0.peak = max($0.peak, $0.current) }
    }
    var current: Int { counts.withLock { $0.current } }
    var peak: Int { counts.withLock { $0.peak } }
}

/// An item that counts itself alive from its creation to its release.
final class Tracked: Sendable {
    let live: LiveCount
    init(live: LiveCount) {
        self.live = live
        live.add(1)
    }
    deinit { live.add(-1) }
}

/// `count` fresh ``Tracked`` items.
struct TrackedItems: AsyncSequence, Sendable {
    let count: Int
    let live: LiveCount

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: Int
        let live: LiveCount
        mutating func next() async -> Tracked? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return Tracked(live: live)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: count, live: live) }
}
