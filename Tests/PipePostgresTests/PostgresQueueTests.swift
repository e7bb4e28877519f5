import Foundation
import PipeKit
import PipePostgres
import Testing

@Suite("PostgresQueue", .enabled(if: TestServer.runs, Comment(rawValue: TestServer.skipMessage)))
struct PostgresQueueTests {
    /// An input table of `count` articles in `schema`, and a queue over it.
    func queue(_ connection: PostgresConnection, _ schema: String, count: Int, lease: Duration, worker: String = "w1") async throws -> PostgresQueue {
        try await connection.execute("CREATE TABLE IF NOT EXISTS \(schema).articles (id bigint PRIMARY KEY, title text, body text NOT NULL, lang text)")
        try await connection.execute("""
            INSERT INTO \(schema).articles SELECT n, 'T' || n, 'Body ' || n, 'en' FROM generate_series(1, $1::int) n ON CONFLICT DO NOTHING
            """, [String(count)])
        let queue = PostgresQueue(input: try TableName("\(schema).articles"), lease: lease, worker: worker)
        try await queue.prepare(on: connection)
        return queue
    }

    @Test func claimsGiveWholeRowsInIDOrderAndCompletingDrainsTheQueue() async throws {
        try await TestServer.withSchema { connection, schema in
            let queue = try await queue(connection, schema, count: 5, lease: .seconds(30))
            let claim = try #require(try await queue.claim(3, on: connection))
            #expect(claim.ids == ["1", "2", "3"])
            let first = try JSONSerialization.jsonObject(with: Data(claim.rows[0].utf8)) as? [String: Any]
            #expect(first?["title"] as? String == "T1" && first?["lang"] as? String == "en", "every column, custom ones too")
            #expect(try await queue.status(on: connection) == .init(claimable: 2, leased: 3, done: 0))
            let done = try await connection.transaction { try await queue.complete(claim, ids: claim.ids, on: $0) }
            #expect(done)
            let rest = try #require(try await queue.claim(10, on: connection))
            #expect(rest.ids == ["4", "5"])
            #expect(try await queue.claim(10, on: connection) == nil)
            _ = try await queue.complete(rest, ids: rest.ids, on: connection)
            #expect(try await queue.status(on: connection).isDrained)
            let type = try await connection.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\(schema).articles_pipe_queue'::regclass AND attname = 'id'")
            #expect(type.rows == [["bigint"]], "the bookkeeping's id has the input's type")
        }
    }

    @Test func workersClaimingAtOnceNeverShareAnArticle() async throws {
        try await TestServer.withSchema { setup, schema in
            let url = try #require(TestServer.url)
            _ = try await queue(setup, schema, count: 2000, lease: .seconds(60))
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        let connection = try await PostgresConnection.connect(url)
                        let queue = PostgresQueue(input: try TableName("\(schema).articles"), lease: .seconds(60), worker: "w\(worker)")
                        var ids: [String] = []
                        while let claim = try await queue.claim(37, on: connection) { ids += claim.ids }
                        return ids
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let all = claimed.flatMap { $0 }
            #expect(all.count == 2000 && Set(all).count == 2000, "each article claimed once: \(all.count) claims of \(Set(all).count)")
            #expect(claimed.filter { !$0.isEmpty }.count > 1, "the workers shared the work")
        }
    }

    /// Ends a claim's lease now, as a worker stalled past it would find it (the queue compares
    /// leases with the server's clock, so the test does not depend on how fast it runs).
    func endLease(of claim: PostgresQueue.Claim, _ queue: PostgresQueue, on connection: PostgresConnection) async throws {
        try await connection.execute("""
            UPDATE \(queue.bookkeeping.quoted) SET lease_until = clock_timestamp() - interval '1 second' WHERE token = $1
            """, [claim.token])
    }

    @Test func aLeaseThatEndedIsTakenOverAndItsWorkerIsFenced() async throws {
        try await TestServer.withSchema { connection, schema in
            let url = try #require(TestServer.url)
            let stalled = try await queue(connection, schema, count: 3, lease: .seconds(60), worker: "stalled")
            let claim = try #require(try await stalled.claim(3, on: connection))
            #expect(try await stalled.renew(claim, on: connection), "a live lease renews")
            let other = try await PostgresConnection.connect(url)
            let live = PostgresQueue(input: try TableName("\(schema).articles"), lease: .seconds(60), worker: "live")
            #expect(try await live.claim(3, on: other) == nil, "a live lease keeps its articles")
            #expect(try await live.status(on: other) == .init(claimable: 0, leased: 3, done: 0))
            try await endLease(of: claim, stalled, on: connection)
            #expect(try await live.status(on: other) == .init(claimable: 3, leased: 0, done: 0))
            let takeover = try #require(try await live.claim(3, on: other))
            #expect(takeover.ids == claim.ids)

            // The stalled worker wakes: its renewal and its commit are refused.
            #expect(try await !stalled.renew(claim, on: connection))
            try await connection.execute("CREATE TABLE \(schema).results (id bigint PRIMARY KEY, worker text)")
            let committed: Bool? = try? await connection.transaction { connection in
                try await connection.execute("INSERT INTO \(schema).results SELECT id, 'stalled' FROM \(schema).articles")
                guard try await stalled.complete(claim, ids: claim.ids, on: connection) else { throw CancellationError() }
                return true
            }
            #expect(committed == nil, "the fenced transaction rolled back")
            #expect(try await connection.execute("SELECT count(*) FROM \(schema).results").rows == [["0"]])
            #expect(try await connection.transaction { try await live.complete(takeover, ids: takeover.ids, on: $0) })
            let row = try await connection.execute("SELECT state, claims FROM \(schema).articles_pipe_queue WHERE id = 1")
            #expect(row.rows == [["done", "2"]])
        }
    }

    @Test func aLeaseEndsWithTheServersClockAndAStalledWorkerIsFencedEvenUnclaimed() async throws {
        try await TestServer.withSchema { connection, schema in
            // A real lease, left to end: only a lower bound on time is assumed, so a loaded machine passes too.
            let queue = try await queue(connection, schema, count: 2, lease: .seconds(1))
            let claim = try #require(try await queue.claim(2, on: connection))
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await queue.status(on: connection) == .init(claimable: 2, leased: 0, done: 0))
            #expect(try await !queue.complete(claim, ids: claim.ids, on: connection), "a lease that ended fences its worker")
        }
    }

    @Test func aMissingTableIsNamed() async throws {
        try await TestServer.withSchema { connection, schema in
            let queue = PostgresQueue(input: try TableName("\(schema).nothing"), lease: .seconds(5), worker: "w")
            await #expect {
                try await queue.prepare(on: connection)
            } throws: { error in
                (error as? PipeError)?.message == "the table `\(schema).nothing` has no `id` column, or does not exist"
            }
        }
    }
}

@Suite("TableName")
struct TableNameTests {
    @Test(arguments: ["articles", "news.articles", "_a1"])
    func takesPlainNames(name: String) throws {
        #expect(try TableName(name).description == name)
    }

    @Test(arguments: ["", "1a", "a.b.c", "a;drop table x", "a\"b", "na me", String(repeating: "a", count: 51)])
    func refusesOthers(name: String) {
        #expect(throws: PipeError.self) { try TableName(name) }
    }

    @Test func quotesForSQL() throws {
        #expect(try TableName("news.articles").quoted == #""news"."articles""#)
    }
}
