import Foundation
import PipeKit
import PipeStages
import Testing

/// Runs stopped part way and resumed end with the same files, byte for byte, as whole runs.
@Suite("Resuming a run")
struct ResumeTests {
    static let pipeline = """
        pipeline: resume
        input: {path: "${IN}", format: jsonl}
        checkpoint: {folder: "${DIR}/state", records: 64}
        stages:
          - type: parse
            concurrency: 2
            on_error: dead-letter
          - type: dedupe
          - type: normalize
            concurrency: 2
          - type: extract
            concurrency: 2
            options: {entities: true, dates: true, quotes: true, keywords: 4}
          - type: export
            id: jsonl
            options: {format: jsonl, path: "${DIR}/out/a.jsonl"}
          - type: export
            id: csv
            options: {format: csv, path: "${DIR}/out/a.csv"}
          - type: export
            id: report
            options: {format: markdown, path: "${DIR}/out/a.md"}
          - type: export
            id: sqlite
            options: {format: sqlite, path: "${DIR}/out/a.sqlite"}
        """
    static let outputs = ["a.jsonl", "a.csv", "a.md", "a.sqlite", "a.dead-letter.jsonl"]

    /// 600 articles; every seventh repeats an earlier body (for `dedupe`), every 97th line is broken.
    static func writeInput(to path: String) throws {
        let lines = (0..<600).map { index -> String in
            if index % 97 == 50 { return #"{"id": "broken-\#(index)", "title": 5"# }
            let body = index % 7 == 6 ? index / 2 : index
            return #"{"id": "a\#(index)", "date": "2024-12-0\#(index % 9 + 1)", "title": "Report \#(index)", "#
                + #""body": "Geir Pedersen met officials in Geneva on Sunday, report \#(body). \"Talks will go on,\" he said."}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    func definition(folder: String, input: String) throws -> PipelineDefinition {
        try PipelineLoader(registry: BuiltinStages.registry, environment: ["IN": input, "DIR": folder])
            .load(yaml: Self.pipeline, file: "resume.yaml")
    }

    func configuration(_ definition: PipelineDefinition, resume: Bool = false, stop: StopSignal? = nil) -> RunConfiguration {
        var configuration = RunConfiguration()
        configuration.checkpoint = definition.checkpoint
        configuration.checkpoint?.resume = resume
        configuration.stop = stop
        return configuration
    }

    func contents(_ folder: String) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: Self.outputs.map { ($0, FileManager.default.contents(atPath: folder + "/out/" + $0) ?? Data()) })
    }

    @Test(arguments: [1, 130, 451])
    func aRunStoppedAfterSomeRecordsResumesToTheSameFiles(stopAfter: Int) async throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/in.jsonl"
        try Self.writeInput(to: input)

        let whole = try definition(folder: root + "/whole", input: input)
        let wholeSummary = try await whole.run(configuration: configuration(whole))
        #expect(wholeSummary.outcome == .completed && wholeSummary.read == 600 && wholeSummary.isBalanced)
        #expect(!FileManager.default.fileExists(atPath: root + "/whole/state"), "a completed run leaves no checkpoint")

        let stopped = try definition(folder: root + "/stopped", input: input)
        let stop = StopSignal()
        let source = StoppingSource(base: InputReader(spec: stopped.input), after: stopAfter, stop: stop)
        let first = try await stopped.run(over: source, configuration: configuration(stopped, stop: stop))
        #expect(first.outcome == .interrupted(signal: 2) && first.read == stopAfter && first.isBalanced)
        #expect(FileManager.default.fileExists(atPath: root + "/stopped/state/checkpoint.json"))

        let second = try await stopped.run(configuration: configuration(stopped, resume: true))
        #expect(second.outcome == .completed && second.resumedRecords == stopAfter)
        #expect(second.read == 600 && second.isBalanced, "the summary covers both runs")
        #expect(second.stages == wholeSummary.stages.map { tally in
            var tally = tally
            tally.duration = second.stages.first { $0.stageID == tally.stageID }?.duration ?? .zero
            return tally
        })
        let expected = contents(root + "/whole"), actual = contents(root + "/stopped")
        for name in Self.outputs {
            #expect(actual[name] == expected[name], "\(name) differs from the whole run's")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/stopped/out").sorted() == Self.outputs.sorted())
    }

    @Test func resumeWithoutACheckpointIsAWholeRun() async throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.writeInput(to: root + "/in.jsonl")
        let pipeline = try definition(folder: root, input: root + "/in.jsonl")
        let summary = try await pipeline.run(configuration: configuration(pipeline, resume: true))
        #expect(summary.outcome == .completed && summary.resumedRecords == 0 && summary.read == 600)
    }

    @Test func anInputThatChangedIsNotResumed() async throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/in.jsonl"
        try Self.writeInput(to: input)
        let pipeline = try definition(folder: root, input: input)
        let stop = StopSignal()
        let source = StoppingSource(base: InputReader(spec: pipeline.input), after: 200, stop: stop)
        _ = try await pipeline.run(over: source, configuration: configuration(pipeline, stop: stop))
        // The crawl was rewritten in between: the first records are not the ones counted.
        var text = try String(contentsOfFile: input, encoding: .utf8)
        text = "{\"id\": \"new\", \"body\": \"inserted\"}\n" + text
        try text.write(toFile: input, atomically: false, encoding: .utf8)
        await #expect {
            try await pipeline.run(configuration: configuration(pipeline, resume: true))
        } throws: { error in
            let error = error as? PipeError
            return error?.code == .checkpoint && error?.message.contains("the input changed since the checkpoint") == true
                && error?.hint == "run without `--resume` to start over"
        }
    }
}

/// A source that asks its run to stop after `after` records, as Ctrl-C would.
struct StoppingSource: AsyncSequence, Sendable {
    let base: InputReader
    let after: Int
    let stop: StopSignal

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: InputReader.Iterator
        var remaining: Int
        let stop: StopSignal

        mutating func next() async throws -> RawRecord? {
            if remaining == 0 { stop.request(signal: 2) }
            remaining -= 1
            return try await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), remaining: after, stop: stop) }
}
