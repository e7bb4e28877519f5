import Foundation
import GRDB
import Testing

/// `pipe run --shard I/N` by several processes at once from one folder, then `pipe merge`, as a
/// user of a Slurm array or a Kubernetes Indexed Job would run them. One test at a time: each
/// starts several `pipe` processes, and the suite beside them has timing-sensitive tests.
@Suite("pipe run --shard and pipe merge", .serialized)
struct ShardCommandTests {
    static let pipeline = """
        pipeline: wide
        input: {path: in, format: dated-text}
        checkpoint: {records: 8}
        stages:
          - type: parse
            on_error: dead-letter
          - type: dedupe
          - type: normalize
          - type: extract
            options: {entities: true, dates: true, quotes: true, keywords: 3}
          - type: export
            id: jsonl
            options: {format: jsonl, path: out/wide.jsonl}
          - type: export
            id: csv
            options: {format: csv, path: out/wide.csv}
          - type: export
            id: markdown
            options: {format: markdown, path: out/wide.md}
          - type: export
            id: sqlite
            options: {format: sqlite, path: out/wide.sqlite}
        """

    /// A folder with the pipeline and 60 articles, every seventh a copy of an earlier one (so
    /// that copies fall in other shards) and two that cannot be parsed.
    func makeFolder(_ root: String, _ name: String, pipeline: String = Self.pipeline) throws -> String {
        let folder = root + "/" + name
        try FileManager.default.createDirectory(atPath: folder + "/in/2024", withIntermediateDirectories: true)
        try pipeline.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        for index in 0..<60 {
            let source = index % 7 == 6 ? index / 3 : index
            var text = " date 2024-03-\(10 + source % 18) https://example.org/\(source)\n\nStory \(source)\n\n"
                + "Minister Amal Haddad said on Monday that \"talks in Geneva resume in the spring\", item \(source).\n"
            if index == 17 || index == 44 { text = " date 2024-03-01\n\n" }
            try text.write(toFile: folder + "/in/2024/a\(index).txt", atomically: false, encoding: .utf8)
        }
        return folder
    }

    static let textOutputs = ["wide.jsonl", "wide.csv", "wide.md"]

    @Test func fourShardsAtOnceThenMergeGiveTheFilesOfOneRun() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let whole = try makeFolder(root, "whole")
        let reference = try await PipeProcess.run(["run", "p.yaml"], in: whole)
        #expect(reference.status == 0, "\(reference.error)")
        #expect(reference.error.contains("filtered"))

