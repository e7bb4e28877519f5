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
/// are buffered. The temporary name is fixed, `.NAME.partial` beside the final path, so that a
/// run that was stopped can be resumed: ``sync()`` makes what was written so far durable and
/// tells its length, and ``init(path:resumingAt:)`` continues a file from such a length. The type
/// is safe to share between tasks: a lock guards the descriptor and buffer.
public final class AtomicFile: Sendable {
    /// The path the file is published under.
    public let path: String
    /// The temporary path written until ``commit()``.
    public let temporaryPath: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var buffer: [UInt8] = []
        var flushed = 0
        /// The length up to which writing back to disk was started (``startWriteback(_:)``), and
        /// where the interval before began.
        var writebackStarted = 0
        var previousWriteback = 0
        var closed = false

        /// The state of a file whose first `length` bytes are written (and left to the kernel).
        init(descriptor: Int32, length: Int) {
            self.descriptor = descriptor
            (flushed, writebackStarted, previousWriteback) = (length, length, length)
        }
    }

    private static let flushThreshold = 1 << 20
    /// The bytes written between two requests to start writing them back to disk.
    static let writebackInterval = 8 << 20

    /// The temporary path of `path`: `.NAME.partial` in the same folder.
    public static func partialPath(of path: String) -> String {
        PathParts.sibling(of: path, named: "." + PathParts.name(path) + ".partial")
    }

    /// Creates the parent folders and opens an empty temporary file beside `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, resumingAt: nil)
    }

    /// Creates the parent folders and opens the temporary file beside `path`, empty or continued.
    ///
    /// With `length`, the file continues what an earlier run wrote: the temporary file that run
    /// left, cut to `length` bytes, or else the first `length` bytes of the file it published.
    ///
    /// - Throws: ``PipeError`` with code `io` when the folder or the file cannot be written, or
    ///   when neither file holds `length` bytes.
    public init(path: String, resumingAt length: Int?) throws {
        self.path = path
        let folder = PathParts.parent(path)
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw PipeError(.io, "cannot create folder `\(folder)` for `\(path)`: \(error.localizedDescription)")
        }
        temporaryPath = Self.partialPath(of: path)
        let descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))",
                            hint: "check that the folder exists and is writable")
        }
        do {
            try Self.prepare(descriptor, temporaryPath: temporaryPath, path: path, length: length ?? 0)
        } catch {
            close(descriptor)
            throw error
        }
        state = Mutex(State(descriptor: descriptor, length: length ?? 0))
    }

    /// Cuts the open temporary file to `length` bytes, copying them from `path` when it is shorter.
    ///
    /// The copy goes a block at a time, so resuming a large output costs no more memory than writing it.
    private static func prepare(_ descriptor: Int32, temporaryPath: String, path: String, length: Int) throws {
        var status = stat()
        if length > 0, fstat(descriptor, &status) == 0, Int(status.st_size) < length {
            let missing = PipeError(.io, "cannot resume `\(path)`: neither it nor `\(temporaryPath)` holds the \(length) bytes the checkpoint recorded",
                                    hint: "run without `--resume` to start over")
            let source = open(path, O_RDONLY | O_CLOEXEC)
            guard source >= 0 else { throw missing }
            defer { close(source) }
            guard fstat(source, &status) == 0, Int(status.st_size) >= length else { throw missing }
            guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
            }
            var block = [UInt8](repeating: 0, count: min(length, 1 << 20))
            var copied = 0
            while copied < length {
                let count = block.withUnsafeMutableBytes { read(source, $0.baseAddress, min($0.count, length - copied)) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw missing }
                guard writeAll(block[..<count], to: descriptor) else {
                    throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
                }
                copied += count
            }
        }
        guard ftruncate(descriptor, off_t(length)) == 0, lseek(descriptor, off_t(length), SEEK_SET) >= 0 else {
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
        }
    }

    private static func writeAll(_ bytes: some ContiguousBytes, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
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
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// The bytes written so far, buffered or not.
    public var length: Int { state.withLock { $0.flushed + $0.buffer.count } }

    /// Writes what is buffered and syncs it to disk; returns the file's length.
    @discardableResult
    public func sync() throws -> Int {
        try state.withLock { state in
            precondition(!state.closed, "sync after commit or discard")
            try flush(&state)
            guard fsync(state.descriptor) == 0 else {
                throw PipeError(.io, "cannot sync `\(temporaryPath)`: \(String(cString: strerror(errno)))")
            }
            return state.flushed
        }
    }

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
        guard !state.buffer.isEmpty else { return }
        guard Self.writeAll(state.buffer, to: state.descriptor) else {
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
        }
        state.flushed += state.buffer.count
        state.buffer.removeAll(keepingCapacity: true)
        Self.startWriteback(&state)
    }

    /// Hands what was written to the kernel's writeback as the file grows, not all at the end, and
    /// keeps no more than the last two ``writebackInterval``s of it in the page cache.
    ///
    /// Every interval, `posix_fadvise(POSIX_FADV_DONTNEED)` over the last two: the kernel starts
    /// writing the newer one to disk without waiting for it, and drops the pages of the older one,
    /// written back by then (pages still being written stay). Without it, the kernel held the
    /// whole output in memory, began writing it back at the end, and ``commit()``'s `fsync` waited
    /// for it with the cores idle: 160–170 ms of a 3.3 s run for the 630 MB output of the 200 MB
    /// throughput stream (2–3 ms now). For the 1 GB stream's 3.1 GB output, taking fresh memory
    /// for the page cache cost 3.4–4.4 s of system time a run (1.3–1.5 s now). An output read soon
    /// after the run is read from disk. The call is only advice: when refused, it is asked again
    /// after the next write. Linux only.
    private static func startWriteback(_ state: inout State) {
        #if os(Linux)
        let (older, newer) = (state.previousWriteback, state.writebackStarted)
        guard state.flushed - newer >= writebackInterval,
              posix_fadvise(state.descriptor, off_t(older), off_t(state.flushed - older), POSIX_FADV_DONTNEED) == 0 else { return }
        (state.previousWriteback, state.writebackStarted) = (newer, state.flushed)
        #endif
    }

    /// The length up to which the file's writeback to disk was started.
    var writebackStarted: Int { state.withLock { $0.writebackStarted } }
}
