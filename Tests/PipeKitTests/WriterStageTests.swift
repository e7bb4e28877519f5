import Foundation
import PipeKit
import Synchronization
import Testing

/// Writes article ids to a list. It encodes every third batch slowly, so that batches finish out
/// of order, and cannot write an article whose title is `unwritable`.
struct ListWriter: WriterStage {
    typealias Input = Article
    let written: Collected<Article>
    var failsWholeWrite = false

    func encode(_ articles: [Article], context: StageContext) throws -> [Article] {
        if let first = articles.first, let number = Int(first.id.dropFirst()), number / 16 % 3 == 0 { usleep(2_000) }
        return articles
    }

    func write(_ articles: [Article], context: StageContext) throws -> [Int: any Error] {
        if failsWholeWrite, articles.contains(where: { $0.id == "a100" }) { throw PipeError(.io, "disk full") }
        var failures: [Int: any Error] = [:]
        for (index, article) in articles.enumerated() {
            if article.title == "unwritable" {
                failures[index] = PipeError(.invalidValue, "cannot write `\(article.id)`")
            } else {
                written.append(article)
            }
        }
        return failures
    }
}

/// Gives every seventh article the title `unwritable`.
struct MarkUnwritable: Stage {
    func process(_ article: Article, context: StageContext) async throws -> Article? {
        var article = article
        if let number = Int(article.id.dropFirst()), number % 7 == 3 { article.title = "unwritable" }
        return article
    }
}

@Suite("WriterStage")
struct WriterStageTests {
    static func configuration(deadLetters: String? = nil) -> RunConfiguration {
        var configuration = RunConfiguration()
        configuration.batchSize = 16
        configuration.deadLetterPath = deadLetters
        return configuration
    }

    @Test func writesInInputOrderFromTheWorkersOfTheStageBefore() async throws {
        let written = Collected<Article>()
        let passed = Collected<Article>()
        let pipeline = Pipeline(SlowStage<Article>(delay: .zero), id: "work", concurrency: .workers(4))
            .then(ListWriter(written: written), id: "writer")
        let summary = try await pipeline.run(GeneratedArticles(count: 1_000, produced: Counter()),
                                             configuration: Self.configuration()) { passed.append($0) }
        let ids = (0..<1_000).map { "a\($0)" }
        #expect(written.all.map(\.id) == ids)
        #expect(passed.all.map(\.id) == ids, "a writer passes its items on")
        #expect(summary.segments.map(\.stageIDs) == [["work", "writer"]])
        #expect(summary.segments.map(\.workers) == [4])
        #expect(summary.stages.map(\.emitted) == [1_000, 1_000])
    }

    @Test func aWriterFirstInThePipelineRunsAlone() async throws {
        let written = Collected<Article>()
        let pipeline = Pipeline(ListWriter(written: written), id: "writer").then(SlowStage<Article>(delay: .zero), id: "after")
        let summary = try await pipeline.run(GeneratedArticles(count: 100, produced: Counter()),
                                             configuration: Self.configuration()) { _ in }
        #expect(written.all.count == 100)
        #expect(summary.segments.map(\.workers) == [1])
    }

    @Test(arguments: [ErrorPolicy.skip, .deadLetter])
    func itemsThatCannotBeWrittenFollowOnError(policy: ErrorPolicy) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = Collected<Article>()
        let passed = Collected<Article>()
        let pipeline = Pipeline(MarkUnwritable(), concurrency: .workers(2))
            .then(ListWriter(written: written), id: "writer", onError: policy)
        let summary = try await pipeline.run(GeneratedArticles(count: 200, produced: Counter()),
                                             configuration: Self.configuration(deadLetters: folder + "/dead.jsonl")) {
            passed.append($0)
        }
        let unwritable = (0..<200).filter { $0 % 7 == 3 }.map { "a\($0)" }
        let rest = (0..<200).map { "a\($0)" }.filter { !unwritable.contains($0) }
        #expect(written.all.map(\.id) == rest)
        #expect(passed.all.map(\.id) == rest, "an article that was not written is not passed on")
        #expect(summary.isBalanced)
        if policy == .skip {
            #expect(summary.stages[1].skipped == unwritable.count)
        } else {
            let lines = try String(contentsOfFile: folder + "/dead.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(lines.map { $0.contains("\"stage\":\"writer\"") && $0.contains("cannot write") } == unwritable.map { _ in true })
            #expect(summary.stages[1].deadLettered == unwritable.count)
        }
    }

    @Test func aWriteThatFailsStopsTheRunWhileOtherBatchesWaitTheirTurn() async throws {
        let pipeline = Pipeline(SlowStage<Article>(delay: .zero), concurrency: .workers(4))
            .then(ListWriter(written: Collected<Article>(), failsWholeWrite: true), id: "writer", onError: .skip)
        await #expect(throws: PipeError.self) {
            try await pipeline.run(GeneratedArticles(count: 2_000, produced: Counter()), configuration: Self.configuration()) { _ in }
        }
    }
}
