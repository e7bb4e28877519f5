import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PipeKit
import Synchronization

/// The body hashes `dedupe` has seen, with a journal of them for resumed runs.
///
/// Every hash is 16 bytes in the journal, little-endian, in the order first seen. Shared by the
/// copies of the stage value; a lock guards the set, the hashes not yet journalled and the file.
final class SeenBodies: Sendable {
    private struct State {
        var set: Set<UInt128> = []
        var unjournalled: [UInt128] = []
        var journal: FileHandle?
    }

    private let state = Mutex(State())

    /// Starts remembering, with `journal` (when set) holding the first `length` bytes of an
    /// earlier run's journal, whose hashes are remembered.
    ///
    /// The journal is a state file, never published: written in place, not renamed. A new one
    /// is created exclusively; an earlier one is reopened only while it is this user's plain file.
    func open(journal path: String?, keeping length: Int) throws {
        guard let path else { return }
        let missing = PipeError(.checkpoint, "cannot resume `dedupe`: `\(path)` does not hold the \(length) bytes the checkpoint recorded",
                                hint: "run without `--resume` to start over")
        let descriptor: Int32
        if length > 0 {
            guard let earlier = try SafeFile.reopen(path) else { throw missing }
            descriptor = earlier
        } else {
            unlink(path)
            descriptor = try SafeFile.create(path)
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var known: Set<UInt128> = []
        do {
            if length > 0 {
                guard length % 16 == 0, let data = try file.read(upToCount: length), data.count == length else { throw missing }
                known.reserveCapacity(length / 16)
                data.withUnsafeBytes { bytes in
                    for offset in stride(from: 0, to: length, by: 16) {
                        known.insert(UInt128(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt128.self)))
                    }
                }
            }
            try file.truncate(atOffset: UInt64(length))
            try file.seekToEnd()
        } catch let error as PipeError {
            throw error
        } catch {
            throw PipeError(.io, "cannot write `\(path)`: \(error.localizedDescription)")
        }
        state.withLock { $0 = State(set: known, unjournalled: [], journal: file) }
    }

    /// Remembers a hash; `true` when it is new.
    func insert(_ hash: UInt128) -> Bool {
        state.withLock { state in
            guard state.set.insert(hash).inserted else { return false }
            if state.journal != nil { state.unjournalled.append(hash) }
            return true
        }
    }

    /// Appends the hashes not yet journalled and syncs; returns the journal's length.
    func sync() throws -> Int {
        try state.withLock { state in
            guard let journal = state.journal else { return 0 }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(state.unjournalled.count * 16)
            for hash in state.unjournalled {
                withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) }
            }
            do {
                try journal.write(contentsOf: bytes)
                try journal.synchronize()
                state.unjournalled.removeAll()
                return Int(try journal.offset())
            } catch {
                throw PipeError(.io, "cannot write the `dedupe` journal: \(error.localizedDescription)")
            }
        }
    }

    /// Forgets everything; the journal stays for the checkpoint that counts on it.
    func close() {
        state.withLock { state in
            try? state.journal?.close()
            state = State()
        }
    }

    /// The number of distinct hashes remembered.
    var count: Int { state.withLock { $0.set.count } }
}
