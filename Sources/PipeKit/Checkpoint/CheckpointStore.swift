import Foundation
import Synchronization

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
///
/// The folder holds only Pipe's files: `lock`, `run.json` (the ``RunLedger`` of what the run
/// creates), `checkpoint.json` and the state files the ledger names. A folder holding anything
/// else is refused (``problem(with:)``), and the store removes its files by name, never a
/// folder's other contents.
public final class CheckpointStore: Sendable {
    /// The folder.
    public let folder: String
    private let lock: Int32
    private let ledger: Mutex<RunLedger?>

    /// The checkpoint's path in the folder.
    public var checkpointPath: String { Self.checkpointPath(in: folder) }

    /// The path of the checkpoint kept in `folder`.
    public static func checkpointPath(in folder: String) -> String { folder + "/checkpoint.json" }

    /// The names Pipe writes in every checkpoint folder.
    static let fixedNames: Set<String> = ["lock", RunLedger.fileName, "checkpoint.json"]

    /// Creates the folder if needed and locks it.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when the folder holds files Pipe did not
    ///   write, is another user's symbolic link, or another run holds the lock; `io` when the
    ///   folder cannot be written.
    public init(folder: String) throws {
        self.folder = folder
        if let problem = Self.problem(with: folder) {
            throw PipeError(.checkpoint, "cannot keep checkpoints in `\(folder)`: \(problem)", hint: Self.folderHint)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipeError(.io, "cannot create the checkpoint folder `\(folder)`: \(error.localizedDescription)",
                            hint: "set `checkpoint: { folder: PATH }` to a folder you can write to, or `checkpoint: false`")
        }
        let descriptor = open(folder + "/lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipeError(.io, "cannot open `\(folder)/lock`: \(SafeFile.lastError)")
        }
        if let problem = SafeFile.notOwn(descriptor) {
            close(descriptor)
            throw PipeError(.checkpoint, "cannot use `\(folder)/lock`: \(problem)", hint: Self.folderHint)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PipeError(.checkpoint, "another run of this pipeline is running (it holds `\(folder)/lock`)",
                            hint: "wait for it to end, or stop it with Ctrl-C")
        }
        lock = descriptor
        ledger = Mutex(Self.readLedger(in: folder))
    }

    deinit { close(lock) }

    static let folderHint = "choose a new or empty folder with `checkpoint: { folder: PATH }`: Pipe keeps only its own files there"

    /// The token of the run's staged names, once ``startOver(outputs:)`` or a resumed ledger set it.
    var token: String? { ledger.withLock { $0?.token } }

    /// The checkpoint in the folder, or `nil` when there is none.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when the file cannot be read as a checkpoint
    ///   of this version, or the run that wrote it left no ledger.
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
        guard token != nil else {
            throw PipeError(.checkpoint, "`\(folder)` holds a checkpoint but no `\(RunLedger.fileName)` naming the run's files",
                            hint: "run without `--resume` to start over")
        }
        return checkpoint
    }

    /// Replaces the checkpoint atomically and durably.
    public func save(_ checkpoint: Checkpoint) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try replace(checkpointPath, with: encoder.encode(checkpoint))
        } catch let error as EncodingError {
            throw PipeError(.io, "cannot encode the checkpoint: \(error)")
        }
    }

    /// Removes what the previous run of the folder left and records a new run writing `outputs`.
    ///
    /// Returns the new run's token.
    package func startOver(outputs: [String]) throws -> String {
        clear()
        let fresh = RunLedger(token: SafeFile.randomToken(), outputs: outputs)
        try write(fresh)
        return fresh.token
    }

    /// The path of a stage's state file `STAGE.NAME`, recorded in the ledger before it is created.
    func stateFile(stage: String, name: String) throws -> String {
        let fileName = stage + "." + name
        let updated: RunLedger? = ledger.withLock { ledger in
            guard var value = ledger, !value.state.contains(fileName) else { return nil }
            value.state.append(fileName)
            ledger = value
            return value
        }
        if let updated { try write(updated) }
        return folder + "/" + fileName
    }

    /// Removes the checkpoint, every stage's state and the run's staged files: the run they
    /// described is complete or void. Only files the ledger names go; nothing else in the folder.
    ///
    /// With `removingFolder`, the ledger, the lock and the folder go too (the folder only when
    /// nothing else is in it; the store is then of no further use).
    public func clear(removingFolder: Bool = false) {
        // The checkpoint first: a run killed part way through clearing then starts over on
        // `--resume`, instead of continuing from files that are already gone.
        unlink(checkpointPath)
        let previous = ledger.withLock { $0 }
        if let previous {
            unlink(folder + "/" + Self.stagedName("checkpoint.json", token: previous.token))
            previous.stagedFiles.forEach { unlink($0) }
            previous.state.forEach { unlink(folder + "/" + $0) }
        }
        guard removingFolder else { return }
        if let previous { unlink(folder + "/" + Self.stagedName(RunLedger.fileName, token: previous.token)) }
        unlink(folder + "/" + RunLedger.fileName)
        unlink(folder + "/lock")
        rmdir(folder)
    }

    private static func stagedName(_ name: String, token: String) -> String {
        PathParts.name(SafeFile.stagedPath(of: name, token: token))
    }

    private func write(_ value: RunLedger) throws {
        do {
            try replace(folder + "/" + RunLedger.fileName, with: JSONEncoder().encode(value))
        } catch let error as EncodingError {
            throw PipeError(.io, "cannot encode `\(RunLedger.fileName)`: \(error)")
        }
        ledger.withLock { $0 = value }
    }

    /// Writes a file of the folder through a staged name of the run's token (or a new one), which
    /// an earlier attempt of the same run, stopped mid-write, may have left.
    private func replace(_ path: String, with data: Data) throws {
        let token = token ?? SafeFile.randomToken()
        let file = try AtomicFile.replacingEarlierAttempt(path: path, token: token)
        try file.write(Array(data) + [0x0A])
        try file.commit()
    }

    /// The folder's ledger, read only when it is this user's plain file.
    static func readLedger(in folder: String) -> RunLedger? {
        let descriptor = try? SafeFile.reopen(folder + "/" + RunLedger.fileName, flags: O_RDONLY)
        guard let descriptor else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let data = try? handle.readToEnd() else { return nil }
        return try? JSONDecoder().decode(RunLedger.self, from: data)
    }
}
