/// The first part of a run: reads the input, skips the records a resumed run already did
/// (checking that they are the same ones), counts what it reads, and pumps batches into the
/// first queue. When a checkpoint is due it asks for a durable point after the batch it sends,
/// and reads on only once the sink has acknowledged it (``Acknowledgements``). A batch from a
/// ``ClaimedSource`` ends where a claim ends, so that the claim is committed without waiting for
/// the next one.
struct RunSource<Source: AsyncSequence & Sendable>: Sendable where Source.Element: Sendable {
    let source: Source
    let output: BoundedChannel<any AnyBatch>
    let batchSize: Int
    let stop: StopSignal?
    let checkpointer: Checkpointer?
    let acknowledgements: Acknowledgements
    let counters: RunCounters

    /// Where reading stands.
    private struct Progress {
        /// The digest of the records read, for the checkpoint: their ids and sizes.
        var digest = StableHash()
        /// Records of the interrupted run still to skip.
        var skipping: Int
        /// Records sent on so far: the next one's ordinal.
        var sent = 0
        var sinceCheckpoint: (records: Int, time: ContinuousClock.Instant)
    }

    /// Reads the whole input (or until the stop signal) and finishes the queue.
    func pump() async throws {
        defer { output.finish() }
        let resumed = checkpointer?.resumed?.records ?? 0
        let checksStop = !(source is any StopAwareSource)
        let claimed = source as? any ClaimedSource
        var progress = Progress(skipping: resumed, sinceCheckpoint: (0, ContinuousClock.now))
        var batch = Batch<Source.Element>(sequence: 0, reservingCapacity: batchSize)
        for try await element in source {
            if progress.skipping > 0 {
                // Done by the interrupted run: only checked to be the same records.
                Checkpointer.add(element, to: &progress.digest)
                progress.skipping -= 1
                if progress.skipping == 0 { try checkpointer?.verifySkipped(digest: progress.digest, count: resumed) }
                continue
            }
            if checksStop, stop?.signal != nil { break }
            if checkpointer != nil { Checkpointer.add(element, to: &progress.digest) }
            let raw = element as? RawRecord
            batch.append(element, raw: raw)
            counters.recordRead(bytes: raw?.bytes.count ?? 0)
            progress.sent += 1
            guard batch.count == batchSize || claimed?.endsClaim(at: progress.sent - 1) == true else { continue }
            batch.reads = progress.sent - batch.count..<progress.sent
            let sequence = batch.sequence
            guard await send(batch, progress: &progress) else { return }
            batch = Batch(sequence: sequence + 1, reservingCapacity: batchSize)
        }
        if progress.skipping > 0 { try checkpointer?.verifySkipped(digest: progress.digest, count: resumed - progress.skipping) }
        checkpointer?.inputEnded(digest: progress.digest.hex)
        if batch.count > 0 {
            batch.reads = progress.sent - batch.count..<progress.sent
            await output.send(batch)
        }
    }

    /// Sends a full batch, first asking for a checkpoint after it when one is due, then waiting
    /// for that checkpoint; `false` when the run is ending.
    private func send(_ batch: consuming Batch<Source.Element>, progress: inout Progress) async -> Bool {
        let sequence = batch.sequence
        progress.sinceCheckpoint.records += batch.count
        let due = checkpointer?.isDue(records: progress.sinceCheckpoint.records,
                                      elapsed: .now - progress.sinceCheckpoint.time) ?? false
        if due { acknowledgements.request(after: sequence, digest: progress.digest.hex) }
        guard await output.send(consume batch) else { return false }
        guard due else { return true }
        guard await acknowledgements.wait(for: sequence) else { return false }
        progress.sinceCheckpoint = (0, .now)
        return true
    }
}
