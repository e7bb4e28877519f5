import Foundation
import Testing

/// `translate-stub` with `backend: http` against a real LibreTranslate-compatible server on
/// 127.0.0.1 (`Fixtures/translate-server.py`), run by `pipe` as a user would.
@Suite("pipe run with the http translation backend")
struct HTTPTranslationTests {
    /// Starts the server and returns its port, and the pipe whose closing stops it (python3 may
    /// run under a shim, so terminating the process started here might not reach the server).
    func startServer() throws -> (stop: Pipe, port: Int) {
        let server = Process()
        let output = Pipe(), input = Pipe()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", PipeProcess.packageRoot + "/Tests/PipeCLITests/Fixtures/translate-server.py"]
        server.standardOutput = output
        server.standardInput = input
        server.standardError = FileHandle.nullDevice
        try server.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        return (input, Int(String(decoding: line, as: UTF8.self)) ?? 0)
    }

    @Test func translationsRetriesAndFailuresEachEndAsTheyShould() async throws {
        let (stop, port) = try startServer()
        defer { try? stop.fileHandleForWriting.close() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bodies = [
            ("ok", "Президент прибыл в Дамаск в воскресенье вечером и встретился с министрами."),
            ("flaky", "FLAKY Президент прибыл в Дамаск в воскресенье вечером и встретился с министрами."),
            ("fail", "FAIL500 Президент прибыл в Дамаск в воскресенье вечером и встретился с министрами."),
            ("slow", "SLOW Президент прибыл в Дамаск в воскресенье вечером и встретился с министрами."),
            ("bad", "BADJSON Президент прибыл в Дамаск в воскресенье вечером и встретился с министрами."),
            ("english", "The president arrived in Damascus on Sunday evening and met the ministers."),
        ]
        try writeJSONLinesRun(in: folder, articles: bodies.map { ($0.0, "", $0.1) }, stages: """
            - type: translate-stub
              concurrency: 2
              on_error: dead-letter
              options: {target: en, backend: http, url: "http://127.0.0.1:\(port)", timeout: 1s, retries: 1}
            """)
        let result = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("read 6 = written 3 + filtered 0 + skipped 0 + dead-lettered 3"))
        let out = try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8)
        #expect(out.contains(#""body":"en: ПРЕЗИДЕНТ ПРИБЫЛ"#))
        #expect(out.contains(#""body":"en: FLAKY ПРЕЗИДЕНТ"#))
        let dead = try String(contentsOfFile: folder + "/out.dead-letter.jsonl", encoding: .utf8)
        #expect(dead.contains("failed 2 times: it answered 500"))
        #expect(dead.contains("failed 2 times: no answer"))
        #expect(dead.contains("answered something that is not"))
    }
}
