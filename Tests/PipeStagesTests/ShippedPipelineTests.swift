import Foundation
import GRDB
import PipeKit
import PipeStages
import Testing

/// End-to-end runs of `Pipelines/syria.yaml` through the library, as `pipe run` does them.
@Suite("Shipped pipelines")
struct ShippedPipelineTests {
    func load(_ file: String = "Pipelines/syria.yaml", output: String, input: String? = nil) throws -> PipelineDefinition {
        let loader = PipelineLoader(registry: BuiltinStages.registry, environment: ["PIPE_OUT": output])
        var definition = try loader.load(file: Fixtures.packageRoot + "/" + file, input: input)
        if input == nil { definition.input.path = Fixtures.packageRoot + "/" + definition.input.path }
        return definition
    }

    @Test func syriaRunsOverTheSamples() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load(output: folder).run()
        #expect(summary.read >= 6)
        #expect(summary.written == summary.read)
        #expect(summary.outcome == .completed)
        let lines = try String(contentsOfFile: folder + "/syria.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == summary.read)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?.keys.sorted() == ["body", "date", "dates", "entities", "id", "keywords", "language",
                                         "language_confidence", "quotes", "source", "title", "translation", "url"])
        #expect(first?["id"] as? String == "001-damascus-talks")
        #expect((first?["body"] as? String)?.contains("told reporters. The meeting") == true)
        #expect(try String(contentsOfFile: folder + "/syria.dead-letter.jsonl", encoding: .utf8).isEmpty)
        let french = try #require(lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["id"] as? String == "005-reconstruction-fr" })
        #expect(french["language"] as? String == "fr")
        #expect((french["translation"] as? [String: Any])?["backend"] as? String == "stub")
        let database = try DatabaseQueue(path: folder + "/syria.sqlite")
        let count = try await database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM articles") }
        #expect(count == summary.read)
    }

    func records(_ file: String) throws -> [[String: Any]] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func csvMapsItsColumnsAndReadsEveryDate() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load("Pipelines/csv.yaml", output: folder).run()
        #expect(summary.read == 5)
        #expect(summary.written == 5)
        let articles = try records(folder + "/csv.jsonl")
        #expect(articles.map { $0["id"] as? String } == ["harbour-01", "harbour-02", "schools-01", "power-01", "articles:14"])
        #expect(articles.map { $0["date"] as? String } == ["2024-11-28", "2024-11-29", "2024-12-02", "2024-12-04", "2024-12-05"])
        // With a time: the instant in UTC; Unix seconds placed in `input.timezone` (Asia/Damascus, +03:00).
        #expect(articles.map { $0["published_at"] as? String }
                == ["2024-11-28T05:45:00Z", "2024-11-29T14:20:00Z", nil, "2024-12-04T11:00:00Z", nil])
        #expect(articles[0]["title"] as? String == "Harbour authority reopens the northern quay")
        #expect(articles[0]["section"] as? String == "economy")
        #expect(articles[0]["headline"] == nil)
        let csv = try String(contentsOfFile: folder + "/csv.csv", encoding: .utf8)
        #expect(csv.hasPrefix("id,source,date,published_at,url,title,body,"))
    }

    @Test func apiJSONReadsTheArrayOfACompressedDocument() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load("Pipelines/api-json.yaml", output: folder).run()
        #expect(summary.read == 3)
        #expect(summary.written == 3)
        let articles = try records(folder + "/api-json.jsonl")
        #expect(articles.map { $0["id"] as? String } == ["newsapi:1", "newsapi:2", "newsapi:3"])
        #expect(articles.map { $0["published_at"] as? String }
                == ["2024-12-03T09:15:00Z", "2024-12-04T10:40:00Z", "2024-12-06T11:00:00Z"])
        #expect(articles[1]["date"] as? String == "2024-12-04")
        #expect(articles[0]["author"] as? String == "Nadia Salem")
        #expect((articles[0]["body"] as? String)?.hasPrefix("A passenger ferry sailed") == true)
    }

    @Test func htmlFindsTheMainTextAndMetadataOfThePages() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load("Pipelines/html.yaml", output: folder).run()
        #expect(summary.written == 2)
        let pages = try records(folder + "/html.jsonl")
        #expect(pages.map { $0["id"] as? String } == ["harbour-reopens", "museum-galleries"])
        #expect(pages.map { $0["title"] as? String } == ["Harbour reopens after the storm", "Le musée d'Idleb rouvre deux salles"])
        #expect(pages.map { $0["published_at"] as? String } == ["2024-12-02T05:30:00Z", "2024-12-06T11:00:00Z"])
        #expect(pages.map { $0["author"] as? String } == ["Nadia Salem", "Maya Darwish"])
        #expect(pages[0]["canonical_url"] as? String == "https://example.org/coast/harbour-reopens")
        let bodies = pages.compactMap { $0["body"] as? String }
        #expect(bodies.map { $0.components(separatedBy: "\n\n").count } == [3, 2])
        for unwanted in ["cookies", "Advertisement", "More from the coast", "Partager", "bonne nouvelle", "All rights reserved"] {
            #expect(!bodies.joined().contains(unwanted), "\(unwanted)")
        }
        #expect(pages[1]["language"] as? String == "fr")
    }

    @Test func warcMakesArticlesOfThePagesOfACrawlAndFiltersTheRest() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load("Pipelines/warc.yaml", output: folder).run()
        #expect(summary.read == 6 && summary.written == 2 && summary.filtered == 4)
        let pages = try records(folder + "/warc.jsonl")
        #expect(pages.map { $0["id"] as? String } == ["harbour-crawl:3", "harbour-crawl:5"])
        #expect(pages.map { $0["url"] as? String } == ["https://example.org/valley/bridge-lorries", "https://example.net/port/ferry-latakia"])
        // The bridge page gives no date: its fetch date is used; the ferry page's own date wins over its fetch date.
        #expect(pages.map { $0["published_at"] as? String } == ["2024-12-09T08:15:00Z", "2024-12-08T13:40:00Z"])
        // Chunked, and windows-1251 by its HTTP header alone.
        #expect(pages.map { $0["title"] as? String } == ["Bridge over the Orontes opens to lorries", "Паром снова ходит в Латакию"])
        #expect(pages.map { ($0["body"] as? String)?.components(separatedBy: "\n\n").count } == [3, 2])
        #expect(pages.map { $0["language"] as? String } == ["en", "ru"])
        #expect((pages[0]["warc_record_id"] as? String)?.hasPrefix("<urn:uuid:") == true)
    }

    @Test func feedMakesArticlesOfTheItemsOfRSSAndAtomFeeds() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try await load("Pipelines/feed.yaml", output: folder).run()
        #expect(summary.read == 4 && summary.written == 4)
        let items = try records(folder + "/feed.jsonl")
        #expect(items.map { $0["id"] as? String } == ["urn:example:coast:ferry-cyprus", "urn:example:coast:harbour-cranes",
                                                      "valley-2024-1187", "valley-gazette:2"])
        #expect(items.map { $0["title"] as? String } == ["Ferry to Cyprus sails again", "Harbour cranes back on their rails",
                                                         "Bridge over the Orontes opens to lorries", "Olive harvest & prices: a good year at last"])
        #expect(items.map { $0["published_at"] as? String } == ["2024-12-07T06:00:00Z", "2024-12-05T15:20:00Z",
                                                                "2024-12-08T07:30:00Z", "2024-12-06T17:05:00Z"])
        #expect(items.map { ($0["body"] as? String)?.components(separatedBy: "\n\n").count } == [2, 2, 3, 2])
        #expect(items[3]["url"] as? String == "https://example.org/valley/olive-harvest?ref=rss&src=feed")
        #expect(items.map { $0["feed_title"] as? String } == ["Coast Courier", "Coast Courier", "Valley Gazette", "Valley Gazette"])
    }

    @Test func theSameInputGivesTheSameBytes() async throws {
        let one = try Fixtures.temporaryFolder(), two = try Fixtures.temporaryFolder()
        defer { for folder in [one, two] { try? FileManager.default.removeItem(atPath: folder) } }
        try await load(output: one).run()
        try await load(output: two).run()
        let first = try Data(contentsOf: URL(fileURLWithPath: one + "/syria.jsonl"))
        let second = try Data(contentsOf: URL(fileURLWithPath: two + "/syria.jsonl"))
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func brokenArticlesAreDeadLetteredAndCounted() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try " date 2024-01-02 u\n\nGood\n\nGood body.\n".write(toFile: input + "/1-good.txt", atomically: false, encoding: .utf8)
        try "".write(toFile: input + "/2-empty.txt", atomically: false, encoding: .utf8)
        try " date 2024-01-02 u\n\n".write(toFile: input + "/3-header-only.txt", atomically: false, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00]).write(to: URL(fileURLWithPath: input + "/4-binary.txt"))
        try Data(Array(" date 2024-01-02 u\n\nT\n\nBad \u{FF}".utf8) + [0xFF]).write(to: URL(fileURLWithPath: input + "/5-latin1.txt"))
        try "no header\n\nbody\n".write(toFile: input + "/6-no-header.txt", atomically: false, encoding: .utf8)
        let summary = try await load(output: folder + "/out", input: input).run()
        #expect(summary.read == 6)
        #expect(summary.written == 1)
        #expect(summary.deadLettered == 5)
        #expect(summary.isBalanced)
        let lines = try String(contentsOfFile: folder + "/out/syria.dead-letter.jsonl", encoding: .utf8).split(separator: "\n")
        let letters = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(letters.map { $0["id"] as? String } == ["2-empty", "3-header-only", "4-binary", "5-latin1", "6-no-header"])
        #expect(letters.allSatisfy { $0["stage"] as? String == "parse" })
        #expect(letters[0]["error"] as? String == "the record is empty")
        #expect((letters[4]["raw"] as? String) == "no header\n\nbody\n")
        #expect(Set(letters[0].keys) == ["id", "source", "stage", "error", "raw", "format"])
        #expect(letters[0]["format"] as? String == "dated-text")
    }

    @Test func severalExportsFollowOneAnother() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = """
            input: {path: \(Fixtures.packageRoot)/Pipelines/samples}
            stages:
              - type: parse
              - type: export
                id: raw
                options: {path: \(folder)/raw.jsonl}
              - type: normalize
                concurrency: auto
              - type: export
                id: clean
                on_error: dead-letter
                options: {path: \(folder)/clean.jsonl}
            """
        let definition = try PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: "two.yaml")
        #expect(definition.deadLetterPath == folder + "/raw.dead-letter.jsonl")
        let summary = try await definition.run()
        #expect(summary.stages.map(\.stageID) == ["parse", "raw", "normalize", "clean"])
        let raw = try String(contentsOfFile: folder + "/raw.jsonl", encoding: .utf8).split(separator: "\n")
        let clean = try String(contentsOfFile: folder + "/clean.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(raw.count == summary.read && clean.count == summary.read)
        #expect(raw[0].contains("told reporters.The meeting"))
        #expect(clean[0].contains("told reporters. The meeting"))
    }
}
