import Foundation
@testable import PipeKit
import Testing

@Suite("StableHash")
struct StableHashTests {
    @Test func isFNV1a128() {
        // The reference values of FNV-1a, 128 bits: the offset basis, and the hash of "a".
        #expect(StableHash().hex == "6c62272e07bb014262b821756295c58d")
        var hash = StableHash()
        hash.add(bytes: Array("a".utf8))
        #expect(hash.hex == "d228cb696f1a8caf78912b704e4a8964")
    }

    @Test func wordsAndBytesAgreeOnShortInputAndTheHashIsTheSameInEveryRun() {
        var bytes = StableHash(), words = StableHash()
        bytes.add(bytes: Array("abc".utf8))
        Array("abc".utf8).withUnsafeBytes { words.add(contiguous: $0) }
        #expect(bytes.value == words.value)
        var long = StableHash()
        Array("the same text, hashed eight bytes at a time".utf8).withUnsafeBytes { long.add(contiguous: $0) }
        // A fixed value: a checkpoint written by one process is read by another.
        #expect(long.hex == Self.expectedLongHash)
    }

    static let expectedLongHash: String = {
        // FNV-1a over little-endian 64-bit words, then the tail byte by byte, written out plainly.
        let prime: UInt128 = (1 << 88) + 0x13B
        var value: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        let bytes = Array("the same text, hashed eight bytes at a time".utf8)
        var index = 0
        while index + 8 <= bytes.count {
            var word: UInt64 = 0
            for offset in 0..<8 { word |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
            value = (value ^ UInt128(word)) &* prime
            index += 8
        }
        for byte in bytes[index...] { value = (value ^ UInt128(byte)) &* prime }
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 32 - text.count) + text
    }()

    @Test func textsAreDelimited() {
        var first = StableHash(), second = StableHash()
        first.add("ab")
        first.add("c")
        second.add("a")
        second.add("bc")
        #expect(first.value != second.value)
    }
}

@Suite("CheckpointStore")
struct CheckpointStoreTests {
    static func checkpoint(records: Int = 128) -> Checkpoint {
        var tally = StageTally(stageID: "parse")
        tally.received = records
        tally.emitted = records
        return Checkpoint(pipeline: "demo", fingerprint: "f", records: records, bytes: 4096, inputDigest: "d",
                          deadLetters: 0, stages: ["export": ["bytes": 1234]], tallies: [tally])
    }

