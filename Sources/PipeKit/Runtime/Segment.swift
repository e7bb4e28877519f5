/// Adjacent stages with the same worker count, fused: one task runs all of them over a batch.
struct Segment: Sendable {
    /// The stages, with their contexts and their index in the pipeline.
    let stages: [(stage: AnyStage, context: StageContext, index: Int)]
    /// Batches processed at once.
    let width: Int

    /// Splits a pipeline into segments: a new one starts wherever the worker count changes.
    static func fuse(_ stages: [AnyStage], contexts: [StageContext]) -> [Segment] {
        var segments: [Segment] = []
        var current: [(AnyStage, StageContext, Int)] = []
        var width = 0
        for (index, stage) in stages.enumerated() {
            let workers = stage.concurrency.workerCount
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

    /// Runs every stage of the segment over one batch.
    func process(_ batch: any AnyBatch, index: Int, tallies: TallyBoard) async throws -> any AnyBatch {
        let clock = ContinuousClock()
        let started = clock.now
        defer { tallies.addSegment(index, busy: clock.now - started) }
        var current = batch
        for entry in stages {
            let (next, tally) = try await entry.stage.processBatch(current, entry.context)
            tallies.add(tally, at: entry.index)
            current = next
        }
        return current
    }

    /// Processes batches from `input` with up to ``width`` in flight and sends them on in order.
    ///
    /// The window slides: a new batch starts only when fewer than ``width`` batches are started
    /// and not yet sent on, so the reorder buffer never holds more than ``width`` batches.
    func run(
        index: Int, input: BoundedChannel<any AnyBatch>, output: BoundedChannel<any AnyBatch>, tallies: TallyBoard
    ) async throws {
        let clock = ContinuousClock()
        try await withThrowingTaskGroup(of: (any AnyBatch).self) { group in
            var reorder = ReorderBuffer<any AnyBatch>()
            var inFlight = 0
            var inputDone = false
            while true {
                while !inputDone, inFlight < width {
                    let waiting = clock.now
                    let next = await input.next()
                    tallies.addSegment(index, inputWait: clock.now - waiting)
                    guard let batch = next else {
                        inputDone = true
                        break
                    }
                    group.addTask { try await process(batch, index: index, tallies: tallies) }
                    inFlight += 1
                }
                guard let done = try await group.next() else { break }
                for ready in reorder.insert(done, at: done.sequence) {
                    inFlight -= 1
                    let waiting = clock.now
                    let sent = await output.send(ready)
                    tallies.addSegment(index, outputWait: clock.now - waiting)
                    guard sent else { return }
                }
            }
        }
        output.finish()
    }
}
