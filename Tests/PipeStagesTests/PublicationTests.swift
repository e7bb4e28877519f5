import Foundation
import PipeKit
import PipeStages
import Testing

/// A stage that passes articles on and fails when the run ends, after the exports before it
/// have staged their files.
private struct FailsAtTheEnd: Stage {
    typealias Input = Article
    typealias Output = Article
    func process(_ article: consuming Article, context: StageContext) async throws -> Article? { article }
    func finish(_ outcome: RunOutcome, context: StageContext) async throws {
        if outcome.publishesOutputs { throw PipeError(.io, "cannot finish: the disk is full") }
    }
}

/// A run's outputs are renamed into place together, or not at all.
@Suite("Publication")
struct PublicationTests {
    static let pipeline = """
        pipeline: publish
        input: {path: "${DIR}/in.jsonl", format: jsonl}
        checkpoint: false
        stages:
          - {type: parse, on_error: dead-letter}
          - {type: export, id: jsonl, options: {format: jsonl, path: "${DIR}/out/a.jsonl"}}
          - {type: export, id: csv, options: {format: csv, path: "${DIR}/out/a.csv"}}
          - {type: export, id: sqlite, options: {format: sqlite, path: "${DIR}/out/a.sqlite"}}
        """

    func definition(_ folder: String) throws -> PipelineDefinition {
        try PipelineLoader(registry: BuiltinStages.registry, environment: ["DIR": folder]).load(yaml: Self.pipeline, file: "p.yaml")
    }

    @Test func aFailureBeforePublishingLeavesEveryPreviousFileAsItWas() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"id": "old", "title": "Old", "body": "Old body."}"# .appending("\n{\"id\": 3\n")
            .write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        var configuration = RunConfiguration()
        configuration.statsPath = folder + "/out/stats.json"
        _ = try await definition(folder).run(configuration: configuration)
        let names = ["a.jsonl", "a.csv", "a.sqlite", "a.dead-letter.jsonl", "stats.json"]
        let before = names.map { FileManager.default.contents(atPath: folder + "/out/" + $0) }
        #expect(before.allSatisfy { $0?.isEmpty == false })

        try #"{"id": "new", "title": "New", "body": "New body."}"#.write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        var failing = try definition(folder)
        failing.stages.append(AnyStage(FailsAtTheEnd(), id: "fails"))
        await #expect(throws: PipeError.self) { try await failing.run(configuration: configuration) }
        #expect(names.map { FileManager.default.contents(atPath: folder + "/out/" + $0) } == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
        #expect(left == names.sorted(), "nothing staged is left")

        // The same run without the failing stage replaces all of them.
        _ = try await definition(folder).run(configuration: configuration)
        let after = names.map { FileManager.default.contents(atPath: folder + "/out/" + $0) }
        #expect(zip(before, after).allSatisfy { $0 != $1 })
        #expect(try String(contentsOfFile: folder + "/out/a.jsonl", encoding: .utf8).contains(#""id":"new""#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == names.sorted())
    }

    @Test func stagedFilesAreRenamedOnlyWhenPublished() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let publication = Publication()
        for name in ["a", "b"] {
            let file = try AtomicFile(path: folder + "/" + name)
            try file.write(name)
            try file.stage(in: publication)
            #expect(!FileManager.default.fileExists(atPath: folder + "/" + name))
        }
        #expect(publication.paths == [folder + "/a", folder + "/b"])
        try publication.publish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a", "b"])
        #expect(try String(contentsOfFile: folder + "/b", encoding: .utf8) == "b")
    }
}