        let sharded = try makeFolder(root, "sharded")
        let processes = try (0..<4).map { try PipeProcess(["run", "p.yaml", "--shard", "\($0)/4"], in: sharded) }
        var results: [PipeProcess.Result] = []
        for process in processes { results.append(await process.wait()) }
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "shard \(index): \(result.error)")
            #expect(result.error.contains("shard \(index)/4 (shard-000\(index)-of-0004)"))
        }
        let merged = try await PipeProcess.run(["merge", "p.yaml"], in: sharded)
        #expect(merged.status == 0, "\(merged.error)")
        #expect(merged.error.contains("merged 4 shards"))
        #expect(merged.error.contains("left out"), "copies kept by later shards are left out: \(merged.error)")
        for name in Self.textOutputs {
            let expected = try Data(contentsOf: URL(fileURLWithPath: whole + "/out/" + name))
            let actual = try Data(contentsOf: URL(fileURLWithPath: sharded + "/out/" + name))
            #expect(actual == expected, "\(name) differs from one run's")
        }
        try expectSameTables(whole + "/out/wide.sqlite", sharded + "/out/wide.sqlite")
        #expect(try rowCount(of: "quotes", in: sharded + "/out/wide.sqlite") > 0, "the merged database has annotations to compare")
        let deadLetters = { (folder: String) in
            Set(try String(contentsOfFile: folder + "/out/wide.dead-letter.jsonl", encoding: .utf8).split(separator: "\n"))
        }
        #expect(try deadLetters(sharded) == deadLetters(whole))
        #expect(try deadLetters(whole).count == 2)

        let again = try await PipeProcess.run(["run", "p.yaml", "--shard", "2/4"], in: sharded)
        #expect(again.status == 0)
        #expect(again.error.contains("shard 2/4 of `wide` is complete"), "\(again.error)")
    }

    @Test func oneFileIsSharedByRecordThroughSlurmAndKubernetesVariables() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let pipeline = """
            pipeline: lines
            input: {path: in.jsonl, format: jsonl}
            stages:
              - type: parse
              - type: dedupe
              - type: export
                options: {format: jsonl, path: out/lines.jsonl}
            """
        let lines = (0..<50).map { #"{"id": "a\#($0)", "title": "T\#($0)", "body": "Body \#($0 % 20)"}"# }.joined(separator: "\n") + "\n"
        var folders: [String] = []
        for name in ["whole", "sharded"] {
            let folder = root + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try pipeline.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
            try lines.write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
            folders.append(folder)
        }
        #expect(try await PipeProcess.run(["run", "p.yaml"], in: folders[0]).status == 0)
        let slurm = { (task: Int) in
            ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_MAX": "12", "SLURM_ARRAY_TASK_COUNT": "3",
             "SLURM_ARRAY_TASK_STEP": "1"]
        }
        for task in 10...12 {
            let result = try await PipeProcess.run(["run", "p.yaml"], in: folders[1], environment: slurm(task))
            #expect(result.status == 0, "\(result.error)")
        }
        let merged = try await PipeProcess.run(["merge", "p.yaml", "--shards", "3"], in: folders[1])
        #expect(merged.status == 0, "\(merged.error)")
        let expected = try String(contentsOfFile: folders[0] + "/out/lines.jsonl", encoding: .utf8)
        #expect(try String(contentsOfFile: folders[1] + "/out/lines.jsonl", encoding: .utf8) == expected)
        #expect(expected.split(separator: "\n").count == 20)

        let kubernetes = try await PipeProcess.run(["run", "p.yaml"], in: folders[1], environment: ["JOB_COMPLETION_INDEX": "1", "PIPE_SHARDS": "2"])
        #expect(kubernetes.status == 0, "\(kubernetes.error)")
        #expect(kubernetes.error.contains("shard 1/2"))
        let none = try await PipeProcess.run(["run", "p.yaml", "--shard", "none"], in: folders[1], environment: slurm(11))
        #expect(none.status == 0)
        #expect(!none.error.contains("shard"))
        let stepped = try await PipeProcess.run(["run", "p.yaml"], in: folders[1],
                                                environment: slurm(12).merging(["SLURM_ARRAY_TASK_STEP": "2"]) { $1 })
        #expect(stepped.status == 2)
        #expect(stepped.error.contains("the job array steps by 2"))
    }

    @Test func mergeRefusesMissingShardsAndWritesNothing() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = try makeFolder(root, "partial")
        for index in [0, 2] {
            #expect(try await PipeProcess.run(["run", "p.yaml", "--shard", "\(index)/4"], in: folder).status == 0)
        }
        let merged = try await PipeProcess.run(["merge", "p.yaml", "--shards", "4"], in: folder)
        #expect(merged.status == 1)
        #expect(merged.error.contains("shard 1/4 has no marker `out/wide.shard-0001-of-0004.done`"), "\(merged.error)")
        #expect(merged.error.contains("shard 3/4 has no marker"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/out")
        #expect(!left.contains { !$0.contains(".shard-") }, "no final or staged file: \(left)")
        let guessed = try await PipeProcess.run(["merge", "p.yaml"], in: folder)
        #expect(guessed.status == 1)
        #expect(guessed.error.contains("shard 1/4 has no marker"))
    }

    @Test func aKilledShardResumesAndMergeWaitsForIt() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lines = (0..<4000).map { index -> String in
            if index % 211 == 100 { return #"{"id": "broken-\#(index)""# + "\n" }
            return #"{"id": "a\#(index)", "title": "T\#(index)", "body": "Geir Pedersen spoke in Geneva, item \#(index % 1500)."}"# + "\n"
        }
        let input = lines.joined()
        let makeFolder = { (name: String) throws -> String in
            let folder = root + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ResumeCommandTests.pipeline.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
            return folder
        }
        let whole = try makeFolder("whole")
        #expect(try await PipeProcess.run(["run", "p.yaml"], in: whole, input: input).status == 0)

        let sharded = try makeFolder("sharded")
        #expect(try await PipeProcess.run(["run", "p.yaml", "--shard", "0/2"], in: sharded, input: input).status == 0)
        let process = try PipeProcess(["run", "p.yaml", "--shard", "1/2"], in: sharded)
        await process.write(lines.prefix(2000).joined())
        let checkpoint = sharded + "/.pipe/killed/shard-0001-of-0002/checkpoint.json"
        let deadline = Date().addingTimeInterval(60)
        var at = 0
        while Date() < deadline, at < 512, process.process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
            at = (FileManager.default.contents(atPath: checkpoint).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["records"] as? Int) ?? 0
        }
        kill(process.process.processIdentifier, SIGKILL)
        let first = await process.wait()
        try #require(first.status == SIGKILL && at >= 512, "no checkpoint before the kill: \(first.error)")

        let early = try await PipeProcess.run(["merge", "p.yaml", "--shards", "2"], in: sharded)
        #expect(early.status == 1)
        #expect(early.error.contains("shard 1/2 has no marker"), "\(early.error)")
        let resumed = try await PipeProcess.run(["run", "p.yaml", "--shard", "1/2", "--resume"], in: sharded, input: input)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.error.contains("resumed: the first \(at) records"))
        let merged = try await PipeProcess.run(["merge", "p.yaml"], in: sharded)
        #expect(merged.status == 0, "\(merged.error)")
        for name in ["a.jsonl", "a.csv"] {
            let expected = FileManager.default.contents(atPath: whole + "/out/" + name)
            #expect(expected != nil && FileManager.default.contents(atPath: sharded + "/out/" + name) == expected, "\(name)")
        }
        try expectSameTables(whole + "/out/a.sqlite", sharded + "/out/a.sqlite")
        #expect(!FileManager.default.fileExists(atPath: sharded + "/.pipe/killed/shard-0001-of-0002"), "a completed shard's checkpoint goes")
    }

    @Test func mergeRefusesAShardsOutputThatDoesNotMatchItsLog() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "pipeline: cut\ninput: {path: in.jsonl, format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/c.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        try (0..<8).map { #"{"id": "a\#($0)", "body": "Body \#($0)"}"# }.joined(separator: "\n").write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        for index in 0..<2 {
            #expect(try await PipeProcess.run(["run", "p.yaml", "--shard", "\(index)/2"], in: folder).status == 0)
        }
        let copy = folder + "/out/c.shard-0001-of-0002.jsonl"
        let bytes = try #require(FileManager.default.contents(atPath: copy))
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: copy))
        let merged = try await PipeProcess.run(["merge", "p.yaml"], in: folder)
        #expect(merged.status == 1)
        #expect(merged.error.contains("`out/c.shard-0001-of-0002.jsonl` holds \(bytes.count - 10) bytes, fewer than its merge log's"), "\(merged.error)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/c.jsonl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").allSatisfy { $0.contains(".shard-") }, "nothing staged is left")
    }

    @Test func aShardsErrorsNameTheShard() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "pipeline: broken\ninput: {path: in.jsonl, format: jsonl}\nstages:\n  - type: parse\n    on_error: dead-letter\n  - type: export\n    options: {path: out/b.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        try (0..<6).map { #"{"id": "a\#($0)", "body": ""}"# }.joined(separator: "\n").write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run(["run", "p.yaml", "--shard", "1/2", "--max-failures", "0"], in: folder)
        #expect(result.status == 3)
        #expect(result.error.contains("error: shard 1/2: none of the 3 articles read was written"), "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/b.shard-0001-of-0002.dead-letter.jsonl"))
    }

    func rowCount(of table: String, in path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") } ?? 0
    }

    /// Every table holds the same rows in the same order.
    func expectSameTables(_ expected: String, _ actual: String) throws {
        let (one, other) = (try DatabaseQueue(path: expected), try DatabaseQueue(path: actual))
        for table in ["articles", "entities", "quotes", "dates", "keywords"] {
            let sql = "SELECT * FROM \(table) ORDER BY rowid"
            let rows = try one.read { try Row.fetchAll($0, sql: sql) }
            #expect(try other.read { try Row.fetchAll($0, sql: sql) } == rows, "table \(table)")
            #expect(table != "articles" || !rows.isEmpty, "there are articles to compare")
        }
    }
}
