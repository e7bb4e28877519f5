/// Writes a run's checkpoint: each resumable stage's position (made durable by the stage), the
/// dead letters synced, and the counters so far.
struct CheckpointSaver: Sendable {
    let checkpointer: Checkpointer
    let stages: [AnyStage]
    let contexts: [StageContext]
    let counters: RunCounters
    let deadLetters: AtomicFile?
    let mergeLogs: [String: MergeLog]

    /// Saves the checkpoint of a run that has read what `digest` describes.
    func save(digest: String) async throws {
        var positions: [String: StagePosition] = [:]
        for (stage, context) in zip(stages, contexts) {
            if let checkpoint = stage.checkpoint { positions[stage.id] = try await checkpoint(context) }
        }
        let read = counters.read
        var checkpoint = Checkpoint(
            pipeline: checkpointer.pipeline, fingerprint: checkpointer.fingerprint, records: read.records,
            bytes: read.bytes, inputDigest: digest, deadLetters: try deadLetters?.sync(), stages: positions,
            tallies: counters.stages
        )
        if !mergeLogs.isEmpty { checkpoint.mergeLogs = try mergeLogs.mapValues { try $0.file.sync() } }
        try checkpointer.store.save(checkpoint)
    }
}
