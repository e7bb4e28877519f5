import Foundation
import PipeKit
import Synchronization
import Testing

/// A connector over a ``MemoryQueue``.
struct MemoryConnector: QueueConnector {
    let format = InputFormat.postgres
    let worker = "test-worker"
    let queue: MemoryQueue

    func open(_ settings: QueueInput, configuration: RunConfiguration) async throws -> any ClaimedSource { queue }
}

@Suite("Queue input loading")
struct QueueInputLoadingTests {
    static let queue = MemoryQueue(texts: (0..<30).map { "title \($0)|body" }, claimSizes: [10, 10, 10])
    static let connector = MemoryConnector(queue: queue)

    static func loader(connected: Bool = true) -> PipelineLoader {
        var registry = TestRegistry.registry
        if connected { registry.connect(connector) }
        return PipelineLoader(registry: registry, environment: ["PIPE_PG_URL": "postgres://u:secret@h/db"])
    }

    static let valid = """
        input: {format: postgres, url: "${PIPE_PG_URL}", table: news.articles, lease: 5s, batch: 10}
        stages:
          - type: parse
            on_error: dead-letter
        """

    func diagnostics(_ yaml: String, loader: PipelineLoader = loader(), shard: Shard? = nil) -> [PipeError] {
        var loader = loader
        loader.shard = shard
        do {
            _ = try loader.load(yaml: yaml, file: "p.yaml")
        } catch let error as PipelineFileError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
        Issue.record("the pipeline loaded but should not have")
        return []
    }

    @Test func aQueueInputLoadsWithoutCheckpointOrDeadLetterFileAndRunsThroughItsConnector() async throws {
        let definition = try Self.loader().load(yaml: Self.valid, file: "p.yaml")
        #expect(definition.input.queue == QueueInput(url: "postgres://u:secret@h/db", table: try TableName("news.articles"),
                                                     lease: .seconds(5), batch: 10))
        #expect(definition.input.paths.isEmpty && definition.checkpoint == nil && definition.deadLetterPath == nil)
        #expect(definition.redaction.apply(to: "at postgres://u:secret@h/db") == "at ${PIPE_PG_URL}")
        let summary = try await definition.run()
        #expect(summary.read == 30 && summary.claims?.worker == "memory")
        #expect(Self.queue.commits.withLock { $0.map(\.records) } == [0..<10, 10..<20, 20..<30])
    }

    @Test(arguments: [
        ("input: {format: postgres, table: articles}", "`input` with `format: postgres` needs the option `url`", 1, 8),
        ("input: {format: postgres, url: u}", "`input` with `format: postgres` needs the option `table`", 1, 8),
        ("input: {format: postgres, url: u, table: 1news}", "`1news` is not a table name Pipe takes", 1, 42),
        ("input: {format: postgres, url: u, table: a, path: x}", "`format: postgres` reads a table, not `path`", 1, 51),
        ("input: {format: postgres, url: u, table: a, batch: 0}", "option `batch` of `input` expects 1 to 10000 articles, got 0", 1, 52),
        ("input: {format: postgres, url: u, table: a, lease: 500ms}", "option `lease` of `input` expects at least 1s, got 500ms", 1, 52),
        ("input: {format: jsonl, path: x, table: a}", "option `table` of `input` is for `format: postgres`", 1, 40),
        ("input: {format: jsonl}", "`input` needs the option `path`", 1, 8),
    ])
    func aQueueInputIsCheckedAtItsKeys(input: String, message: String, line: Int, column: Int) {
        let errors = diagnostics(input + "\nstages:\n  - type: parse\n")
        #expect(errors.map(\.message) == [message])
        #expect(errors.first?.location == SourceLocation(file: "p.yaml", line: line, column: column))
    }

    @Test func whatAQueuePipelineCannotHaveIsRefusedWhereItIsWritten() throws {
        let errors = diagnostics(Self.valid + "\ncheckpoint: {interval: 10s}\ndead_letter: out/x.jsonl\n")
        #expect(errors.map(\.message) == [
            "a pipeline reading `format: postgres` keeps no checkpoint: the queue's claims are its checkpoint",
            "a pipeline reading `format: postgres` writes its dead letters to the table `news.articles_pipe_dead_letters`",
        ])
        #expect(errors.map(\.location?.line) == [5, 6])
        let sharded = diagnostics(Self.valid, shard: try Shard(index: 1, count: 4))
        #expect(sharded.first?.code == .shard && sharded.first?.location?.line == 1)
    }

    @Test func aShardFromTheEnvironmentIsIgnoredByAQueueAndKeptByFiles() throws {
        var loader = Self.loader()
        (loader.shard, loader.shardFromEnvironment) = (try Shard(index: 1, count: 4), true)
        #expect(try loader.load(yaml: Self.valid, file: "p.yaml").input.shard == nil, "each task is one more worker")
        let files = try loader.load(yaml: "input: {path: in, format: jsonl}\nstages:\n  - type: parse\n  - type: sink\n    options: {path: o.jsonl}\n",
                                    file: "p.yaml")
        #expect(files.input.shard == (try Shard(index: 1, count: 4)))
    }

    @Test func aPipeWithoutAConnectorSaysSoAtTheFormat() {
        let errors = diagnostics(Self.valid, loader: Self.loader(connected: false))
        #expect(errors.map(\.message) == ["this `pipe` was built without a connector for `format: postgres`"])
        #expect(errors.first?.location == SourceLocation(file: "p.yaml", line: 1, column: 17))
    }

    @Test func inputPathsFromTheCommandLineAreRefused() throws {
        #expect(throws: PipelineFileError.self) {
            try Self.loader().load(yaml: Self.valid, file: "p.yaml", inputs: ["in/"])
        }
    }
}
