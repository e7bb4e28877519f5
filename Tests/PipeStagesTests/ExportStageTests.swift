import Foundation
import GRDB
import SwiftCSV
import PipeKit
@testable import PipeStages
import PipeTesting
import Testing

@Suite("ExportStage")
struct ExportStageTests {
    @Test func writesJSONLinesAtomicallyAndPassesArticlesOn() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/deep/er/out.jsonl"
        let stage = try ExportStage(options: .init(path: path))
        try await stage.start(context: Fixtures.context)
        let article = Article(id: "x", source: "s", date: CalendarDate("2020-01-02"), url: "u", title: "T", body: "B\n\nC")
        let passed = try await stage.process(article, context: Fixtures.context)
        #expect(passed == article)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing under the final name before the end")
        try await stage.finish(.completed, context: Fixtures.context)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == #"{"id":"x","source":"s","date":"2020-01-02","url":"u","title":"T","body":"B\n\nC"}"# + "\n")
        #expect(stage.outputFiles == [path])
    }

    @Test func aFailedRunLeavesThePreviousFile() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
        let stage = try ExportStage(options: .init(path: path))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Article(id: "x", source: "s", title: "T", body: "B"), context: Fixtures.context)
        try await stage.finish(.failed, context: Fixtures.context)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.jsonl"])
    }

    @Test func anInterruptedRunPublishesWhatItWrote() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stage = try ExportStage(options: .init(path: folder + "/o.jsonl"))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Article(id: "x", source: "s", title: "T", body: "B"), context: Fixtures.context)
        try await stage.finish(.interrupted(signal: 2), context: Fixtures.context)
        #expect(try String(contentsOfFile: folder + "/o.jsonl", encoding: .utf8).hasPrefix(#"{"id":"x""#))
    }

    @Test func anEmptyPathIsRejected() {
        #expect(throws: OptionError.self) { try ExportStage(options: .init(path: "  ")) }
    }

    /// A setup whose input is a queue (`format: postgres`) when `queue` is set.
    static func setup(queue: Bool) throws -> StageSetup {
        var input = InputSpec(path: "in", format: .jsonl)
        if queue { input.queue = QueueInput(url: "postgres://h/db", table: try TableName("articles")) }
        return StageSetup(pipeline: "p", stageID: "export", input: input)
    }

    /// Export options from `format`, then `key=value` pairs.
    static func options(_ format: ExportStage.Format, _ pairs: [String: String] = [:]) -> ExportStage.Options {
        var options = ExportStage.Options()
        options.format = format
        (options.path, options.url, options.table) = (pairs["path"], pairs["url"], pairs["table"])
        return options
    }

    @Test(arguments: [
        (ExportStage.Format.postgres, ["table": "results"], false,
         "an export to `postgres` commits in the transaction of a claim, and needs `input.format: postgres`"),
        (.jsonl, ["path": "out/a.jsonl"], true, "a pipeline reading `format: postgres` runs on several workers at once, and cannot export to a file"),
        (.postgres, [:], true, "an export to `postgres` needs the option `table`"),
        (.postgres, ["table": "results", "path": "o.jsonl"], true, "an export to `postgres` writes a table, not `path`"),
        (.postgres, ["table": "results", "url": "postgres://other/db"], true,
         "an export to `postgres` writes to the input's database, in the transaction of its claim"),
        (.postgres, ["table": "a-b"], true, "`a-b` is not a table name Pipe takes"),
        (.jsonl, [:], false, "`path` is missing"),
        (.jsonl, ["path": "o.jsonl", "table": "t"], false, "option `table` is for `format: postgres`"),
    ])
    func aPostgresExportIsCheckedAgainstTheInput(format: ExportStage.Format, pairs: [String: String], queue: Bool, message: String) throws {
        #expect {
            try ExportStage(options: Self.options(format, pairs), setup: Self.setup(queue: queue))
        } throws: { error in
            (error as? OptionError)?.message == message
        }
    }

    @Test func aPostgresExportWritesNoFileAndEncodesItsBatchForTheCommit() throws {
        let stage = try ExportStage(options: Self.options(.postgres, ["table": "news.results", "url": "postgres://h/db"]),
                                    setup: Self.setup(queue: true))
        #expect(stage.outputFiles.isEmpty && stage.mergeLogKind == nil)
        let articles = [Article(id: "a", source: "s", title: "T", body: "B"), Article(id: "b", source: "s", title: "U", body: "C")]
        let encoded = stage.encode(articles, context: Fixtures.context).text
        let records = try #require(try JSONSerialization.jsonObject(with: Data(encoded)) as? [[String: Any]])
        #expect(records.map { $0["id"] as? String } == ["a", "b"])
        #expect(records.map { $0["body"] as? String } == ["B", "C"])
    }

    @Test func anUnwritableFolderIsAnIOErrorAtStart() async throws {
        let stage = try ExportStage(options: .init(path: "/proc/pipe-cannot-write-here/out.jsonl"))
        await #expect {
            try await stage.start(context: Fixtures.context)
        } throws: { error in
            (error as? PipeError)?.code == .io
        }
    }
}

