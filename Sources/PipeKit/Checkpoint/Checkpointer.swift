import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checkpoints of one run: what it resumes from, when a new one is due, and the folder.
///
/// A checkpoint needs a moment when nothing is in flight. The source asks for a durable point
/// after a batch, before sending it, and then waits instead of reading on; when the batch has
/// left the last stage, every earlier batch has too, and the sink saves the checkpoint
/// (``CheckpointSaver``) and acknowledges it, which lets the source go on (``Acknowledgements``).
/// The pause costs one pipeline's drain per interval.
final class Checkpointer: Sendable {
    /// The run's settings.
    let settings: CheckpointSettings
    /// The folder, locked for this run.
    let store: CheckpointStore
    /// The pipeline's name and fingerprint, recorded in every checkpoint.
    let pipeline: String
    let fingerprint: String
    /// The checkpoint this run continues from, if it resumes one.
    let resumed: Checkpoint?
    /// The token of the run's staged names, kept across a resume.
    let token: String

    private let finalDigest = Mutex<String?>(nil)

    /// Locks the folder and loads the checkpoint to resume, or clears a stale one and records a
    /// new run that writes `outputs`.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when the checkpoint belongs to another
    ///   pipeline or another version of this one.
    init(settings: CheckpointSettings, pipeline: String, fingerprint: String, outputs: [String]) throws {
        self.settings = settings
        self.pipeline = pipeline
        self.fingerprint = fingerprint
        store = try CheckpointStore(folder: settings.folder)
        guard settings.resume, let checkpoint = try store.load(), let token = store.token else {
            token = try store.startOver(outputs: outputs)
            resumed = nil
            return
        }
        self.token = token
        guard checkpoint.pipeline == pipeline, checkpoint.fingerprint == fingerprint else {
            throw PipeError(.checkpoint, "the checkpoint in `\(settings.folder)` was written by a different pipeline, or by this one before it changed",
                            hint: "run without `--resume` to start over (a run can continue only with the same file, input and outputs)")
        }
        resumed = checkpoint
    }

    /// Adds one input record to a digest of the input: its id and size.
    static func add(_ element: some Sendable, to digest: inout StableHash) {
        guard let raw = element as? RawRecord else {
            digest.add(0)
            return
        }
        digest.add(raw.id)
        digest.add(raw.bytes.count)
    }

    /// Checks that the records skipped on resuming are the ones the checkpoint counted.
    func verifySkipped(digest: StableHash, count: Int) throws {
        guard let resumed, count == resumed.records, digest.hex == resumed.inputDigest else {
            throw PipeError(.checkpoint, "the input changed since the checkpoint: its first \(resumed?.records ?? 0) records are not the ones the interrupted run read",
                            hint: "run without `--resume` to start over")
        }
    }

    /// Whether a checkpoint is due, `records` records and `elapsed` after the last one.
    func isDue(records: Int, elapsed: Duration) -> Bool {
        if let limit = settings.records, records >= limit { return true }
        return elapsed >= settings.interval
    }

    /// Removes the checkpoint, the stages' state and the folder once the run completed, and the
    /// `.pipe` folder too when it held only this pipeline's.
    func completed() {
        store.clear(removingFolder: true)
        if settings.folder == CheckpointSettings.defaultFolder(pipeline: pipeline) {
            rmdir(PathParts.parent(settings.folder))
        }
    }

    /// Records the digest of the whole input read, for the checkpoint of an interrupted run.
    func inputEnded(digest: String) {
        finalDigest.withLock { $0 = digest }
    }

    /// The digest of the whole input read, once reading ended.
    var endDigest: String? { finalDigest.withLock { $0 } }
}
