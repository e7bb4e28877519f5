import Foundation
import PipeKit
import PipePostgres
import Testing

/// `pipe run` over a PostgreSQL table shared as a work queue, against a real server: several
/// `pipe` processes, killed and stopped as machines are, must commit every article exactly once,
/// with the records a single file run gives.
@Suite("pipe run over a PostgreSQL queue", .serialized, .enabled(if: QueueDatabase.runs, Comment(rawValue: QueueDatabase.skipMessage)))
struct QueueCommandTests {
    /// Articles in the three-worker test: 3,000 here; `Scripts/queue-workers.sh` runs 50,000 through the release `pipe`.
    static let workerArticles = Int(ProcessInfo.processInfo.environment["PIPE_QUEUE_TEST_ARTICLES"] ?? "") ?? 3_000

    /// A folder with the queue's pipeline and the file run's, its input and its output.
    static func prepare(_ database: QueueDatabase, articles: Int) async throws -> String {
        let folder = try temporaryFolder()
        let rows = QueueDatabase.articles(articles)
        try await database.insert(rows)
        try QueueDatabase.writeJSONLines(rows, to: folder + "/in.jsonl")
        let (queue, file) = database.pipelines()
        try queue.write(toFile: folder + "/queue.yaml", atomically: true, encoding: .utf8)
        try file.write(toFile: folder + "/file.yaml", atomically: true, encoding: .utf8)
        let fileRun = try await PipeProcess.run(["run", "file.yaml", "-q"], in: folder)
        #expect(fileRun.status == 0, "\(fileRun.error)")
        return folder
    }

