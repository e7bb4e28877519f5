import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder that holds a pipeline's checkpoint and its stages' state, held by one run at a time.
///
/// Opening the store takes an exclusive lock on `FOLDER/lock` (released when the store is
/// closed or the process ends, even by `kill -9`), so that two runs of the same pipeline never
/// write the same partial outputs. The checkpoint is replaced atomically: a reader sees the
/// previous one or the new one.
public final class CheckpointStore: Sendable {
    /// The folder.
    public let folder: String
    private let lock: Int32

    /// The checkpoint's path in the folder.
    public var checkpointPath: String { Self.checkpointPath(in: folder) }

    /// The path of the checkpoint kept in `folder`.
    public static func checkpointPath(in folder: String) -> String { folder + "/checkpoint.json" }

    /// Creates the folder if needed and locks it.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when another run holds the lock, `io` when
    ///   the folder cannot be written.
    public init(folder: String) throws {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipeError(.io, "cannot create the checkpoint folder `\(folder)`: \(error.localizedDescription)",
                            hint: "set `checkpoint: { folder: PATH }` to a folder you can write to, or `checkpoint: false`")
        }
        let descriptor = open(folder + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipeError(.io, "cannot open `\(folder)/lock`: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PipeError(.checkpoint, "another run of this pipeline is running (it holds `\(folder)/lock`)",
                            hint: "wait for it to end, or stop it with Ctrl-C")
        }
        lock = descriptor
    }

    deinit { close(lock) }

    /// The checkpoint in the folder, or `nil` when there is none.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when the file cannot be read as a checkpoint
    ///   of this version.
    public func load() throws -> Checkpoint? {
        guard let data = FileManager.default.contents(atPath: checkpointPath) else { return nil }
        let checkpoint: Checkpoint
        do {
            checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data)
        } catch {
            throw PipeError(.checkpoint, "`\(checkpointPath)` is not a checkpoint Pipe can read",
                            hint: "run without `--resume` to start over")
        }
        guard checkpoint.version == Checkpoint.currentVersion else {
            throw PipeError(.checkpoint, "`\(checkpointPath)` was written by another version of Pipe (format \(checkpoint.version), this one reads \(Checkpoint.currentVersion))",
                            hint: "run without `--resume` to start over")
        }
        return checkpoint
    }

    /// Replaces the checkpoint atomically and durably.
    public func save(_ checkpoint: Checkpoint) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(checkpoint)
        } catch {
            throw PipeError(.io, "cannot encode the checkpoint: \(error)")
        }
        let file = try AtomicFile(path: checkpointPath)
        try file.write(Array(data) + [0x0A])
        try file.commit()
    }

    /// Removes the checkpoint and every stage's state: the run they described is complete or void.
    ///
    /// With `removingFolder`, the lock and the folder go too (the store is then of no further use).
    public func clear(removingFolder: Bool = false) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name != "lock" {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        if removingFolder {
            unlink(folder + "/lock")
            rmdir(folder)
        }
    }
}
