import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its final path and renamed into place at the end.
///
/// Readers of the final path see either the previous file or the complete new one, never half of
/// it: ``commit()`` flushes, syncs and renames; ``discard()`` removes the temporary file. Writes
/// are buffered. The type is safe to share between tasks: a lock guards the descriptor and buffer.
public final class AtomicFile: Sendable {
    /// The path the file is published under.
    public let path: String
    /// The temporary path written until ``commit()``.
    public let temporaryPath: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var buffer: [UInt8] = []
        var closed = false
    }

    private static let flushThreshold = 1 << 20

    /// Creates the parent folders and opens a temporary file beside `path`.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipeError(.io, "cannot create folder `\(folder)` for `\(path)`: \(error.localizedDescription)")
        }
        temporaryPath = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))",
                            hint: "check that the folder exists and is writable")
        }
        state = Mutex(State(descriptor: descriptor))
    }

    deinit {
        state.withLock { state in
            if !state.closed {
                close(state.descriptor)
                unlink(temporaryPath)
            }
        }
    }

    /// Appends bytes, writing them out once enough have gathered.
    public func write(_ bytes: some Collection<UInt8>) throws {
        try state.withLock { state in
            precondition(!state.closed, "write after commit or discard")
            state.buffer.append(contentsOf: bytes)
            if state.buffer.count >= Self.flushThreshold { try flush(&state) }
        }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Writes what is buffered, syncs, closes and renames the file to ``path``.
    public func commit() throws {
        try state.withLock { state in
            guard !state.closed else { return }
            try flush(&state)
            state.closed = true
            let synced = fsync(state.descriptor) == 0
            let syncError = errno
            close(state.descriptor)
            guard synced else {
                unlink(temporaryPath)
                throw PipeError(.io, "cannot sync `\(temporaryPath)`: \(String(cString: strerror(syncError)))")
            }
            guard rename(temporaryPath, path) == 0 else {
                let renameError = errno
                unlink(temporaryPath)
                throw PipeError(.io, "cannot rename `\(temporaryPath)` to `\(path)`: \(String(cString: strerror(renameError)))")
            }
        }
    }

    /// Closes and removes the temporary file, leaving ``path`` as it was.
    public func discard() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            close(state.descriptor)
            unlink(temporaryPath)
        }
    }

    private func flush(_ state: inout State) throws {
        var offset = 0
        let count = state.buffer.count
        while offset < count {
            let written = state.buffer.withUnsafeBytes { bytes in
                Glibc.write(state.descriptor, bytes.baseAddress! + offset, count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        state.buffer.removeAll(keepingCapacity: true)
    }
}
