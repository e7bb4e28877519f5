import Foundation
import GRDB
import PipeKit
import PipeStages
import Testing

/// The record shapes Docs/PipelineFile.md promises, against what export writes.
@Suite("Record shape")
struct RecordShapeTests {
    static let docs: String = (try? String(contentsOfFile: Fixtures.packageRoot + "/Docs/PipelineFile.md", encoding: .utf8)) ?? ""

    /// The text after `<!-- record: NAME -->`, up to the end of its block (a code block, a table or a line).
    static func documented(_ name: String) throws -> String {
        let marker = "<!-- record: \(name) -->"
        let start = try #require(docs.range(of: marker)).upperBound
        let rest = docs[start...].drop { $0 == " " || $0 == "\n" }
        if rest.hasPrefix("```json\n"), let end = rest.dropFirst(8).range(of: "```") {
            return String(rest.dropFirst(8)[..<end.lowerBound])
        }
        let block = rest.range(of: "\n\n").map { rest[..<$0.lowerBound] } ?? rest
        return block.split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: "\n")
    }

    /// Every object's keys, by path; an array stands for its first element.
    static func shape(_ value: Any, at path: String = "", into shape: inout [String: Set<String>]) {
        if let object = value as? [String: Any] {
            shape[path, default: []].formUnion(object.keys)
            for (key, member) in object { Self.shape(member, at: path + "." + key, into: &shape) }
        } else if let array = value as? [Any], let first = array.first {
            Self.shape(first, at: path + "[]", into: &shape)
        }
    }

    /// One article through every stage that sets a field, to all three file formats.
    static func run(in folder: String) async throws {
        try #"{"id":"a1","date":"Sun, 08 Dec 2024 14:03:00 +0300","url":"https://example.org/a1","title":"Talks resume in Geneva","body":"Talks resumed in Geneva on Sunday. \"We are hopeful,\" said Maria Lopez, the envoy.","section":"world"}"#
            .appending("\n").write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        let yaml = """
            input: {path: \(folder)/in.jsonl, format: jsonl}
            checkpoint: false
            stages:
              - type: parse
              - type: normalize
              - type: translate-stub
                options: {target: en}
              - type: extract
                options: {entities: {model: rules}, dates: true, quotes: true, keywords: 3}
              - {type: export, id: jsonl, options: {path: \(folder)/out.jsonl}}
              - {type: export, id: csv, options: {format: csv, path: \(folder)/out.csv}}
              - {type: export, id: sqlite, options: {format: sqlite, path: \(folder)/out.sqlite}}
            """
        let summary = try await PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: "shape.yaml").run()
        #expect(summary.written == 1)
    }

    @Test func writtenRecordsHaveTheDocumentedShape() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await Self.run(in: folder)

        var documented: [String: Set<String>] = [:], written: [String: Set<String>] = [:]
        Self.shape(try JSONSerialization.jsonObject(with: Data(Self.documented("jsonl").utf8)), into: &documented)
        let line = try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8)
        Self.shape(try JSONSerialization.jsonObject(with: Data(line.utf8)), into: &written)
        #expect(written == documented)

        let columns = try Self.documented("csv").split(separator: "`")[0].components(separatedBy: ", ")
        let header = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).components(separatedBy: "\r\n")[0]
        #expect(header.components(separatedBy: ",") == columns)

        let rows = try Self.documented("sqlite").split(separator: "\n").filter { $0.hasPrefix("| `") }
        let tables = Dictionary(uniqueKeysWithValues: rows.map { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"]) }
            return (cells[0], cells[1].components(separatedBy: ", "))
        })
        let database = try DatabaseQueue(path: folder + "/out.sqlite")
        let actual = try await database.read { db in
            try Dictionary(uniqueKeysWithValues: tables.keys.map { table in
                (table, try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String })
            })
        }
        #expect(tables.count == 5)
        #expect(actual == tables)
    }
}
