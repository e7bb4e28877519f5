import Foundation
import PipeKit
import PipeStages
import ReadingTime
import Testing

@Suite("ReadingTimeStage")
struct ReadingTimeStageTests {
    let setup = StageSetup(pipeline: "t", stageID: "reading-time")

    @Test func setsWholeMinutesRoundedUp() async throws {
        var options = ReadingTimeStage.Options()
        options.wordsPerMinute = 100
        let stage = try ReadingTimeStage(options: options, setup: setup)
        let body = Array(repeating: "word", count: 249).joined(separator: " ")
        let article = try await stage.process(Article(id: "a", source: "s", title: "One", body: body),
                                              context: StageContext(stageID: "rt", pipeline: "t"))
        #expect(article?.fields["reading_minutes"] == 3)
    }

    @Test func rejectsBadOptions() {
        var options = ReadingTimeStage.Options()
        options.wordsPerMinute = 0
        #expect(throws: OptionError.self) { try ReadingTimeStage(options: options, setup: setup) }
        options = ReadingTimeStage.Options()
        options.field = "body"
        #expect(throws: OptionError.self) { try ReadingTimeStage(options: options, setup: setup) }
    }

    @Test func withoutTheModuleTheStageIsUnknown() throws {
        let loader = PipelineLoader(registry: BuiltinStages.registry)
        #expect(throws: PipelineFileError.self) {
            _ = try loader.load(yaml: "input: {path: x}\nstages:\n  - type: parse\n  - type: reading-time\n", file: "c.yaml")
        }
    }
}
