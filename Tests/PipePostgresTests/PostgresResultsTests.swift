import Foundation
import PipeKit
import PipePostgres
import Testing

@Suite("PostgresResults", .enabled(if: TestServer.runs, Comment(rawValue: TestServer.skipMessage)))
struct PostgresResultsTests {
    func article(_ id: String, title: String, annotated: Bool) -> Article {
        var article = Article(id: id, source: "in.jsonl", date: CalendarDate(year: 2024, month: 12, day: 8), title: title,
                              body: "Amal Haddad said \"talks resume\" on 8 December 2024.")
        article.language = "en"
        if annotated {
            article.entities = [Entity(text: "Amal Haddad", type: .person, spans: [TextSpan(start: 0, end: 11)])]
            article.quotes = [Quote(text: "talks resume", speaker: "Amal Haddad", span: TextSpan(start: 18, end: 30))]
            article.dates = [DateMention(text: "8 December 2024", value: CalendarDate(year: 2024, month: 12, day: 8)!, span: nil)]
        }
        return article
    }

    @Test func upsertsEachArticleWithItsRecordAndReplacesItsAnnotations() async throws {
        try await TestServer.withSchema { connection, schema in
            let results = PostgresResults(table: try TableName("\(schema).results"))
            try await results.prepare(on: connection)
            try await results.prepare(on: connection)
            try await connection.transaction { connection in
                try await results.write([article("a1", title: "First", annotated: true), article("a2", title: "Second", annotated: false)], on: connection)
            }
            let rows = try await connection.execute("SELECT id, title, date, language, record->>'source' FROM \(schema).results ORDER BY id")
            #expect(rows.rows == [["a1", "First", "2024-12-08", "en", "in.jsonl"], ["a2", "Second", "2024-12-08", "en", "in.jsonl"]])
            #expect(try await connection.execute("SELECT article_id, text, type, count, spans::text FROM \(schema).results_entities").rows
                    == [["a1", "Amal Haddad", "person", "1", "[[0, 11]]"]])
            #expect(try await connection.execute("SELECT article_id, speaker, start, \"end\" FROM \(schema).results_quotes").rows
                    == [["a1", "Amal Haddad", "18", "30"]])
            #expect(try await connection.execute("SELECT article_id, value, precision, start FROM \(schema).results_dates").rows
                    == [["a1", "2024-12-08", "day", nil]])

            // Written again (a batch claimed twice after a crash): replaced, never doubled.
            try await results.write([article("a1", title: "First, again", annotated: true)], on: connection)
            #expect(try await connection.execute("SELECT title FROM \(schema).results WHERE id = 'a1'").rows == [["First, again"]])
            #expect(try await connection.execute("SELECT count(*) FROM \(schema).results_entities").rows == [["1"]])
            #expect(try await connection.execute("SELECT count(*) FROM \(schema).results_quotes").rows == [["1"]])
        }
    }

    @Test func aFencedWorkersResultsAreNeverCommitted() async throws {
        try await TestServer.withSchema { connection, schema in
            try await connection.execute("CREATE TABLE \(schema).articles (id text PRIMARY KEY, title text, body text)")
            try await connection.execute("INSERT INTO \(schema).articles VALUES ('a1', 'T', 'B')")
            let queue = PostgresQueue(input: try TableName("\(schema).articles"), lease: .seconds(60), worker: "w")
            try await queue.prepare(on: connection)
            let results = PostgresResults(table: try TableName("\(schema).results"))
            try await results.prepare(on: connection)
            let claim = try #require(try await queue.claim(1, on: connection))
            try await connection.execute("UPDATE \(schema).articles_pipe_queue SET lease_until = clock_timestamp() - interval '1 second'")
            let committed: Bool? = try? await connection.transaction { connection in
                try await results.write([article("a1", title: "T", annotated: true)], on: connection)
                guard try await queue.complete(claim, ids: claim.ids, on: connection) else { throw CancellationError() }
                return true
            }
            #expect(committed == nil)
            for table in ["results", "results_entities", "results_quotes", "results_dates"] {
                #expect(try await connection.execute("SELECT count(*) FROM \(schema).\(table)").rows == [["0"]], "\(table)")
            }
        }
    }
}