    @Test func savesAndLoadsAndClears() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CheckpointStore(folder: folder + "/.pipe/demo")
        _ = try store.startOver(outputs: [])
        #expect(try store.load() == nil)
        try store.save(Self.checkpoint())
        #expect(try store.load() == Self.checkpoint())
        try store.save(Self.checkpoint(records: 256))
        #expect(try store.load()?.records == 256)
        store.clear()
        #expect(try store.load() == nil)
        store.clear(removingFolder: true)
        #expect(!FileManager.default.fileExists(atPath: folder + "/.pipe/demo"))
    }

    @Test func clearingRemovesOnlyWhatPipeWroteThere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CheckpointStore(folder: folder + "/data")
        let token = try store.startOver(outputs: [folder + "/data/new.jsonl"])
        let state = try store.stateFile(stage: "dedupe", name: "seen")
        try Data().write(to: URL(fileURLWithPath: state))
        try store.save(Self.checkpoint())
        let staged = SafeFile.stagedPath(of: folder + "/data/new.jsonl", token: token)
        try Data().write(to: URL(fileURLWithPath: staged))
        // Files that appear beside Pipe's after it checked the folder are never removed.
        try FileManager.default.createDirectory(atPath: folder + "/data/reports/2024", withIntermediateDirectories: true)
        try "q4\n".write(toFile: folder + "/data/reports/2024/q4.txt", atomically: false, encoding: .utf8)
        try "old\n".write(toFile: folder + "/data/old.jsonl", atomically: false, encoding: .utf8)
        store.clear(removingFolder: true)
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder + "/data").sorted()
        #expect(left == ["old.jsonl", "reports", "reports/2024", "reports/2024/q4.txt"])
    }

    @Test func startingOverRemovesThePreviousRunsStagedFilesAndNothingElse() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.jsonl"
        let previous = try CheckpointStore(folder: folder + "/state").startOver(outputs: [output])
        for suffix in ["", "-journal", "-copy"] {
            try Data().write(to: URL(fileURLWithPath: SafeFile.stagedPath(of: output, token: previous) + suffix))
        }
        try "mine\n".write(toFile: SafeFile.stagedPath(of: output, token: "someoneelses0000"), atomically: false, encoding: .utf8)
        let next = try CheckpointStore(folder: folder + "/state").startOver(outputs: [output])
        #expect(next != previous)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == [".out.jsonl.someoneelses0000.partial", "state"])
    }

    @Test func aFolderHoldingFilesPipeDidNotWriteIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old\n".write(toFile: folder + "/old.jsonl", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/important", withIntermediateDirectories: true)
        let problem = CheckpointStore.problem(with: folder)
        #expect(problem == "it holds files Pipe did not write (`important`, `old.jsonl`), which Pipe would never remove")
        #expect {
            _ = try CheckpointStore(folder: folder)
        } throws: { error in
            (error as? PipeError)?.code == .checkpoint && (error as? PipeError)?.message.contains("`old.jsonl`") == true
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/old.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/lock"))
        // A folder of Pipe's own, a missing one and an empty one are fine.
        #expect(CheckpointStore.problem(with: folder + "/missing") == nil)
        let own = folder + "/own"
        _ = try CheckpointStore(folder: own).startOver(outputs: [])
        #expect(CheckpointStore.problem(with: own) == nil)
        // The shards' own folders are Pipe's; a name that only looks like one is not.
        try FileManager.default.createDirectory(atPath: own + "/shard-0001-of-0004", withIntermediateDirectories: true)
        #expect(CheckpointStore.problem(with: own) == nil)
        try FileManager.default.createDirectory(atPath: own + "/shard-1-of-4", withIntermediateDirectories: true)
        #expect(CheckpointStore.problem(with: own)?.contains("`shard-1-of-4`") == true)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a link to another user"))
    func aFolderThatIsAnotherUsersLinkIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/target", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/.pipe", withDestinationPath: folder + "/target")
        try #require(lchown(folder + "/.pipe", 65534, 65534) == 0)
        #expect(CheckpointStore.problem(with: folder + "/.pipe/demo")?.contains("is a symbolic link owned by another user (uid 65534)") == true)
        #expect(CheckpointStore.problem(with: folder + "/.pipe")?.contains("symbolic link owned by another user") == true)
        #expect(throws: PipeError.self) { _ = try CheckpointStore(folder: folder + "/.pipe/demo") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/target").isEmpty)
    }

    @Test func aCheckpointWithoutTheRunsLedgerIsNotResumed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CheckpointStore(folder: folder)
        try store.save(Self.checkpoint())
        #expect {
            _ = try store.load()
        } throws: { error in
            (error as? PipeError)?.message.contains("no `run.json`") == true
        }
    }

    @Test func oneRunAtATimeHoldsTheFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var first: CheckpointStore? = try CheckpointStore(folder: folder)
        #expect {
            _ = try CheckpointStore(folder: folder)
        } throws: { error in
            (error as? PipeError)?.code == .checkpoint && (error as? PipeError)?.message.contains("another run") == true
        }
        _ = first
        first = nil
        _ = try CheckpointStore(folder: folder)
    }

    @Test(arguments: [
        ("not json", "is not a checkpoint Pipe can read"),
        (#"{"version": 99}"#, "is not a checkpoint Pipe can read"),
    ])
    func aFileThatIsNotACheckpointIsExplained(text: String, message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CheckpointStore(folder: folder)
        try text.write(toFile: store.checkpointPath, atomically: false, encoding: .utf8)
        #expect {
            _ = try store.load()
        } throws: { error in
            (error as? PipeError)?.message.contains(message) == true
        }
    }

    @Test func aCheckpointOfAnotherVersionIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CheckpointStore(folder: folder)
        var checkpoint = Self.checkpoint()
        checkpoint.version = 99
        try store.save(checkpoint)
        #expect {
            _ = try store.load()
        } throws: { error in
            (error as? PipeError)?.message.contains("another version of Pipe (format 99") == true
        }
    }
}

@Suite("Checkpointer")
struct CheckpointerTests {
    @Test func resumesOnlyTheSamePipeline() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = CheckpointSettings(folder: folder, resume: true)
        let token = try {
            let first = try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "f", outputs: ["out.jsonl"])
            try first.store.save(CheckpointStoreTests.checkpoint())
            return first.token
        }()
        do {
            let resumed = try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "f", outputs: ["out.jsonl"])
            #expect(resumed.resumed?.records == 128)
            #expect(resumed.token == token)
        }
        #expect {
            _ = try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "changed", outputs: [])
        } throws: { error in
            (error as? PipeError)?.code == .checkpoint && (error as? PipeError)?.message.contains("different pipeline") == true
        }
        // Without `--resume` a run starts over and clears what an earlier one left.
        settings.resume = false
        #expect(try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "f", outputs: []).resumed == nil)
        #expect(!FileManager.default.fileExists(atPath: folder + "/checkpoint.json"))
    }

    @Test(arguments: [(100, 10, false), (100, 100, true), (5, 0, false)])
    func aCheckpointIsDueAfterEnoughRecordsOrTime(limit: Int, records: Int, due: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checkpointer = try Checkpointer(
            settings: CheckpointSettings(folder: folder, interval: .seconds(10), records: limit), pipeline: "p", fingerprint: "f",
            outputs: []
        )
        #expect(checkpointer.isDue(records: records, elapsed: .seconds(1)) == due)
        #expect(checkpointer.isDue(records: 0, elapsed: .seconds(10)))
    }
}
