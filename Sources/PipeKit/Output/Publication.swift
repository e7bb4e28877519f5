import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's outputs, each complete and durable under its temporary name, renamed into place
/// together once every one of them is: all outputs or none.
///
/// Writers stage their files here when the run ends (``AtomicFile/stage(in:)``); the runner then
/// calls ``publish()`` when every stage finished, or ``discard()`` when one failed, which leaves
/// every previous file exactly as it was. A writer used outside a run publishes on its own.
public final class Publication: Sendable {
    private struct State {
        var renames: [(from: String, to: String)] = []
        var leftovers: [String] = []
    }

    private let state = Mutex(State())

    /// Creates an empty publication.
    public init() {}

    /// Adds a complete, synced file to be renamed from `temporaryPath` to `path`.
    public func add(_ temporaryPath: String, as path: String) {
        state.withLock { $0.renames.append((temporaryPath, path)) }
    }

    /// Adds a file of the writer's to remove once the outputs are published or discarded.
    public func removeAfterPublishing(_ path: String) {
        state.withLock { $0.leftovers.append(path) }
    }

    /// The final paths staged so far.
    public var paths: [String] { state.withLock { $0.renames.map(\.to) } }

    /// Renames every staged file into place, syncs the folders that hold them, and removes the
    /// leftovers.
    ///
    /// - Throws: ``PipeError`` with code `io` when a rename fails (the folder's permissions changed
    ///   during the run): the files renamed before it stay published, the rest are removed.
    public func publish() throws {
        let (renames, leftovers) = state.withLock { state in
            defer { state = State() }
            return (state.renames, state.leftovers)
        }
        for (index, move) in renames.enumerated() where rename(move.from, move.to) != 0 {
            let reason = SafeFile.lastError
            renames[(index + 1)...].forEach { unlink($0.from) }
            throw PipeError(.io, "cannot rename `\(move.from)` to `\(move.to)`: \(reason)")
        }
        for folder in Set(renames.map { PathParts.parent($0.to) }) {
            let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
        leftovers.forEach { unlink($0) }
    }

    /// Removes every staged file and leftover: the previous outputs stay as they were.
    public func discard() {
        let (renames, leftovers) = state.withLock { state in
            defer { state = State() }
            return (state.renames, state.leftovers)
        }
        renames.forEach { unlink($0.from) }
        leftovers.forEach { unlink($0) }
    }
}
