import Foundation
import PipeKit
import PipeStages
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

    /// What the server counted: requests per text, the most in flight at once, the API keys sent.
    struct Stats: Decodable {
        var counts: [String: Int]
        var max_inflight: Int
        var api_keys: [String]
    }

    func stats(port: Int) async throws -> Stats {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/stats"))
        return try JSONDecoder().decode(Stats.self, from: try await URLSession.shared.data(from: url).0)
    }

    @Test func theClientCachesRetriesOnlyWhatIsWorthItLimitsRequestsAndSendsItsKey() async throws {
        let (stop, port) = try startServer()
        defer { try? stop.fileHandleForWriting.close() }
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let translator = HTTPTranslator(url: url, apiKey: "key-123", timeout: .seconds(2), retries: 2, maxRequests: 2)
        // The same text twice: one request, then the cache.
        for _ in 0..<2 {
            let done = try await translator.translate(title: "Привет", body: "Дамаск", from: "ru", to: "en")
            #expect(done == ("en: ПРИВЕТ", "en: ДАМАСК"))
        }
        // A 4xx answer is not tried again, whatever `retries` says.
        let refused = await #expect(throws: PipeError.self) {
            try await translator.translate(title: "", body: "REFUSE this", from: "ru", to: "en")
        }
        #expect(refused?.message.contains("refused the text: 400") == true)
        // A 429 is tried again, after the backoff.
        let limited = try await translator.translate(title: "", body: "RATE429 later", from: "ru", to: "en")
        #expect(limited.body == "en: RATE429 LATER")
        // Eight translations at once, two requests in flight at most.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask { _ = try await translator.translate(title: "", body: "WAIT \(index)", from: "ru", to: "en") }
            }
            try await group.waitForAll()
        }
        let counted = try await stats(port: port)
        #expect(counted.counts["Привет"] == 1 && counted.counts["Дамаск"] == 1)
        #expect(counted.counts["REFUSE this"] == 1)
        #expect(counted.counts["RATE429 later"] == 2)
        #expect(counted.max_inflight == 2)
        #expect(counted.api_keys == ["key-123"])
    }
}
