import Foundation
import PipeKit
import Synchronization
import Testing

/// A work queue in memory: records `r0`, `r1`, … handed over in claims of the given sizes, and
/// every commit the run makes, as the source receives it.
final class MemoryQueue: ClaimedSource {
    typealias Element = RawRecord
    let claimSizes: [Int]
    let texts: [String]
    private let claimEnds: Set<Int>
    let commits = Mutex<[ClaimCommit]>([])

    init(texts: [String], claimSizes: [Int]) {
        self.texts = texts
        self.claimSizes = claimSizes
        claimEnds = Set(claimSizes.indices.map { claimSizes[...$0].reduce(0, +) - 1 })
    }

    func endsClaim(at ordinal: Int) -> Bool { claimEnds.contains(ordinal) }
    func commit(_ commit: ClaimCommit) async throws { commits.withLock { $0.append(commit) } }
    func close() async {}
    var report: ClaimReport { ClaimReport(worker: "memory") }

    struct AsyncIterator: AsyncIteratorProtocol {
        let texts: [String]
        var next = 0
        mutating func next() async throws -> RawRecord? {
            guard next < texts.count else { return nil }
            defer { next += 1 }
            return RawRecord(id: "r\(next)", source: "memory", format: .text, bytes: Array(texts[next].utf8))
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(texts: texts) }
}

/// Leaves each batch's article ids for the commit, as an export to the queue's database does.
struct CommitIDs: WriterStage {
    typealias Input = Article
    func encode(_ articles: [Article], context: StageContext) throws -> [UInt8] {
        Array(articles.map(\.id).joined(separator: ",").utf8)
    }
    func write(_ ids: [UInt8], context: StageContext) throws -> [Int: any Error] {
        try context.addToCommit(CommitWrite(stageID: context.stageID, target: .results(try TableName("results")), payload: ids))
        return [:]
    }
}

@Suite("ClaimedSource")
struct ClaimedSourceTests {
    /// 100 records: every tenth is dropped by the filter, every seventeenth fails to parse.
    static let texts = (0..<100).map { index in
        index % 17 == 5 ? "bad!" : index % 10 == 3 ? "drop \(index)|b" : "title \(index)|body"
    }

    static func run(claimSizes: [Int], batchSize: Int) async throws -> (MemoryQueue, RunSummary) {
        let queue = MemoryQueue(texts: texts, claimSizes: claimSizes)
        let pipeline = Pipeline(LineParse(), id: "parse", onError: .deadLetter)
            .then(DropFilter(), id: "filter", concurrency: .workers(3))
            .then(CommitIDs(), id: "export")
        var configuration = RunConfiguration()
        configuration.batchSize = batchSize
        let summary = try await pipeline.run(queue, configuration: configuration) { _ in }
        return (queue, summary)
    }

    @Test(arguments: [(claims: [7, 1, 20, 12, 20, 20, 20], batch: 20), (claims: [50, 50], batch: 16)])
    func everyRecordIsCommittedOnceInOrderWithItsBatchsWritesAndDeadLetters(claims: [Int], batch: Int) async throws {
        let (queue, summary) = try await Self.run(claimSizes: claims, batchSize: batch)
        let commits = queue.commits.withLock { $0 }
        #expect(commits.map(\.records.lowerBound) == [0] + commits.dropLast().map(\.records.upperBound))
        #expect(commits.last?.records.upperBound == 100)
        var claimEnds = Set(claims.indices.map { claims[...$0].reduce(0, +) })
        claimEnds.insert(100)
        for commit in commits {
            let written = commit.writes.flatMap { String(decoding: $0.payload, as: UTF8.self).split(separator: ",").map(String.init) }
            let expected = commit.records.filter { Self.texts[$0].hasPrefix("title") }.map { "r\($0)" }
            #expect(written == expected, "the writes of records \(commit.records)")
            #expect(commit.deadLetters.map(\.id) == commit.records.filter { $0 % 17 == 5 }.map { "r\($0)" })
            #expect(commit.records.count == batch || claimEnds.contains(commit.records.upperBound),
                    "a batch is cut where its claim ends, \(commit.records)")
        }
        #expect((summary.deadLettered, summary.filtered, summary.written) == (6, 9, 85))
    }

    @Test func aWriterOutsideAClaimedRunCannotAddToACommit() async throws {
        let pipeline = Pipeline(LineParse(), id: "parse").then(CommitIDs(), id: "export")
        let records = (0..<3).map { RawRecord(id: "r\($0)", source: "s", format: .text, bytes: Array("t|b".utf8)) }
        await #expect {
            try await pipeline.run(Sequenced(records)) { _ in }
        } throws: { error in
            (error as? PipeError)?.message == "stage `export` writes to the queue's database, and the run's input is not a queue"
        }
    }
}
