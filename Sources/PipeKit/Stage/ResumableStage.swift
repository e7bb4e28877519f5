/// A stage that writes or remembers something a resumed run must continue from.
///
/// While a run keeps checkpoints (`pipe run` does unless the file says `checkpoint: false`), the
/// runtime stops feeding the pipeline every so often, waits until nothing is in flight, and asks
/// every resumable stage for its position: the stage makes what it has written durable and
/// describes where it stands in a few numbers (bytes written, rows inserted). The checkpoint
/// stores them. `pipe run --resume` then calls ``resume(from:context:)`` instead of
/// ``Stage/start(context:)``, and the stage continues exactly there, so that the finished files
/// are the same, byte for byte, as those of a run that was never stopped.
///
/// ```swift
/// func checkpoint(context: StageContext) async throws -> StagePosition {
///     ["bytes": try file.sync()]
/// }
/// func resume(from position: StagePosition, context: StageContext) async throws {
///     file = try AtomicFile(path: path, resumingAt: position["bytes"] ?? 0)
/// }
/// ```
public protocol ResumableStage: Stage {
    /// Makes everything the stage wrote so far durable and returns where it stands.
    ///
    /// Called only between items, when no item is in flight anywhere in the pipeline.
    func checkpoint(context: StageContext) async throws -> StagePosition

    /// Starts the stage where a checkpoint left it; called instead of ``Stage/start(context:)``.
    func resume(from position: StagePosition, context: StageContext) async throws
}

/// Where a resumable stage stands: named counts such as `bytes` or `rows.articles`.
public typealias StagePosition = [String: Int]
