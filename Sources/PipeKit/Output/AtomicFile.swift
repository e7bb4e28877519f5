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
/// are buffered. The temporary name, `.NAME.TOKEN.partial` beside the final path, is created
/// exclusively and never through a link; a run that keeps checkpoints uses one token throughout,
/// so that a stopped run can be resumed: ``sync()`` makes what was written so far durable and
/// tells its length, and ``init(path:token:resumingAt:)`` continues a file from such a length.
/// The type is safe to share between tasks: a lock guards the descriptor and buffer.
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

    /// Creates the parent folders and creates an empty temporary file beside `path`, under a
    /// name of its own.
    public convenience init(path: String) throws {
        try self.init(path: path, token: SafeFile.randomToken(), resumingAt: nil)
    }

    /// Creates the parent folders and the temporary file beside `path`, or continues one.
    ///
    /// The temporary file is `.NAME.TOKEN.partial` (``StageContext/stagingToken`` is the run's
    /// token, kept across a resume). A new one is created with `O_EXCL | O_NOFOLLOW`, so nothing
    /// planted at that name is written through. With `length`, the file continues what an earlier
    /// run wrote: the temporary file that run left (only when it is still a plain file of this
    /// user), cut to `length` bytes, or else a new one holding the first `length` bytes of the
    /// file it published.
    ///
    /// - Throws: ``PipeError`` with code `io` when the folder or the file cannot be written, when
    ///   something else is at the temporary name, or when neither file holds `length` bytes.
    public init(path: String, token: String, resumingAt length: Int?) throws {
        self.path = path
        try SafeFile.createParent(of: path)
        temporaryPath = SafeFile.stagedPath(of: path, token: token)
        let descriptor: Int32
        if let length, let earlier = try SafeFile.reopen(temporaryPath) {
            descriptor = earlier
            try Self.cut(descriptor, to: length, path: path, temporaryPath: temporaryPath)
        } else {
            descriptor = try SafeFile.create(temporaryPath)
            if let length, length > 0 {
                try Self.copyPublished(length, of: path, to: descriptor, temporaryPath: temporaryPath)
            }
        }
        state = Mutex(State(descriptor: descriptor, length: length ?? 0))
    }

    /// A new staged file for `path`, in place of one an earlier attempt of the same run (same
    /// token), stopped mid-write, may have left under the staged name; only that name is removed.
    package static func replacingEarlierAttempt(path: String, token: String) throws -> AtomicFile {
        unlink(SafeFile.stagedPath(of: path, token: token))
        return try AtomicFile(path: path, token: token, resumingAt: nil)
    }

    /// Cuts a reopened temporary file to `length` bytes, or fails (and closes it) when it is shorter.
    private static func cut(_ descriptor: Int32, to length: Int, path: String, temporaryPath: String) throws {
        var status = stat()
        if fstat(descriptor, &status) == 0, Int(status.st_size) < length {
            // Shorter than recorded: the run published it and a later one left an empty copy.
            guard ftruncate(descriptor, 0) == 0 else {
                close(descriptor)
                throw PipeError(.io, "cannot write `\(temporaryPath)`: \(SafeFile.lastError)")
            }
            try copyPublished(length, of: path, to: descriptor, temporaryPath: temporaryPath)
            return
        }
        guard ftruncate(descriptor, off_t(length)) == 0, lseek(descriptor, off_t(length), SEEK_SET) >= 0 else {
            close(descriptor)
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(SafeFile.lastError)")
        }
    }

    /// Fills the new temporary file with the first `length` bytes of the published `path`, a
    /// block at a time, so resuming a large output costs no more memory than writing it.
    /// Closes the temporary file and removes it when that cannot be done.
    private static func copyPublished(_ length: Int, of path: String, to descriptor: Int32, temporaryPath: String) throws {
        let missing = PipeError(.io, "cannot resume `\(path)`: neither it nor `\(temporaryPath)` holds the \(length) bytes the checkpoint recorded",
                                hint: "run without `--resume` to start over")
        var copied = false
        defer {
            if !copied {
                close(descriptor)
                unlink(temporaryPath)
            }
        }
        let source = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw missing }
        defer { close(source) }
        guard SafeFile.copy(length, from: source, to: descriptor) else { throw missing }
        copied = true
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
            // A large write goes out as it is, not copied into the buffer first.
            if state.buffer.isEmpty, bytes.count >= Self.flushThreshold,
               let written = try bytes.withContiguousStorageIfAvailable({ try write($0, &state) }) {
                return written
            }
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
        let publication = Publication()
        try stage(in: publication)
        try publication.publish()
    }

    /// Writes what is buffered, syncs and closes the file, and adds it to `publication`, which
    /// renames it to ``path`` together with the run's other outputs. Does nothing once the file
    /// was committed, staged or discarded.
    ///
    /// - Throws: ``PipeError`` with code `io` when the file cannot be written out; it is removed.
    public func stage(in publication: Publication) throws {
        let staged = try state.withLock { state -> Bool in
            guard !state.closed else { return false }
            do {
                try flush(&state)
            } catch {
                state.closed = true
                close(state.descriptor)
                unlink(temporaryPath)
                throw error
            }
            state.closed = true
            let synced = fsync(state.descriptor) == 0
            let syncError = errno
            close(state.descriptor)
            guard synced else {
                unlink(temporaryPath)
                throw PipeError(.io, "cannot sync `\(temporaryPath)`: \(String(cString: strerror(syncError)))")
            }
            return true
        }
        if staged { publication.add(temporaryPath, as: path) }
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

    /// Writes `bytes` past what was flushed, as ``flush(_:)`` writes the buffer.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>, _ state: inout State) throws {
        guard SafeFile.writeAll(UnsafeRawBufferPointer(bytes), to: state.descriptor) else {
            throw PipeError(.io, "cannot write `\(temporaryPath)`: \(String(cString: strerror(errno)))")
        }
        state.flushed += bytes.count
        Self.startWriteback(&state)
    }

    private func flush(_ state: inout State) throws {
        guard !state.buffer.isEmpty else { return }
        // Taken out of the state while it is written, so that emptying it keeps its room.
        var buffer: [UInt8] = []
        swap(&buffer, &state.buffer)
        defer {
            buffer.removeAll(keepingCapacity: true)
            swap(&buffer, &state.buffer)
        }
        try buffer.withUnsafeBufferPointer { try write($0, &state) }
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
