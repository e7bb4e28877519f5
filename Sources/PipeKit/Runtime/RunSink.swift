/// The last part of a run: takes the batches from the last queue, in input order, writes their
/// dead letters, hands them to `deliver`, commits them to a ``ClaimedSource``, and, where the
/// source asked for a durable point after a batch, saves the checkpoint and acknowledges every
/// batch up to it (``Acknowledgements``).
struct RunSink: Sendable {
    let input: BoundedChannel<any AnyBatch>
    let deadLetters: AtomicFile?
    let redaction: Redaction
    let deliver: (@Sendable (any AnyBatch) async throws -> Void)?
    let acknowledgements: Acknowledgements
    let checkpoints: CheckpointSaver?
    /// The source to commit each batch to, when its records are claimed, with the writes left for it.
    var claims: (source: any ClaimedSource, writes: CommitWrites)?

    /// Takes every batch until the last queue ends.
    func drain() async throws {
        for await batch in input {
            try writeDeadLetters(of: batch)
            try await deliver?(batch)
            if let claims {
                let deadLetters = batch.deadLetters.map(redaction.apply(to:))
                try await claims.source.commit(ClaimCommit(records: batch.reads, writes: claims.writes.take(batch.sequence),
                                                           deadLetters: deadLetters))
            }
            if let checkpoints, let digest = acknowledgements.delivered(batch.sequence) {
                try await checkpoints.save(digest: digest)
                acknowledgements.acknowledge(through: batch.sequence)
            }
        }
    }

    private func writeDeadLetters(of batch: borrowing any AnyBatch) throws {
        guard let deadLetters, !batch.deadLetters.isEmpty else { return }
        // One letter at a time, written from the encoder's bytes: a letter holds its whole raw
        // record, which may be as large as a record may be.
        for letter in batch.deadLetters {
            var line = JSONWriter()
            redaction.apply(to: letter).writeJSON(into: &line)
            line.raw("\n")
            try deadLetters.write(line.bytes)
        }
    }
}