/// Every export format, written through the stage and read back with an independent reader.
@Suite("ExportStage formats")
struct ExportFormatTests {
    static let articles: [Article] = {
        var first = Article(id: "a1", source: "in/a1.txt", date: CalendarDate("2024-12-08"), url: "https://example.org/1",
                            title: "Talks, \"at last\"", body: "Line one, with a comma.\n\nSecond \"quoted\" paragraph.")
        first.language = "en"
        first.languageConfidence = 0.9
        first.entities = [Entity(text: "Damascus", type: .location, spans: [TextSpan(start: 0, end: 4)]),
                          Entity(text: "Geir Pedersen", type: .person, spans: [TextSpan(start: 5, end: 9), TextSpan(start: 10, end: 12)])]
        first.quotes = [Quote(text: "quoted", speaker: "UN", span: TextSpan(start: 32, end: 38))]
        first.dates = [DateMention(text: "2024-12-08", value: CalendarDate("2024-12-08")!, span: nil)]
        first.keywords = [Keyword(text: "talks", score: 0.05)]
        first.fields = ["reading_minutes": 2]
        let second = Article(id: "a2", source: "in/a2.txt", title: "Plain", body: "Nothing found.")
        return [first, second]
    }()

    func write(_ format: ExportStage.Format) async throws -> (folder: String, path: String) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/out." + format.rawValue
        let stage = try ExportStage(options: .init(format: format, path: path))
        try await stage.start(context: Fixtures.context)
        for article in Self.articles { _ = try await stage.process(article, context: Fixtures.context) }
        try await stage.finish(.completed, context: Fixtures.context)
        return (folder, path)
    }

    @Test func csvReadsBackWithACSVParser() async throws {
        let (folder, path) = try await write(.csv)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = try CSV<Named>(url: URL(fileURLWithPath: path))
        #expect(csv.header.first == "id")
        #expect(csv.rows.count == 2)
        #expect(csv.rows[0]["title"] == "Talks, \"at last\"")
        #expect(csv.rows[0]["body"] == "Line one, with a comma.\n\nSecond \"quoted\" paragraph.")
        #expect(csv.rows[0]["persons"] == "Geir Pedersen")
        #expect(csv.rows[0]["locations"] == "Damascus")
        #expect(csv.rows[0]["quotes"] == "UN: quoted")
        #expect(csv.rows[0]["language_confidence"] == "0.9")
        #expect(csv.rows[1]["date"] == "")
        #expect(csv.rows[1]["persons"] == "")
    }

    @Test func sqliteReadsBackWithGRDB() async throws {
        let (folder, path) = try await write(.sqlite)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try DatabaseQueue(path: path)
        try await database.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT id FROM articles ORDER BY rowid") == ["a1", "a2"])
            #expect(try String.fetchOne(db, sql: "SELECT title FROM articles WHERE id = 'a1'") == "Talks, \"at last\"")
            #expect(try String.fetchOne(db, sql: "SELECT fields FROM articles WHERE id = 'a1'") == #"{"reading_minutes":2}"#)
            let entities = try Row.fetchAll(db, sql: "SELECT text, type, count, spans FROM entities WHERE article_id = 'a1' ORDER BY rowid")
            #expect(entities.map { $0["text"] as String } == ["Damascus", "Geir Pedersen"])
            #expect(entities[1]["count"] as Int == 2)
            #expect(entities[1]["spans"] as String == "[[5,9],[10,12]]")
            let quote = try #require(try Row.fetchOne(db, sql: #"SELECT text, speaker, start, "end" FROM quotes"#))
            #expect(quote["speaker"] as String == "UN")
            #expect(quote["end"] as Int == 38)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM keywords") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dates WHERE start IS NULL") == 1)
            // The indexes by article are made at the end, before the database is published.
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_article' ORDER BY name")
                == ["dates_by_article", "entities_by_article", "keywords_by_article", "quotes_by_article"])
            let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT text FROM entities WHERE article_id = 'a1'", adapter: SuffixRowAdapter(fromIndex: 3))
            #expect(plan.contains { $0.contains("entities_by_article") })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.sqlite"])
    }

    @Test func sqliteRejectsADuplicateIdAndKeepsTheRest() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stage = try ExportStage(options: .init(format: .sqlite, path: folder + "/d.sqlite"))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Self.articles[0], context: Fixtures.context)
        await #expect(throws: PipeError.self) { try await stage.process(Self.articles[0], context: Fixtures.context) }
        _ = try await stage.process(Self.articles[1], context: Fixtures.context)
        try await stage.finish(.completed, context: Fixtures.context)
        let count = try await DatabaseQueue(path: folder + "/d.sqlite").read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entities") }
        #expect(count == 2, "the rejected copy left no rows behind")
    }

    @Test(arguments: [ExportStage.Format.jsonl, .csv])
    func textFormatsWriteEveryArticleOfADuplicateId(format: ExportStage.Format) async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/d.\(format.rawValue)"
        var second = Self.articles[1]
        second.id = Self.articles[0].id
        let run = try await StageTest.run(try ExportStage(options: .init(format: format, path: path)),
                                          over: [Self.articles[0], second])
        #expect(run.failures.isEmpty && run.outputs.count == 2)
        let rows: [(id: String?, title: String?)]
        if format == .csv {
            rows = try CSV<Named>(url: URL(fileURLWithPath: path)).rows.map { ($0["id"], $0["title"]) }
        } else {
            rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return (object?["id"] as? String, object?["title"] as? String)
            }
        }
        #expect(rows.map(\.id) == ["a1", "a1"])
        #expect(rows.map(\.title) == [Self.articles[0].title, Self.articles[1].title])
    }

    @Test func sqliteTellsTheDuplicateInABatchByItsIndex() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stage = try ExportStage(options: .init(format: .sqlite, path: folder + "/b.sqlite"))
        try await stage.start(context: Fixtures.context)
        let batch = [Self.articles[0], Self.articles[1], Self.articles[0]]
        let failures = try stage.write(stage.encode(batch, context: Fixtures.context), context: Fixtures.context)
        #expect(failures.keys.sorted() == [2])
        #expect((failures[2] as? PipeError)?.message == "another article has the id `\(Self.articles[0].id)`")
        try await stage.finish(.completed, context: Fixtures.context)
        let count = try await DatabaseQueue(path: folder + "/b.sqlite").read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM articles") }
        #expect(count == 2)
    }

    @Test func aFailedRunLeavesNoDatabase() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stage = try ExportStage(options: .init(format: .sqlite, path: folder + "/f.sqlite"))
        try await stage.start(context: Fixtures.context)
        _ = try await stage.process(Self.articles[0], context: Fixtures.context)
        try await stage.finish(.failed, context: Fixtures.context)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func sqliteResumesAfterAKillDuringItsPublish() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/k.sqlite"
        var third = Self.articles[0]
        third.id = "a3"
        let writer = try SQLiteWriter(path: path, token: "killedduringpub0", resuming: nil)
        _ = try writer.write(ExportStage.Format.sqlite.encode([Self.articles[0]]))
        let position = try writer.checkpoint()
        // Rows with annotations after the checkpoint, published: the run is killed before it
        // removes its checkpoint, so the resumed run continues from the published copy.
        _ = try writer.write(ExportStage.Format.sqlite.encode([third]))
        try writer.publishAlone()
        let resumed = try SQLiteWriter(path: path, token: "killedduringpub0", resuming: position)
        _ = try resumed.write(ExportStage.Format.sqlite.encode([Self.articles[1], third]))
        try resumed.publishAlone()
        let (ids, owners) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT id FROM articles ORDER BY rowid"),
             try String.fetchAll(db, sql: "SELECT article_id FROM entities ORDER BY rowid"))
        }
        #expect(ids == ["a1", "a2", "a3"])
        #expect(owners == ["a1", "a1", "a3", "a3"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["k.sqlite"])
    }

    /// A run that keeps checkpoints, killed after it published its database and before its
    /// checkpoint went, resumes the database it staged (kept until the checkpoint goes, by the
    /// ledger) and ends with a whole run's bytes; `Scripts/faults.sh` found the difference.
    @Test func aKillAfterPublishingResumesToTheBytesOfAWholeRun() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func run(_ name: String, killedAfterPublishing: Bool) async throws -> Data {
            let store = try CheckpointStore(folder: folder + "/state-" + name)
            var context = Fixtures.context
            context.stateStore = store
            context.stagingToken = try store.startOver(outputs: [folder + "/" + name + ".sqlite"])
            let stage = try ExportStage(options: .init(format: .sqlite, path: folder + "/" + name + ".sqlite"))
            try await stage.start(context: context)
            _ = try stage.write(stage.encode([Self.articles[0]], context: context), context: context)
            let position = try await stage.checkpoint(context: context)
            _ = try stage.write(stage.encode([Self.articles[1]], context: context), context: context)
            context.publication = Publication()
            try await stage.finish(.completed, context: context)
            try context.publication?.publish()
            if killedAfterPublishing {
                // The checkpoint is still there: resume from it, with the run's token.
                try await stage.resume(from: position, context: context)
                _ = try stage.write(stage.encode([Self.articles[1]], context: context), context: context)
                context.publication = Publication()
                try await stage.finish(.completed, context: context)
                try context.publication?.publish()
            }
            store.clear(removingFolder: true)
            return try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".sqlite"))
        }
        let whole = try await run("whole", killedAfterPublishing: false)
        let resumed = try await run("resumed", killedAfterPublishing: true)
        #expect(resumed == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["resumed.sqlite", "whole.sqlite"])
    }

    @Test func aFailedResumeKeepsTheStagedDatabaseForTheNext() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/r.sqlite"
        let position = try {
            let writer = try SQLiteWriter(path: path, token: "failedresume0000", resuming: nil)
            _ = try writer.write(ExportStage.Format.sqlite.encode([Self.articles[0]]))
            return try writer.checkpoint()
        }()
        #expect(throws: PipeError.self) {
            _ = try SQLiteWriter(path: path, token: "failedresume0000", resuming: ["rows.articles": 99])
        }
        let resumed = try SQLiteWriter(path: path, token: "failedresume0000", resuming: position)
        _ = try resumed.write(ExportStage.Format.sqlite.encode([Self.articles[1]]))
        try resumed.publishAlone()
        let ids = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT id FROM articles ORDER BY rowid") }
        #expect(ids == ["a1", "a2"])
    }

    @Test func markdownIsAReadableReport() async throws {
        let (folder, path) = try await write(.markdown)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("## Talks, \"at last\"\n\n**id** a1 · **date** 2024-12-08 · **language** en (90 %) · **words** 8\n"))
        #expect(text.contains("- person: Geir Pedersen ×2"))
        #expect(text.contains("- “quoted” — UN"))
        #expect(text.contains("**Keywords**: talks"))
        #expect(text.contains("\n## Plain\n"))
    }
}

@Suite("SQLiteWriter")
struct SQLiteWriterTests {
    @Test func aFullDiskIsWordedAsTheOtherWritersWordIt() {
        let full = DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")
        #expect(SQLiteWriter.reason(full) == "No space left on device (database or disk is full)")
        let other = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        #expect(SQLiteWriter.reason(other) == "\(other)")
    }
}

extension SQLiteWriter {
    /// Stages the database and publishes it at once, as a run with no other output does.
    func publishAlone() throws {
        let publication = Publication()
        try stage(in: publication, resumable: false)
        try publication.publish()
    }
}
