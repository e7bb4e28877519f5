import Foundation
import PipeKit
import PipeStages
import PipeTesting
import ReadingTime
import Testing

@Suite("ReadingTimeStage")
struct ReadingTimeStageTests {
    let setup = StageSetup(pipeline: "t", stageID: "reading-time")

    @Test func setsWholeMinutesRoundedUp() async throws {
        let stage = try StageTest.make(ReadingTimeStage.self, options: "words_per_minute: 100")
        let body = Array(repeating: "word", count: 249).joined(separator: " ")
        let run = try await StageTest.run(stage, over: [.sample(title: "One", body: body)])
        #expect(run.outputs.map { $0.fields["reading_minutes"] } == [3])
        #expect(run.failures.isEmpty)
    }

    @Test(arguments: [("words_per_minute: 0", "`words_per_minute` must be positive"),
                      ("field: body", "`field` must name a custom field, not `body`")])
    func rejectsBadOptions(options: String, message: String) throws {
        let error = try #require(throws: PipelineFileError.self) { try StageTest.make(ReadingTimeStage.self, options: options) }
        #expect(error.diagnostics.map(\.message) == ["stage `reading-time`: \(message)"])
    }

    @Test func everyBadValueIsReportedAtOnce() throws {
        let error = try #require(throws: PipelineFileError.self) {
            try StageTest.make(ReadingTimeStage.self, options: "words_per_minute: 0\nfield: title\n")
        }
        #expect(error.diagnostics.map { $0.location?.line } == [1, 2])
    }

    @Test func declaresItsOptionsSoundly() {
        #expect(StageTest.declarationProblems(ReadingTimeStage.self).isEmpty)
    }

    @Test func withoutTheModuleTheStageIsUnknown() throws {
        let loader = PipelineLoader(registry: BuiltinStages.registry)
        #expect(throws: PipelineFileError.self) {
            _ = try loader.load(yaml: "input: {path: x}\nstages:\n  - type: parse\n  - type: reading-time\n", file: "c.yaml")
        }
    }
}
