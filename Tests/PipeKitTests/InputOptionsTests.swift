import Foundation
@testable import PipeKit
import Testing

@Suite("InputOptions")
struct InputOptionsTests {
    let loader = PipelineLoader(registry: TestRegistry.registry, environment: [:])

    func load(_ inputLines: String) throws -> PipelineDefinition {
        try loader.load(yaml: "pipeline: t\ninput:\n  path: in\n" + inputLines + "\nstages:\n  - type: parse\n", file: "p.yaml")
    }

    @Test func readsEveryInputOption() throws {
        let definition = try load("""
              format: csv
              delimiter: ";"
              encoding: windows-1252
              timezone: Europe/Berlin
              fields: {id: article_id, title: headline, date: meta.published}
            """)
        #expect(definition.input.format == .csv)
        #expect(definition.input.delimiter == UInt8(ascii: ";"))
        #expect(definition.input.encoding == "windows-1252")
        #expect(definition.input.timeZone.description == "Europe/Berlin")
        #expect(definition.input.fields.sources == ["id": "article_id", "title": "headline", "date": "meta.published"])
        #expect(definition.input.fields.path(of: .date) == ["meta", "published"])
        #expect(try load("  format: tsv").input.delimiter == 0x09)
        #expect(try load("  format: json\n  records: data.items").input.recordsPath == ["data", "items"])
    }

    @Test(arguments: [
        ("  format: csv\n  delimiter: ab", 5, 14, "option `delimiter` of `input` expects one character other than a quote or a line break, got `ab`"),
        ("  format: jsonl\n  delimiter: \";\"", 5, 14, "option `delimiter` of `input` is for `format: csv`"),
        ("  format: jsonl\n  records: articles", 5, 12, "option `records` of `input` is for `format: json`"),
        ("  format: csv\n  encoding: klingon-8", 5, 13, "iconv does not know the encoding `klingon-8`"),
        ("  format: warc\n  encoding: KOI8-R", 5, 13, "option `encoding` of `input` is not for `format: warc`: pages and feeds say their own charset"),
        ("  format: text\n  fields: {title: headline}", 5, 11, "option `fields` of `input` is for the formats of objects, jsonl, csv, tsv, json"),
        ("  format: jsonl\n  timezone: Mars/Olympus", 5, 13, "option `timezone` of `input` expects a time zone, got `Mars/Olympus`"),
        ("  format: jsonl\n  fields: {headline: title}", 5, 22,
         "option `fields.headline` of `input` expects a mapping of id, title, body, date or url to keys, got `title`"),
    ] as [(String, Int, Int, String)])
    func aWrongOptionIsReportedAtItsValue(lines: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: PipelineFileError.self) { try load(lines) }
        let first = try #require(error.diagnostics.first)
        #expect(first.message.hasPrefix(message))
        #expect(first.location?.line == line)
        #expect(first.location?.column == column)
    }
}
