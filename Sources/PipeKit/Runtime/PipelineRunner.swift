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

    /// Runs the pipeline over `source`, handing every finished batch to `deliver`.
    ///
    /// Raw records travel with their articles, for dead letters, and are counted in bytes read.
    func run<Source: AsyncSequence & Sendable>(
        _ source: Source,
        deliver: @escaping @Sendable (any AnyBatch) async throws -> Void
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
        let contexts = stages.map {
            var context = StageContext(stageID: $0.id, pipeline: configuration.pipelineName, logger: configuration.logger)
            context.timeout = $0.timeout
            return context
        }
        try await startStages(contexts: contexts)
        let deadLetters: AtomicFile?
        do {
            deadLetters = try configuration.deadLetterPath.map { try AtomicFile(path: $0) }
        } catch {
            await finishStages(.failed, contexts: contexts)
            throw error
        }

        let segments = Segment.fuse(stages, contexts: contexts)
        let tallies = TallyBoard(stageIDs: stages.map(\.id), segments: segments)
        let channels = (0...segments.count).map { _ in
            BoundedChannel<any AnyBatch>(capacity: configuration.channelCapacity)
        }
        let batchSize = max(1, configuration.batchSize)
        let stop = configuration.stop
        let checksStop = !(source is any StopAwareSource)

        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { channels[0].finish() }
                    do {
                        var batch = Batch<Input>(sequence: 0, items: [], deadLetters: [])
                        batch.items.reserveCapacity(batchSize)
                        for try await element in source {
                            if checksStop, stop?.signal != nil { break }
                            let raw = element as? RawRecord
                            batch.items.append(Envelope(value: element, raw: raw))
                            tallies.recordRead(bytes: raw?.bytes.count ?? 0)
                            if batch.items.count == batchSize {
                                guard await channels[0].send(batch) else { return }
                                batch = Batch(sequence: batch.sequence + 1, items: [], deadLetters: [])
                                batch.items.reserveCapacity(batchSize)
                            }
                        }
                        if !batch.items.isEmpty { await channels[0].send(batch) }
                    } catch {
                        channels.forEach { $0.terminate() }
                        throw error
                    }
                }
                for (index, segment) in segments.enumerated() {
                    group.addTask {
                        do {
                            try await segment.run(index: index, input: channels[index], output: channels[index + 1], tallies: tallies)
                        } catch {
                            channels.forEach { $0.terminate() }
                            throw error
                        }
                    }
                }
                do {
                    for await batch in channels[segments.count] {
                        if let deadLetters, !batch.deadLetters.isEmpty {
                            let redaction = configuration.redaction
                            try deadLetters.write(batch.deadLetters.map { redaction.apply(to: $0).jsonLine + "\n" }.joined())
                        }
                        try await deliver(batch)
                    }
                } catch {
                    channels.forEach { $0.terminate() }
                    throw error
                }
                try await group.waitForAll()
            }
        } catch {
            deadLetters?.discard()
            await finishStages(.failed, contexts: contexts)
            throw error
        }

        let outcome: RunOutcome = stop?.signal.map { .interrupted(signal: $0) } ?? .completed
        var firstError: (any Error)?
        do { try deadLetters?.commit() } catch { firstError = error }
        for (stage, context) in zip(stages, contexts) {
            do { try await stage.finish(outcome, context) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }

        let stageTallies = tallies.stages
        let totals = tallies.read
        let written = stageTallies.last?.emitted ?? totals.records
        return RunSummary(
            outcome: outcome, read: totals.records, written: written, stages: stageTallies,
            segments: tallies.segments, elapsed: clock.now - started, bytesRead: totals.bytes,
            deadLetterFile: deadLetters?.path
        )
    }

    private func startStages(contexts: [StageContext]) async throws {
        for index in stages.indices {
            do {
                try await stages[index].start(contexts[index])
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
