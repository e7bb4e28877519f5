#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a checked list of stages over a source, in three parts joined by bounded queues:
///
/// ```
/// source ─▶ queue ─▶ segment 1 (width w₁) ─▶ queue ─▶ … ─▶ segment n ─▶ queue ─▶ sink
///   ▲                                                                            │
///   └──────────────────────── acknowledgements ◀─────────────────────────────────┘
/// ```
/// The ``RunSource`` reads and batches the input; the fused ``Segment``s run the stages; the
/// ``RunSink`` writes dead letters, delivers batches and saves checkpoints, and acknowledges to
/// the source what is durable. Batches carry sequence numbers; every segment sends them on in
/// order, so the sink sees the input order and writes dead letters in it. Memory is bounded by
/// the batch size times the batches that can be in flight: the queues' capacities plus the
/// segments' windows. ``RunCounters`` holds the live counts all parts add to.
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
        guard let first = stages.first else {
            throw PipeError(.missingKey, "a pipeline needs at least one stage")
        }
        guard first.inputType == DataType(Source.Element.self) else {
            throw PipeError(.typeMismatch, "stage `\(first.id)` expects \(first.inputType) but the source gives \(Source.Element.self)")
        }
        let started = ContinuousClock.now
        let outputs = stages.flatMap(\.outputFiles) + mergeLogPaths.values.sorted()
            + [configuration.deadLetterPath, configuration.statsPath, configuration.shard?.marker].compactMap { $0 }
        // Before anything else, so that a second run writing the same files touches nothing.
        let locks = try OutputLocks(outputs: outputs, pipeline: configuration.pipelineName)
        defer { withExtendedLifetime(locks) {} }
        let checkpointer = try configuration.checkpoint.map {
            try Checkpointer(settings: $0, pipeline: configuration.pipelineName, fingerprint: configuration.fingerprint, outputs: outputs)
        }
        let run = try await prepare(checkpointer: checkpointer, deliver: deliver != nil, claims: source is any ClaimedSource)
        do {
            try await runParts(source, run: run, deliver: deliver)
        } catch {
            run.deadLetters?.discard()
            run.mergeLogs.values.forEach { $0.file.discard() }
            await finishStages(.failed, contexts: run.contexts)
            checkpointer?.store.clear()
            throw error
        }
        return try await finish(run, started: started, claims: (source as? any ClaimedSource)?.report)
    }

    /// What a run sets up before reading: the stages started (or resumed), the dead-letter file,
    /// the segments, queues and counters.
    private struct Prepared {
        let checkpointer: Checkpointer?
        let token: String
        let publication: Publication
        let contexts: [StageContext]
        let deadLetters: AtomicFile?
        let mergeLogs: [String: MergeLog]
        let segments: [Segment]
        let queues: [BoundedChannel<any AnyBatch>]
        let counters: RunCounters
        /// The writes writers leave for the commit of their batch, when the source is claimed.
        let commitWrites: CommitWrites?
    }

    private func prepare(checkpointer: Checkpointer?, deliver: Bool, claims: Bool) async throws -> Prepared {
        let commitWrites = claims ? CommitWrites() : nil
        let resumed = checkpointer?.resumed
        let token = checkpointer?.token ?? SafeFile.randomToken()
        let publication = Publication()
        var contexts = stages.map {
            var context = StageContext(stageID: $0.id, pipeline: configuration.pipelineName, logger: configuration.logger)
            context.timeout = $0.timeout
            context.stagingToken = token
            context.stateStore = checkpointer?.store
            context.publication = publication
            context.commitWrites = commitWrites
            if $0.isWriter { context.writeTurns = WriteTurns() }
            return context
        }
        try await startStages(contexts: contexts, resuming: resumed)
        let deadLetters: AtomicFile?, mergeLogs: [String: MergeLog]
        do {
            (deadLetters, mergeLogs) = try openRunFiles(token: token, resuming: resumed)
        } catch {
            await finishStages(.failed, contexts: contexts)
            throw error
        }
        for index in contexts.indices { contexts[index].mergeLog = mergeLogs[stages[index].id] }
        var segments = Segment.fuse(stages, contexts: contexts)
        if !deliver { segments[segments.count - 1].dropsValues = true }
        let queues = (0...segments.count).map { _ in BoundedChannel<any AnyBatch>(capacity: configuration.channelCapacity) }
        let counters = RunCounters(stageIDs: stages.map(\.id), segments: segments, queues: queues, resuming: resumed)
        return Prepared(checkpointer: checkpointer, token: token, publication: publication, contexts: contexts,
                        deadLetters: deadLetters, mergeLogs: mergeLogs, segments: segments, queues: queues, counters: counters,
                        commitWrites: commitWrites)
    }

    /// Opens the files the runtime writes itself, new or where `checkpoint` left them: the
    /// dead-letter file and, in a sharded run, the merge log of each stage that keeps one. On a
    /// failure, those already opened are discarded.
    private func openRunFiles(token: String, resuming checkpoint: Checkpoint?) throws -> (AtomicFile?, [String: MergeLog]) {
        var deadLetters: AtomicFile?
        var mergeLogs: [String: MergeLog] = [:]
        do {
            deadLetters = try configuration.deadLetterPath.map { try AtomicFile(path: $0, token: token, resumingAt: checkpoint?.deadLetters) }
            for (id, path) in mergeLogPaths {
                mergeLogs[id] = try MergeLog(path: path, token: token, resumingAt: checkpoint.map { $0.mergeLogs?[id] ?? 0 })
            }
        } catch {
            deadLetters?.discard()
            mergeLogs.values.forEach { $0.file.discard() }
            throw error
        }
        return (deadLetters, mergeLogs)
    }

    /// Runs the source, the segments and the sink, each in a task of its own; the first to fail
    /// ends the others.
    private func runParts<Source: AsyncSequence & Sendable>(
        _ source: Source, run: Prepared, deliver: (@Sendable (any AnyBatch) async throws -> Void)?
    ) async throws where Source.Element: Sendable {
        let acknowledgements = Acknowledgements()
        let queues = run.queues
        let terminate = { @Sendable in
            queues.forEach { $0.terminate() }
            acknowledgements.terminate()
        }
        let reader = RunSource(source: source, output: queues[0], batchSize: max(1, configuration.batchSize),
                               stop: configuration.stop, checkpointer: run.checkpointer,
                               acknowledgements: acknowledgements, counters: run.counters)
        var sink = RunSink(input: queues[run.segments.count], deadLetters: run.deadLetters, redaction: configuration.redaction,
                           deliver: deliver, acknowledgements: acknowledgements, checkpoints: saver(for: run))
        if let claimed = source as? any ClaimedSource, let writes = run.commitWrites { sink.claims = (claimed, writes) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await reader.pump() } catch { terminate(); throw error }
            }
            for (index, segment) in run.segments.enumerated() {
                group.addTask {
                    do {
                        try await segment.run(index: index, input: queues[index], output: queues[index + 1], counters: run.counters)
                    } catch {
                        terminate()
                        throw error
                    }
                }
            }
            do { try await sink.drain() } catch { terminate(); throw error }
            try await group.waitForAll()
        }
    }

    private func saver(for run: Prepared) -> CheckpointSaver? {
        run.checkpointer.map {
            CheckpointSaver(checkpointer: $0, stages: stages, contexts: run.contexts, counters: run.counters,
                            deadLetters: run.deadLetters, mergeLogs: run.mergeLogs)
        }
    }

    /// Ends a run that read its input (or was stopped): the last checkpoint of an interrupted
    /// run, the stages finished, every output staged and then published together. `claims` is
    /// what a claimed source did, for the summary.
    private func finish(_ run: Prepared, started: ContinuousClock.Instant, claims: ClaimReport?) async throws -> RunSummary {
        let outcome: RunOutcome = configuration.stop?.signal.map { .interrupted(signal: $0) } ?? .completed
        var firstError: (any Error)?
        if case .interrupted = outcome, let digest = run.checkpointer?.endDigest, let saver = saver(for: run) {
            do { try await saver.save(digest: digest) } catch { firstError = error }
        }
        do { try run.deadLetters?.stage(in: run.publication) } catch { firstError = firstError ?? error }
        for log in run.mergeLogs.values.sorted(by: { $0.path < $1.path }) {
            do { try log.file.stage(in: run.publication) } catch { firstError = firstError ?? error }
        }
        for (stage, context) in zip(stages, run.contexts) {
            do { try await stage.finish(outcome, context) } catch { firstError = firstError ?? error }
        }
        let snapshot = run.counters.snapshot()
        let resumed = run.checkpointer?.resumed
        var summary = RunSummary(
            outcome: outcome, read: snapshot.records, written: snapshot.stages.last?.emitted ?? snapshot.records,
            stages: snapshot.stages, segments: snapshot.segments, elapsed: .now - started, bytesRead: snapshot.bytes,
            deadLetterFile: run.deadLetters?.path, resumedRecords: resumed?.records ?? 0, resumedBytes: resumed?.bytes ?? 0,
            checkpointFolder: outcome == .completed ? nil : run.checkpointer?.settings.folder
        )
        summary.shard = configuration.shard?.shard
        summary.claims = claims
        if firstError == nil, let path = configuration.statsPath {
            do { try Self.stage(summary.json, at: path, token: run.token, in: run.publication) } catch { firstError = error }
        }
        // Last, so that it is renamed into place after every output it vouches for.
        if firstError == nil, outcome == .completed, let files = configuration.shard {
            let marker = ShardMarker(pipeline: configuration.pipelineName, shard: files.shard,
                                     fingerprint: configuration.shardFingerprint, summary: summary)
            do { try Self.stage(marker.json, at: files.marker, token: run.token, in: run.publication) } catch { firstError = error }
        }
        // All outputs or none: published only when every one of them is complete. A run that
        // failed here cannot be resumed: its staged files are gone, and so is its checkpoint.
        if let firstError {
            run.publication.discard()
            run.checkpointer?.store.clear()
            throw firstError
        }
        try run.publication.publish()
        if outcome == .completed { run.checkpointer?.completed() }
        return summary
    }

    /// Writes a JSON file of the run's own (`--stats`, a shard's marker), staged with the run's other outputs.
    private static func stage(_ json: String, at path: String, token: String, in publication: Publication) throws {
        // Only an earlier attempt of this run, stopped while publishing, can have left this name.
        let file = try AtomicFile.replacingEarlierAttempt(path: path, token: token)
        try file.write(json.hasSuffix("\n") ? json : json + "\n")
        try file.stage(in: publication)
    }

    /// The merge log of each stage that keeps one, by stage id, in a sharded run.
    private var mergeLogPaths: [String: String] {
        guard let files = configuration.shard else { return [:] }
        return Dictionary(uniqueKeysWithValues: stages.filter { $0.mergeLogKind != nil }.map { ($0.id, files.log(stage: $0.id)) })
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
