import Foundation
import Testing

/// `exec` stages as a user meets them: `pipe run` with a real child process.
@Suite("pipe run with exec stages")
struct ExecCommandTests {
    static let child = PipeProcess.packageRoot + "/Tests/PipeStagesTests/Fixtures/exec-child.py"

    func pipeline(in folder: String, arguments: String, titles: [String]) throws {
        try writeJSONLinesRun(in: folder, articles: titles.enumerated().map { ("a\($0.offset)", $0.element, "Some text.") }, stages: """
            - type: exec
              on_error: skip
              options: {command: [python3, \(Self.child)\(arguments)], restarts: 3}
            """)
    }

    @Test func theChildsStandardErrorGoesToTheLog() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try pipeline(in: folder, arguments: "", titles: ["one", "STDERR two", "CRASH", "three"])
        let result = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("a note on standard error"))
        #expect(result.error.contains("read 4 = written 3 + filtered 0 + skipped 1"))
    }

    @Test func aChildThatCrashesOnEveryArticleStopsTheRunWithExit1() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try pipeline(in: folder, arguments: ", --always-crash", titles: ["one", "two", "three", "four"])
        let result = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("--always-crash` failed 3 times in a row; the last time, the child stopped before answering: it exited with status 3"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.jsonl"))
    }
}
