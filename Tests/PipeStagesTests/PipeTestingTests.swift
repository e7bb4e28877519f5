import PipeKit
import PipeStages
import PipeTesting
import Testing

@Suite("PipeTesting")
struct PipeTestingTests {
    @Test func makeBuildsAStageFromItsOptionsAsAPipelineFileWould() throws {
        let stage = try StageTest.make(FilterStage.self, options: "{min_words: 2, require: [url]}")
        #expect(stage.options.minWords == 2 && stage.options.require == ["url"])
        let error = try #require(throws: PipelineFileError.self) {
            try StageTest.make(FilterStage.self, options: "min_word: 2\nmax_words: many\n")
        }
        #expect(error.diagnostics.map(\.message) == [
            "unknown key `min_word` in the options of `filter`",
            "option `max_words` of stage `filter` expects an integer, got `many`",
        ])
        #expect(error.diagnostics.map { $0.location?.line } == [1, 2])
        #expect(throws: PipelineFileError.self) { try StageTest.make(FilterStage.self, options: "{min_words: 5, max_words: 2}") }
    }

    @Test func runGivesOutputsCountsAndFailures() async throws {
        let stage = try StageTest.make(FilterStage.self, options: "min_words: 3")
        let run = try await StageTest.run(stage, over: [
            .sample(id: "a", body: "One two three four."), .sample(id: "b", body: "Too short."), .sample(id: "c", body: "Three words here."),
        ], concurrency: .workers(2))
        #expect(run.outputs.map(\.id) == ["a", "c"])
        #expect(run.read == 3 && run.filtered == 1 && run.failures.isEmpty)

        let normalize = try StageTest.make(NormalizeStage.self)
        let failed = try await StageTest.run(normalize, over: [.sample(id: "blank", body: "   "), .sample(id: "ok", body: "Text.")])
        #expect(failed.outputs.map(\.id) == ["ok"])
        #expect(failed.deadLettered == 1)
        #expect(failed.failures.map(\.id) == ["blank"] && failed.failures.first?.stage == "stage")
        #expect(failed.failures.first?.error.isEmpty == false)
    }

    @Test func aFailurePolicyOfFailStopsTheRun() async throws {
        let normalize = try StageTest.make(NormalizeStage.self)
        await #expect(throws: PipeError.self) {
            _ = try await StageTest.run(normalize, over: [.sample(body: " ")], onError: .fail)
        }
    }

    @Test func aWholePipelineRunsOverRecords() async throws {
        let run = try await PipelineTest.run("""
            input: {path: unused, format: jsonl}
            stages:
              - type: parse
                on_error: dead-letter
              - type: filter
                options: {min_words: 2}
            """, over: [
                RawRecord.sample(#"{"id": "1", "title": "T", "body": "Two words."}"#, format: .jsonl, id: "1"),
                RawRecord.sample("not json", format: .jsonl, id: "2"),
                RawRecord.sample(#"{"id": "3", "title": "T", "body": "One."}"#, format: .jsonl, id: "3"),
            ], registry: BuiltinStages.registry)
        #expect(run.outputs.map(\.id) == ["1"])
        #expect(run.filtered == 1 && run.deadLettered == 1)
        #expect(run.failures.map(\.stage) == ["parse"])
    }

    @Test func theBuiltinStagesDeclareTheirOptionsSoundly() {
        #expect(StageTest.declarationProblems(FilterStage.self).isEmpty)
        #expect(StageTest.declarationProblems(ExportStage.self).isEmpty)
        #expect(StageTest.declarationProblems(Undeclared.self).count == 1)
    }

    @Test func seededNumbersRepeat() {
        var first = SeededNumbers(seed: 7), second = SeededNumbers(seed: 7)
        #expect((0..<5).map { _ in first.below(100) } == (0..<5).map { _ in second.below(100) })
    }
}

/// A stage whose options hide a stored property from the declarations.
private struct Undeclared: ConfigurableStage {
    struct Options: StageOptions {
        @Option("shown", help: "declared") var shown = 1
        var hidden = 2
        init() {}
    }
    static let name = "undeclared"
    static let summary = "test"
    init(options: Options, setup: StageSetup) {}
    func process(_ article: Article, context: StageContext) async throws -> Article? { article }
}
