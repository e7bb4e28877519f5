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
        try CheckpointStore(folder: folder).save(CheckpointStoreTests.checkpoint())
        var settings = CheckpointSettings(folder: folder, resume: true)
        #expect(try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "f").resumed?.records == 128)
        #expect {
            _ = try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "changed")
        } throws: { error in
            (error as? PipeError)?.code == .checkpoint && (error as? PipeError)?.message.contains("different pipeline") == true
        }
        // Without `--resume` a run starts over and clears what an earlier one left.
        settings.resume = false
        #expect(try Checkpointer(settings: settings, pipeline: "demo", fingerprint: "f").resumed == nil)
        #expect(!FileManager.default.fileExists(atPath: folder + "/checkpoint.json"))
    }

    @Test(arguments: [(100, 10, false), (100, 100, true), (5, 0, false)])
    func aCheckpointIsDueAfterEnoughRecordsOrTime(limit: Int, records: Int, due: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checkpointer = try Checkpointer(
            settings: CheckpointSettings(folder: folder, interval: .seconds(10), records: limit), pipeline: "p", fingerprint: "f"
        )
        #expect(checkpointer.isDue(records: records, elapsed: .seconds(1)) == due)
        #expect(checkpointer.isDue(records: 0, elapsed: .seconds(10)))
    }
}
