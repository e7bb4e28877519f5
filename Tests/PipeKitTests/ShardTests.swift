import Foundation
import PipeKit
import Testing

@Suite("Shard")
struct ShardTests {
    @Test(arguments: [
        ("out/syria.jsonl", "out/syria.shard-0003-of-0016.jsonl"),
        ("out/syria.dead-letter.jsonl", "out/syria.shard-0003-of-0016.dead-letter.jsonl"),
        ("/data/report", "/data/report.shard-0003-of-0016"),
        ("a.b/c.tar.gz", "a.b/c.tar.shard-0003-of-0016.gz"),
        ("out/.dead-letter.jsonl", "out/.dead-letter.shard-0003-of-0016.jsonl"),
    ])
    func suffixesEveryOutputBeforeItsExtension(path: String, expected: String) throws {
        #expect(try Shard(index: 3, count: 16).path(for: path) == expected)
    }

    @Test func readsIndexSlashCount() throws {
        let shard = try Shard(parsing: "3/16")
        #expect((shard.index, shard.count) == (3, 16))
        #expect(shard.label == "shard-0003-of-0016")
        #expect(shard.description == "3/16")
        #expect(Shard(label: "shard-0003-of-0016") == shard)
        #expect(Shard(label: "shard-3-of-16") == nil)
        #expect(Shard(label: "shard-0016-of-0016") == nil)
    }

    @Test(arguments: [
        ("3", "expects INDEX/COUNT"), ("a/4", "expects INDEX/COUNT"), ("4/4", "indexes count from 0 to 3"),
        ("-1/4", "indexes count from 0 to 3"), ("0/0", "1 to 9999 shards"), ("1/2/3", "expects INDEX/COUNT"),
    ])
    func refusesWhatNamesNoShard(text: String, message: String) {
        #expect {
            try Shard(parsing: text)
        } throws: { error in
            guard let error = error as? PipeError else { return false }
            return error.code == .shard && error.message.contains(message) && error.hint != nil
        }
    }

    @Test func everyFileBelongsToExactlyOneShardTheSameEveryTime() throws {
        let shards = try (0..<4).map { try Shard(index: $0, count: 4) }
        let names = (0..<200).map { "2024/03/article-\($0).txt" }
        var counts = [Int](repeating: 0, count: 4)
        for name in names {
            let owners = shards.filter { $0.owns(file: name) }
            #expect(owners.count == 1)
            counts[owners[0].index] += 1
        }
        #expect(counts.allSatisfy { $0 > 25 }, "a stable hash spreads the files: \(counts)")
        // Fixed forever: a shard must pick the same files on every machine and in every version.
        #expect(shards.filter { $0.owns(file: "2024/03/article-0.txt") }.map(\.index) == [3])
        #expect(shards.filter { $0.owns(file: "a.txt") }.map(\.index) == [2])
        #expect(try Shard(index: 1, count: 3).owns(record: 4))
        #expect(try !Shard(index: 1, count: 3).owns(record: 5))
    }

    @Test func comesFromASlurmArray() throws {
        let environment = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "19",
                           "SLURM_ARRAY_TASK_COUNT": "16", "SLURM_ARRAY_TASK_STEP": "1"]
        #expect(try Shard.fromEnvironment(environment) == Shard(index: 3, count: 16))
    }

    @Test(arguments: [
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "2"],
         "steps by 2"),
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"],
         "a list with gaps"),
        (["SLURM_ARRAY_TASK_ID": "2"], "is set but not"),
        (["JOB_COMPLETION_INDEX": "2"], "`PIPE_SHARDS` is not"),
        (["JOB_COMPLETION_INDEX": "2", "PIPE_SHARDS": "two"], "not a whole number"),
        (["JOB_COMPLETION_INDEX": "5", "PIPE_SHARDS": "4"], "does not exist among 4 shards"),
    ])
    func refusesAnEnvironmentThatNamesNoShard(environment: [String: String], message: String) {
        #expect {
            try Shard.fromEnvironment(environment)
        } throws: { error in
            (error as? PipeError)?.code == .shard && (error as? PipeError)?.message.contains(message) == true
        }
    }

    @Test func comesFromAKubernetesIndexedJobOrNothing() throws {
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "PIPE_SHARDS": "4"]) == Shard(index: 2, count: 4))
        #expect(try Shard.fromEnvironment(["HOME": "/root"]) == nil)
    }

    @Test func aMarkerRoundTripsAndRefusesABadShard() throws {
        let decoded = try JSONDecoder().decode(Shard.self, from: Data(#"{"index": 2, "count": 4}"#.utf8))
        #expect(decoded == (try Shard(index: 2, count: 4)))
        #expect(throws: PipeError.self) { try JSONDecoder().decode(Shard.self, from: Data(#"{"index": 4, "count": 4}"#.utf8)) }
    }
}
