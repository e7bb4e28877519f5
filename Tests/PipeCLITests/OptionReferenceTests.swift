import Foundation
@testable import PipeCLI
import PipeKit
import PipeStages
import Testing

@Suite("option reference")
struct OptionReferenceTests {
    @Test func docsTablesAreCurrent() throws {
        let path = PipeProcess.packageRoot + "/Docs/PipelineFile.md"
        let document = try String(contentsOfFile: path, encoding: .utf8)
        let updated = try OptionTables(reference: OptionReference(registry: BuiltinStages.registry)).update(document)
        #expect(updated.text == document, "Docs/PipelineFile.md's option tables are stale: run `swift run pipe docs`")
        let withOptions = BuiltinStages.registry.descriptors.filter { !$0.options.isEmpty }.map(\.name)
        #expect(Set(withOptions).isSubset(of: updated.names))
        #expect(Set(["pipeline-file", "input", "stage-entry", "checkpoint"]).isSubset(of: updated.names))
    }

    @Test func aTableIsWrittenFromTheDeclarations() throws {
        let document = "before\n<!-- options: dedupe -->\nold\n<!-- end options -->\nafter\n"
        let updated = try OptionTables(reference: OptionReference(registry: BuiltinStages.registry)).update(document)
        #expect(updated.text == """
            before
            <!-- options: dedupe -->
            | key | type | default | |
            | --- | --- | --- | --- |
            | `key` | `body` \\| `title+body` | `body` | what must be equal: `body`, or `title+body` to require the same title too |
            <!-- end options -->
            after

            """)
        #expect(throws: OptionTables.Problem.self) {
            try OptionTables(reference: OptionReference(registry: BuiltinStages.registry)).update("<!-- options: nope -->\n<!-- end options -->")
        }
    }

    @Test func stagesJSONDescribesEveryStageAndSection() async throws {
        let result = try await PipeProcess.run(["stages", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.map { $0["name"] as? String } == ["pipeline-file", "input", "stage-entry", "checkpoint"])
        let stages = try #require(object["stages"] as? [[String: Any]])
        let export = try #require(stages.first { $0["name"] as? String == "export" })
        let options = try #require(export["options"] as? [[String: Any]])
        #expect(options.map { $0["key"] as? String } == ["format", "path", "url", "table"])
        #expect(options[0]["allowed"] as? [String] == ["jsonl", "csv", "sqlite", "markdown", "postgres"])
        // Required for every format but `postgres`, which the stage checks.
        #expect(options[1]["required"] as? Bool == false && options[1]["default"] == nil)
    }
}
