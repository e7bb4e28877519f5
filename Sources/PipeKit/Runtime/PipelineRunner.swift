#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a checked list of stages over a source: reader, fused segments, bounded channels, sink.
///
/// ```
/// reader ─▶ channel ─▶ segment 1 (width w₁) ─▶ channel ─▶ … ─▶ segment n ─▶ channel ─▶ sink
/// ```
/// Batches carry sequence numbers; every segment sends them on in order, so the sink sees the
/// input order and writes dead letters in it. Memory is bounded by the batch size times the
/// batches that can be in flight: the channels' capacities plus the segments' windows.
struct PipelineRunner: Sendable {
    let stages: [AnyStage]
    let configuration: RunConfiguration

    /// Runs the pipeline over `source`, handing every finished batch to `deliver`; without
    /// `deliver`, the last segment drops each batch's items once it is done with them.
    ///
    /// Raw records travel with their articles, for dead letters, and are counted in bytes read.
    func run<Source: AsyncSequence & Sendable>(
        _ source: Source,
        deliver: (@Sendable (any AnyBatch) async throws -> Void)?
    ) async throws -> RunSummary where Source.Element: Sendable {
        typealias Input = Source.Element
        guard let first = stages.first else {
            throw PipeError(.missingKey, "a pipeline needs at least one stage")
        }
        guard first.inputType == DataType(Input.self) else {
            throw PipeError(.typeMismatch, "stage `\(first.id)` expects \(first.inputType) but the source gives \(Input.self)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let outputs = stages.flatMap(\.outputFiles) + [configuration.deadLetterPath, configuration.statsPath].compactMap { $0 }
        // Before anything else, so that a second run writing the same files touches nothing.
        let locks = try OutputLocks(outputs: outputs, pipeline: configuration.pipelineName)
        defer { withExtendedLifetime(locks) {} }
        let checkpointer = try configuration.checkpoint.map {
            try Checkpointer(settings: $0, pipeline: configuration.pipelineName, fingerprint: configuration.fingerprint, outputs: outputs)
        }
        let resumed = checkpointer?.resumed
        let token = checkpointer?.token ?? SafeFile.randomToken()
        let publication = Publication()
        let contexts = stages.map {
            var context = StageContext(stageID: $0.id, pipeline: configuration.pipelineName, logger: configuration.logger)
            context.timeout = $0.timeout
            context.stagingToken = token
            context.stateStore = checkpointer?.store
            context.publication = publication
            if $0.isWriter { context.writeTurns = WriteTurns() }
            return context
        }
        try await startStages(contexts: contexts, resuming: resumed)
        let deadLetters: AtomicFile?
        do {
            deadLetters = try configuration.deadLetterPath.map { try AtomicFile(path: $0, token: token, resumingAt: resumed?.deadLetters) }
        } catch {
            await finishStages(.failed, contexts: contexts)
            throw error
        }

        var segments = Segment.fuse(stages, contexts: contexts)
        if deliver == nil { segments[segments.count - 1].dropsValues = true }
        let tallies = TallyBoard(stageIDs: stages.map(\.id), segments: segments, resuming: resumed)
        let channels = (0...segments.count).map { _ in
            BoundedChannel<any AnyBatch>(capacity: configuration.channelCapacity)
        }
        let terminate = { @Sendable in
            channels.forEach { $0.terminate() }
            checkpointer?.terminate()
        }
        let batchSize = max(1, configuration.batchSize)
        let stop = configuration.stop
        let checksStop = !(source is any StopAwareSource)
        let saveCheckpoint = { @Sendable (digest: String) async throws in
            guard let checkpointer else { return }
            var positions: [String: StagePosition] = [:]
            for (stage, context) in zip(stages, contexts) {
                if let checkpoint = stage.checkpoint { positions[stage.id] = try await checkpoint(context) }
            }
            let read = tallies.read
            try checkpointer.store.save(Checkpoint(
                pipeline: checkpointer.pipeline, fingerprint: checkpointer.fingerprint, records: read.records,
                bytes: read.bytes, inputDigest: digest, deadLetters: try deadLetters?.sync(), stages: positions,
                tallies: tallies.stages
            ))
        }

        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { channels[0].finish() }
                    do {
                        var digest = StableHash()
                        var skipping = resumed?.records ?? 0
                        var sinceCheckpoint = (records: 0, time: clock.now)
                        var batch = Batch<Input>(sequence: 0, reservingCapacity: batchSize)
                        for try await element in source {
                            if skipping > 0 {
                                // Done by the interrupted run: only checked to be the same records.
                                Checkpointer.add(element, to: &digest)
                                skipping -= 1
                                if skipping == 0 { try checkpointer?.verifySkipped(digest: digest, count: resumed?.records ?? 0) }
                                continue
                            }
                            if checksStop, stop?.signal != nil { break }
                            if checkpointer != nil { Checkpointer.add(element, to: &digest) }
                            let raw = element as? RawRecord
                            batch.append(element, raw: raw)
                            tallies.recordRead(bytes: raw?.bytes.count ?? 0)
                            if batch.count == batchSize {
                                sinceCheckpoint.records += batch.count
                                let checkpointDue = checkpointer?.isDue(
                                    records: sinceCheckpoint.records, elapsed: clock.now - sinceCheckpoint.time
                                ) ?? false
                                if checkpointDue { checkpointer?.request(after: batch.sequence, digest: digest.hex) }
                                let sequence = batch.sequence
                                guard await channels[0].send(consume batch) else { return }
                                if checkpointDue {
                                    guard await checkpointer?.waitForCheckpoint() == true else { return }
                                    sinceCheckpoint = (0, clock.now)
                                }
                                batch = Batch(sequence: sequence + 1, reservingCapacity: batchSize)
                            }
                        }
                        if skipping > 0 { try checkpointer?.verifySkipped(digest: digest, count: (resumed?.records ?? 0) - skipping) }
                        checkpointer?.inputEnded(digest: digest.hex)
                        if batch.count > 0 { await channels[0].send(batch) }
                    } catch {
                        terminate()
                        throw error
                    }
                }
                for (index, segment) in segments.enumerated() {
                    group.addTask {
                        do {
                            try await segment.run(index: index, input: channels[index], output: channels[index + 1], tallies: tallies)
                        } catch {
                            terminate()
                            throw error
                        }
                    }
                }
                do {
                    for await batch in channels[segments.count] {
                        if let deadLetters, !batch.deadLetters.isEmpty {
                            let redaction = configuration.redaction
                            // One letter at a time, written from the encoder's bytes: a letter
                            // holds its whole raw record, which may be as large as a record may be.
                            for letter in batch.deadLetters {
                                var line = JSONWriter()
                                redaction.apply(to: letter).writeJSON(into: &line)
                                line.raw("\n")
                                try deadLetters.write(line.bytes)
                            }
                        }
                        try await deliver?(batch)
                        if let checkpointer, let digest = checkpointer.takeRequest(after: batch.sequence) {
                            try await saveCheckpoint(digest)
                            await checkpointer.release()
                        }
                    }
                } catch {
                    terminate()
                    throw error
                }
                try await group.waitForAll()
            }
        } catch {
            deadLetters?.discard()
            await finishStages(.failed, contexts: contexts)
            checkpointer?.store.clear()
            throw error
        }

