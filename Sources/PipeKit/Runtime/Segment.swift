/// Adjacent stages with the same worker count, fused: one task runs all of them over a batch.
struct Segment: Sendable {
    /// The stages, with their contexts and their index in the pipeline.
    let stages: [(stage: AnyStage, context: StageContext, index: Int)]
    /// Batches processed at once.
    let width: Int
    /// The batches in flight at once: two a worker, so that every worker can start a batch while
    /// the one it finished waits for its turn to write (``WriterStage``) or for the batch before
    /// to be sent on. With only ``width``, 200 MB on 2 cores ran at 45–52 MB/s against 54–56 with
    /// one more (alternating runs). With one more only, a core slowed by other work held the
    /// other back: with a busy loop sharing the second core, 34.5–36.4 MB/s against 36.2–39.0
    /// with two a worker.
    ///
    /// One for a segment of one worker: its stages see the batches one at a time, in input
    /// order, as `dedupe` needs. With two in flight, the second batch could be deduplicated
    /// before the first, and which of two equal articles was kept changed from run to run.
    var window: Int { width == 1 ? 1 : 2 * width }
    /// Whether a processed batch gives up its items (keeping its dead letters), as nothing after
    /// the segment reads them: they are freed by the worker that made them.
    var dropsValues = false

    /// Splits a pipeline into segments: a new one starts wherever the worker count changes. A
    /// writer joins the segment before it, whose workers encode for it (``WriterStage``).
    static func fuse(_ stages: [AnyStage], contexts: [StageContext]) -> [Segment] {
        var segments: [Segment] = []
        var current: [(AnyStage, StageContext, Int)] = []
        var width = 0
        for (index, stage) in stages.enumerated() {
            let workers = stage.isWriter && !current.isEmpty ? width : stage.concurrency.workerCount
            if !current.isEmpty, workers != width {
                segments.append(Segment(stages: current, width: width))
                current = []
            }
            width = workers
            current.append((stage, contexts[index], index))
        }
        if !current.isEmpty { segments.append(Segment(stages: current, width: width)) }
        return segments
    }

    /// Runs every stage of the segment over one batch, handing it on from stage to stage without
    /// keeping a reference, so that each stage may take the items out (``AnyStage``).
    func process(_ batch: consuming any AnyBatch, index: Int, counters: RunCounters) async throws -> any AnyBatch {
        let clock = ContinuousClock()
        let started = clock.now
        defer { counters.addSegment(index, busy: clock.now - started) }
        var current = consume batch
        for entry in stages {
            let (next, tally) = try await entry.stage.processBatch(consume current, entry.context)
            counters.add(tally, at: entry.index)
            current = next
        }
        return dropsValues ? current.droppingValues() : current
    }

    /// Processes batches from `input` with up to ``window`` in flight and sends them on in order.
    ///
    /// The window slides: a new batch is received only when fewer than ``window`` batches are
    /// started and not yet sent on, so the reorder buffer never holds more than ``window``
    /// batches. Receiving is a task of its own, so that batches in flight are finished and sent
    /// on while the segment waits for input: a pause upstream (a checkpoint) never holds back
    /// what was already read.
    func run(
        index: Int, input: BoundedChannel<any AnyBatch>, output: BoundedChannel<any AnyBatch>, counters: RunCounters
    ) async throws {
        enum Event: Sendable {
            case received((any AnyBatch)?)
            case processed(any AnyBatch)
        }
        let clock = ContinuousClock()
        let receive: @Sendable () async throws -> Event = {
            let waiting = clock.now
            defer { counters.addSegment(index, inputWait: clock.now - waiting) }
            return .received(await input.next())
        }
        try await withThrowingTaskGroup(of: Event.self) { group in
            var reorder = ReorderBuffer<any AnyBatch>()
            var inFlight = 0
            var receiving = true
            group.addTask(operation: receive)
            while let event = try await group.next() {
                switch consume event {
                case .received(let batch?):
                    // Through a box the task empties: a batch captured by the task's closure would
                    // stay referenced by it until the task ends.
                    let handoff = Handoff(consume batch)
                    group.addTask {
                        guard let batch = handoff.take() else { preconditionFailure("a batch is processed once") }
                        return .processed(try await process(batch, index: index, counters: counters))
                    }
                    inFlight += 1
                    receiving = false
                case .received(nil):
                    continue
                case .processed(let done):
                    for ready in reorder.insert(done, at: done.sequence) {
                        inFlight -= 1
                        let waiting = clock.now
                        let sent = await output.send(ready)
                        counters.addSegment(index, outputWait: clock.now - waiting)
                        guard sent else { return }
                    }
                }
                if !receiving, inFlight < window {
                    receiving = true
                    group.addTask(operation: receive)
                }
            }
        }
        output.finish()
    }
}