    @Test func oneWorkerCommitsTheFileRunsRecordsAndItsDeadLettersToTables() async throws {
        let database = try await QueueDatabase.create()
        let folder = try await Self.prepare(database, articles: 1_200)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await PipeProcess.run(["run", "queue.yaml", "--stats", "stats.json"], in: folder, environment: ["PIPE_WORKER": "solo"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("worker solo: 24 claims, 1200 articles committed\n"))
        #expect(try await database.differences(fromJSONLines: folder + "/out.jsonl", results: "results") == 0)
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).results") == 1_199)
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).results_entities") > 1_199)
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).results_quotes") == 1_199)
        let letters = try await database.connection.execute("SELECT id, stage, worker, format FROM \(database.schema).articles_pipe_dead_letters")
        #expect(letters.rows == [["997", "parse", "solo", "postgres"]])
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).articles_pipe_queue WHERE state = 'done'") == 1_200)
        let stats = try String(contentsOfFile: folder + "/stats.json", encoding: .utf8)
        #expect(stats.contains(#""claims":{"worker":"solo","claims":24,"committed":1200,"lost":0,"copies":0}"#))
        // The queue is the checkpoint: no `.pipe` folder, and a second run finds nothing to do.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["file.yaml", "in.jsonl", "out.dead-letter.jsonl", "out.jsonl", "queue.yaml", "stats.json"])
        let again = try await PipeProcess.run(["run", "queue.yaml"], in: folder, environment: ["PIPE_WORKER": "solo"])
        #expect(again.status == 0 && again.error.contains("worker solo: 0 claims, 0 articles committed"))
        await database.drop()
    }

    @Test func threeWorkersOneKilledOneStoppedPastItsLeaseCommitEveryArticleOnce() async throws {
        let database = try await QueueDatabase.create()
        let count = Self.workerArticles
        let folder = try await Self.prepare(database, articles: count)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let schema = database.schema
        let workers = try ["a", "b", "c"].map { name in
            try PipeProcess(["run", "queue.yaml", "--stats", "stats-\(name).json"], in: folder, environment: ["PIPE_WORKER": name])
        }
        let results = "SELECT count(*) FROM \(schema).results"
        // a: killed with SIGKILL once a third is done.
        try await waitUntil("a third of the results") { (try? await database.count(results)) ?? 0 >= count / 3 }
        kill(workers[0].process.processIdentifier, SIGKILL)
        // b: stopped while it holds a lease, until another worker has taken its articles over.
        let held = "SELECT count(*) FROM \(schema).articles_pipe_queue WHERE worker = 'b' AND state = 'leased'"
        try await waitUntil("b stopped holding a lease") {
            kill(workers[1].process.processIdentifier, SIGSTOP)
            if try await database.count(held) > 0 { return true }
            kill(workers[1].process.processIdentifier, SIGCONT)
            try await Task.sleep(for: .milliseconds(100))
            return false
        }
        try await waitUntil("b's articles taken over") { try await database.count(held) == 0 }
        kill(workers[1].process.processIdentifier, SIGCONT)
        let ended = await [workers[0].wait(), workers[1].wait(), workers[2].wait()]
        #expect(ended[0].status == 9, "a was killed")
        #expect(ended[1].status == 0 && ended[2].status == 0, "b: \(ended[1].error)\nc: \(ended[2].error)")
        #expect(ended[1].error.contains("worker b: dropped "), "b's commit was fenced: \(ended[1].error)")
        let stats = try String(contentsOfFile: folder + "/stats-b.json", encoding: .utf8)
        #expect(!stats.contains(#""lost":0,"#), "b counts what it dropped: \(stats)")
        // Every article exactly once, as the file run gives it.
        #expect(try await database.count(results) == count - count / 997)
        #expect(try await database.count("SELECT count(DISTINCT id) FROM \(schema).results") == count - count / 997)
        #expect(try await database.count("SELECT count(*) FROM \(schema).articles_pipe_queue WHERE state = 'done'") == count)
        #expect(try await database.count("SELECT count(*) FROM \(schema).articles_pipe_dead_letters") == count / 997)
        #expect(try await database.differences(fromJSONLines: folder + "/out.jsonl", results: "results") == 0)
        await database.drop()
    }

    @Test func dedupeKeepsOneCopyOfEachBodyAcrossWorkersAndRuns() async throws {
        let database = try await QueueDatabase.create()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Articles 1…400, then 401…800 with the same bodies: every body twice.
        let originals = QueueDatabase.articles(400).filter { !$0.body.isEmpty }
        let copies = originals.map { row in
            var copy = row
            copy.id += 400
            return copy
        }
        try await database.insert(originals + copies)
        let pipeline = database.pipelines().queue.replacingOccurrences(of: "  - type: normalize\n", with: "  - type: dedupe\n  - type: normalize\n")
        try pipeline.write(toFile: folder + "/queue.yaml", atomically: true, encoding: .utf8)
        let workers = try ["a", "b"].map { try PipeProcess(["run", "queue.yaml"], in: folder, environment: ["PIPE_WORKER": $0]) }
        for worker in workers {
            let ended = await worker.wait()
            #expect(ended.status == 0, "\(ended.error)")
        }
        let schema = database.schema
        #expect(try await database.count("SELECT count(*) FROM \(schema).results") == originals.count)
        #expect(try await database.count("SELECT count(DISTINCT record->>'body') FROM \(schema).results") == originals.count)
        #expect(try await database.count("SELECT count(*) FROM \(schema).articles_pipe_seen") == originals.count)
        // A later worker remembers nothing, and the table of kept keys stops it all the same.
        let more = copies.map { row in
            var copy = row
            copy.id += 400
            return copy
        }
        try await database.insert(more)
        let later = try await PipeProcess.run(["run", "queue.yaml"], in: folder, environment: ["PIPE_WORKER": "later"])
        #expect(later.status == 0, "\(later.error)")
        #expect(later.error.contains("worker later: 8 claims, \(more.count) articles committed, \(more.count) left out as copies another worker committed first"))
        #expect(try await database.count("SELECT count(*) FROM \(schema).results") == originals.count)
        await database.drop()
    }

    @Test func withFollowAWorkerHearsOfNewRowsUntilItIsStopped() async throws {
        let database = try await QueueDatabase.create()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = QueueDatabase.articles(150)
        try await database.insert(Array(rows.prefix(100)))
        // A lease of a minute: rows that come within it were announced, not found by polling.
        try database.pipelines(lease: "60s").queue.write(toFile: folder + "/queue.yaml", atomically: true, encoding: .utf8)
        let worker = try PipeProcess(["run", "queue.yaml", "--follow"], in: folder, environment: ["PIPE_WORKER": "f"])
        let results = "SELECT count(*) FROM \(database.schema).results"
        try await waitUntil("the first rows") { (try? await database.count(results)) ?? 0 == 100 }
        try await Task.sleep(for: .seconds(1))
        let inserted = ContinuousClock.now
        try await database.insert(Array(rows.suffix(50)))
        try await waitUntil("the new rows") { try await database.count(results) == 150 }
        #expect(ContinuousClock.now - inserted < .seconds(20), "announced, not found a lease later")
        kill(worker.process.processIdentifier, SIGTERM)
        let ended = await worker.wait()
        #expect(ended.status == 128 + SIGTERM, "\(ended.error)")
        #expect(ended.error.contains("worker f: 3 claims, 150 articles committed"))
        await database.drop()
    }

    @Test func theShippedQueuePipelineRunsOnWorkersASlurmArrayStarted() async throws {
        let database = try await QueueDatabase.create()
        try await database.insert(QueueDatabase.articles(400))
        // A Slurm array's variables name no shard for a queue: its tasks are workers.
        let slurm = ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "2"]
        let environment = slurm.merging(["PIPE_PG_URL": database.url, "PIPE_PG_TABLE": "\(database.schema).articles",
                                         "PIPE_PG_RESULTS": "\(database.schema).results"]) { $1 }
        let run = try await PipeProcess.run(["run", "Pipelines/postgres/syria-queue.yaml"], environment: environment)
        #expect(run.status == 0, "\(run.error)")
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).results") == 400, "\(run.error)")
        #expect(try await database.count("SELECT count(*) FROM \(database.schema).results WHERE record ? 'keywords' AND record ? 'translation'") == 400)
        await database.drop()
    }

    @Test func anUnreachableServerIsAnErrorNamingTheWorkerWithoutTheURL() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {format: postgres, url: \"${PIPE_PG_URL}\", table: articles}\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/q.yaml", atomically: true, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "q.yaml"], in: folder,
                                            environment: ["PIPE_PG_URL": "postgres://pipe:hunter2@127.0.0.1:1/news", "PIPE_WORKER": "w7"])
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("error: worker w7: cannot connect to PostgreSQL"), "\(run.error)")
        #expect(!run.error.contains("hunter2"))
    }

    /// Polls `condition` every 50 ms for up to two minutes.
    func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