        let outcome: RunOutcome = stop?.signal.map { .interrupted(signal: $0) } ?? .completed
        var firstError: (any Error)?
        if case .interrupted = outcome, let digest = checkpointer?.endDigest {
            do { try await saveCheckpoint(digest) } catch { firstError = error }
        }
        do { try deadLetters?.stage(in: publication) } catch { firstError = firstError ?? error }
        for (stage, context) in zip(stages, contexts) {
            do { try await stage.finish(outcome, context) } catch { firstError = firstError ?? error }
        }

        let stageTallies = tallies.stages
        let totals = tallies.read
        let written = stageTallies.last?.emitted ?? totals.records
        let summary = RunSummary(
            outcome: outcome, read: totals.records, written: written, stages: stageTallies,
            segments: tallies.segments, elapsed: clock.now - started, bytesRead: totals.bytes,
            deadLetterFile: deadLetters?.path, resumedRecords: resumed?.records ?? 0, resumedBytes: resumed?.bytes ?? 0,
            checkpointFolder: outcome == .completed ? nil : checkpointer?.settings.folder
        )
        if firstError == nil, let path = configuration.statsPath {
            do { try Self.stage(summary, at: path, token: token, in: publication) } catch { firstError = error }
        }
        // All outputs or none: published only when every one of them is complete. A run that
        // failed here cannot be resumed: its staged files are gone, and so is its checkpoint.
        if let firstError {
            publication.discard()
            checkpointer?.store.clear()
            throw firstError
        }
        try publication.publish()
        if outcome == .completed { checkpointer?.completed() }
        return summary
    }

    /// Writes the summary as JSON for `--stats`, staged with the run's other outputs.
    private static func stage(_ summary: RunSummary, at path: String, token: String, in publication: Publication) throws {
        // Only an earlier attempt of this run, stopped while publishing, can have left this name.
        unlink(SafeFile.stagedPath(of: path, token: token))
        let file = try AtomicFile(path: path, token: token, resumingAt: nil)
        try file.write(summary.json + "\n")
        try file.stage(in: publication)
    }

    /// Starts every stage, or resumes it where `checkpoint` left it.
    private func startStages(contexts: [StageContext], resuming checkpoint: Checkpoint?) async throws {
        for index in stages.indices {
            let stage = stages[index]
            do {
                if let checkpoint, let resume = stage.resume {
                    guard let position = checkpoint.stages[stage.id] else {
                        throw PipeError(.checkpoint, "the checkpoint has no position for stage `\(stage.id)`",
                                        hint: "run without `--resume` to start over")
                    }
                    try await resume(position, contexts[index])
                } else {
                    try await stage.start(contexts[index])
                }
            } catch {
                for earlier in 0..<index { try? await stages[earlier].finish(.failed, contexts[earlier]) }
                throw error
            }
        }
    }

    private func finishStages(_ outcome: RunOutcome, contexts: [StageContext]) async {
        for (stage, context) in zip(stages, contexts) { try? await stage.finish(outcome, context) }
    }
}
