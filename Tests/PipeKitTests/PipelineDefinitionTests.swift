import Foundation
import PipeKit
import Testing

@Suite("PipelineDefinition")
struct PipelineDefinitionTests {
    let yaml = """
        pipeline: code
        input: {path: unused, format: text}
        stages:
          - type: parse
            on_error: skip
          - type: tag
            options: {label: shout}
        """

    @Test func aLoadedFileRunsOverAnyRecordSequenceAndHandsBackArticles() async throws {
        let definition = try PipelineLoader(registry: TestRegistry.registry).load(yaml: yaml, file: "code.yaml")
        let records = (0..<200).map { index in
            RawRecord(id: "r\(index)", source: "mem", format: .text, bytes: Array((index == 7 ? "bad!" : "t\(index)|b").utf8))
        }
        let collected = Collected<Article>()
        let summary = try await definition.run(over: Sequenced(records)) { item in
            if let article = item as? Article { collected.append(article) }
        }
        #expect(collected.all.count == 199)
        #expect(collected.all.first?.fields["shout"] == .string("T0"))
        #expect(collected.all.map(\.id) == (0..<200).filter { $0 != 7 }.map { "r\($0)" })
        #expect(summary.skipped == 1)
        #expect(summary.bytesRead == records.reduce(0) { $0 + $1.bytes.count })
    }

    @Test func aSourceOfTheWrongTypeIsRejected() async throws {
        let definition = try PipelineLoader(registry: TestRegistry.registry).load(yaml: yaml, file: "code.yaml")
        await #expect {
            try await definition.run(over: Sequenced([Article(id: "a", source: "s", title: "t", body: "b")]))
        } throws: { error in
            (error as? PipeError)?.message == "stage `parse` expects RawRecord but the source gives Article"
        }
    }

    @Test func readsItsInputFromFiles() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for index in 0..<3 { try "title \(index)|body".write(toFile: "\(folder)/\(index).txt", atomically: false, encoding: .utf8) }
        let definition = try PipelineLoader(registry: TestRegistry.registry).load(yaml: yaml, file: "code.yaml", input: folder)
        let collected = Collected<Article>()
        let summary = try await definition.run { item in
            if let article = item as? Article { collected.append(article) }
        }
        #expect(collected.all.map(\.id) == ["0", "1", "2"])
        #expect(summary.read == 3)
    }
}
