import Foundation
import PipeKit
import PipeStages
import Testing

@Suite("ExportStage")
struct ExportStageTests {
    @Test func writesJSONLinesAtomicallyAndPassesArticlesOn() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/deep/er/out.jsonl"
        let stage = try ExportStage(options: .init(path: path))
        try await stage.start(context: Fixtures.context)
        let article = Article(id: "x", source: "s", date: CalendarDate("2020-01-02"), url: "u", title: "T", body: "B\n\nC")
        let passed = try await stage.process(article, context: Fixtures.context)
        #expect(passed == article)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing under the final name before the end")
        try await stage.finish(.completed, context: Fixtures.context)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == #"{"id":"x","source":"s","date":"2020-01-02","url":"u","title":"T","body":"B\n\nC"}"# + "\n")
        #expect(stage.outputFiles == [path])
    }

    @Test func aFailedRunLeavesThePreviousFile() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
        let stage = try ExportStage(options: .init(path: path))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Article(id: "x", source: "s", title: "T", body: "B"), context: Fixtures.context)
        try await stage.finish(.failed, context: Fixtures.context)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.jsonl"])
    }

    @Test func anInterruptedRunPublishesWhatItWrote() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stage = try ExportStage(options: .init(path: folder + "/o.jsonl"))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Article(id: "x", source: "s", title: "T", body: "B"), context: Fixtures.context)
        try await stage.finish(.interrupted(signal: 2), context: Fixtures.context)
        #expect(try String(contentsOfFile: folder + "/o.jsonl", encoding: .utf8).hasPrefix(#"{"id":"x""#))
    }

    @Test func anEmptyPathIsRejected() {
        #expect(throws: OptionError.self) { try ExportStage(options: .init(path: "  ")) }
    }

    @Test func anUnwritableFolderIsAnIOErrorAtStart() async throws {
        let stage = try ExportStage(options: .init(path: "/proc/pipe-cannot-write-here/out.jsonl"))
        await #expect {
            try await stage.start(context: Fixtures.context)
        } throws: { error in
            (error as? PipeError)?.code == .io
        }
    }
}
