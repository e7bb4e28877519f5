import Foundation
import PipeKit
import PipeStages
import Testing

@Suite("ExecStage", .serialized)
struct ExecStageTests {
    static let child = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/exec-child.py").path

    func stage(_ arguments: [String] = [], batch: Int = 16, restarts: Int = 5) throws -> ExecStage {
        var options = ExecStage.Options()
        options.command = ExecStage.Command(["python3", Self.child] + arguments)
        options.batch = batch
        options.restarts = restarts
        return try ExecStage(options: options, setup: StageSetup(pipeline: "t", stageID: "exec"))
    }

    /// A context whose answer timeout is generous by default: a child that starts slowly on a
    /// loaded machine must not fail a test that is not about timeouts.
    func context(timeout: Duration = .seconds(10)) -> StageContext {
        var context = StageContext(stageID: "exec", pipeline: "t")
        context.timeout = timeout
        return context
    }

    func articles(_ titles: [String]) -> [Article] {
        titles.enumerated().map { index, title in
            var article = Article(id: "a\(index)", source: "s", title: title, body: "Body \(index).")
            article.fields["kept"] = .int(index)
            return article
        }
    }

    static func pid(_ result: Result<Article?, any Error>) -> JSONValue? {
        (try? result.get())??.fields["pid"]
    }

    @Test func answersComeBackAndOneChildServesEveryBatch() async throws {
        let stage = try stage(batch: 7)
        let context = context()
        var results: [Result<Article?, any Error>] = []
        for _ in 0..<3 { results += try await stage.process(batch: articles((0..<20).map { "title \($0)" }), context: context) }
        try await stage.finish(.completed, context: context)
        let answered = try results.map { try #require(try $0.get()) }
        #expect(answered.count == 60)
        #expect(answered.allSatisfy { $0.title.hasPrefix("TITLE ") })
        // The child inherits the environment (read, not set: `setenv` races the tests beside it;
        // HOME, which Python's launchers leave alone, unlike PATH).
        let home = ProcessInfo.processInfo.environment["HOME"].map(JSONValue.string) ?? .null
        #expect(answered.allSatisfy { $0.fields["env"] == home })
        #expect(answered[5].fields["kept"] == .int(5))
        #expect(Set(results.compactMap(Self.pid)).count == 1)
    }

    @Test func eachMisbehaviourCostsOnlyItsArticleAndTheRestIsSentAgain() async throws {
        let stage = try stage()
        let titles = ["ok", "CRASH", "ok", "HANG", "ok", "GARBAGE", "ok", "WRONGID", "ok", "ERROR", "STDERR ok", "ok"]
        // `HANG` costs the whole timeout; the others must answer well within it.
        let results = try await stage.process(batch: articles(titles), context: context(timeout: .seconds(3)))
        try await stage.finish(.completed, context: context())
        func message(_ index: Int) -> String? {
            guard case .failure(let error) = results[index] else { return nil }
            return "\(error)"
        }
        #expect(message(1)?.contains("stopped before answering: it exited with status 3") == true)
        #expect(message(3)?.contains("did not answer within 3.0 seconds") == true)
        #expect(message(5)?.contains("not a JSON object: `this is not JSON`") == true)
        #expect(message(7)?.contains("answered for `someone-else` when `a7` was next") == true)
        #expect(message(9)?.contains("asked to fail") == true)
        for index in [0, 2, 4, 6, 8, 10, 11] {
            #expect((try? results[index].get())??.title == titles[index].uppercased())
        }
        // A new child after each of the four failures that restart it (ERROR does not).
        #expect(Set(results.compactMap(Self.pid)).count == 5)
        #expect(Self.pid(results[8]) == Self.pid(results[10]))
    }

    @Test func aChildThatFailsOnEveryArticleStopsTheRun() async throws {
        let stage = try stage(["--always-crash"], restarts: 3)
        let error = await #expect(throws: PipeError.self) {
            _ = try await stage.process(batch: articles(["a", "b", "c", "d"]), context: context())
        }
        #expect(error?.message.contains("`python3 \(Self.child) --always-crash` failed 3 times in a row; the last time, the child stopped") == true)
        #expect(error?.message.contains("it exited with status 3") == true)
    }

    @Test func inAPipelineFailuresFollowOnError() async throws {
        let folder = NSTemporaryDirectory() + "pipe-exec-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = articles(["one", "CRASH", "two", "GARBAGE", "three"]).map { #"{"id": "\#($0.id)", "title": "\#($0.title)", "body": "\#($0.body)"}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/in.jsonl", atomically: true, encoding: .utf8)
        let yaml = """
            input: {path: \(folder)/in.jsonl, format: jsonl}
            checkpoint: false
            stages:
              - type: parse
              - type: exec
                timeout: 2s
                on_error: dead-letter
                options: {command: [python3, \(Self.child)], writes: [pid, env]}
              - type: export
                options: {path: \(folder)/out.jsonl}
            """
        let summary = try await PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: folder + "/p.yaml").run()
        #expect(summary.read == 5)
        #expect(summary.written == 3)
        #expect(summary.deadLettered == 2)
        let out = try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8)
        #expect(out.contains(#""title":"THREE""#))
    }

    @Test func aProgramThatCannotBeFoundIsAnErrorInTheFile() throws {
        let yaml = "input: {path: x}\nstages:\n  - type: parse\n  - type: exec\n    options: {command: [no-such-program-for-pipe, x]}\n"
        let error = try #require(throws: PipelineFileError.self) {
            _ = try PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: "e.yaml")
        }
        #expect(error.diagnostics.map(\.description) == [
            "e.yaml:5:24: error: stage `exec`: cannot find the program `no-such-program-for-pipe`; install it or give its path; PATH is searched",
        ])
    }

    @Test func itsFieldContractComesFromItsOptions() throws {
        let yaml = "input: {path: x}\nstages:\n  - type: parse\n  - type: exec\n    options: {command: [python3], reads: [entities]}\n"
        let error = try #require(throws: PipelineFileError.self) {
            _ = try PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: "e.yaml")
        }
        #expect(error.diagnostics.first?.message == "stage `exec` reads `entities`, which no stage before it sets")
    }
}
