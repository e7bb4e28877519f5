import Logging

/// A stage with its input and output types erased, as the registry and the runtime hold it.
///
/// The erasure is per batch: the closures made in ``init(_:id:type:concurrency:onError:location:)``
/// cast a batch once and then call the concrete stage for every item in it. The initializer and
/// the batch loop are inlinable, and so are ``StageDescriptor/init(_:)`` and
/// ``StageRegistry/register(_:)``, so that the module that registers a stage type compiles the loop
/// for that type: unspecialized, every item cost runtime metadata lookups and copies through value
/// witnesses (2.5% of a run's samples).
public struct AnyStage: Sendable {
    /// The stage's id, unique in its pipeline.
    public let id: String
    /// The stage's type name (the YAML `type:`), or its Swift type's name.
    public let typeName: String
    /// What the stage consumes.
    public let inputType: DataType
    /// What the stage produces.
    public let outputType: DataType
    /// The workers the stage runs; always 1 for a stage that runs in order.
    public let concurrency: Concurrency
    /// What the stage does with an item it fails on.
    public let policy: ErrorPolicy
    /// Whether the stage must see items in input order.
    public let runsInOrder: Bool
    /// Whether the stage is a ``WriterStage``: it encodes in the workers of the segment before it
    /// and writes batches in input order.
    public let isWriter: Bool
    /// Files the stage writes.
    public let outputFiles: [String]
    /// What the stage records for `pipe merge` in a sharded run (``Stage/mergeLogKind``).
    public let mergeLogKind: MergeLog.Kind?
    /// The stage's ``ShardMergingStage/mergeShards(_:)``, when it combines shards' files.
    public let mergeShards: (@Sendable (ShardMerge) throws -> Void)?
    /// The article fields the stage needs and sets.
    public let fieldAccess: FieldAccess
    /// Where the stage is declared, when it comes from a pipeline file.
    public let location: SourceLocation?
    /// How long the stage may take on one item (`timeout:`); nil for no limit.
    public var timeout: Duration?

    @usableFromInline let processBatch: @Sendable (consuming any AnyBatch, StageContext) async throws -> (any AnyBatch, StageTally)
    @usableFromInline let start: @Sendable (StageContext) async throws -> Void
    @usableFromInline let finish: @Sendable (RunOutcome, StageContext) async throws -> Void
    /// The stage's ``ResumableStage/checkpoint(context:)``, when it is resumable.
    @usableFromInline let checkpoint: (@Sendable (StageContext) async throws -> StagePosition)?
    /// The stage's ``ResumableStage/resume(from:context:)``, when it is resumable.
    @usableFromInline let resume: (@Sendable (StagePosition, StageContext) async throws -> Void)?

    /// Wraps a stage.
    @inlinable
    public init<S: Stage>(
        _ stage: S,
        id: String? = nil,
        type typeName: String? = nil,
        concurrency: Concurrency = .workers(1),
        onError policy: ErrorPolicy = .fail,
        location: SourceLocation? = nil
    ) {
        let name = typeName ?? String(describing: S.self)
        let stageID = id ?? name
        self.id = stageID
        self.typeName = name
        self.inputType = DataType(S.Input.self)
        self.outputType = DataType(S.Output.self)
        self.concurrency = S.runsInOrder ? .workers(1) : concurrency
        self.policy = policy
        self.runsInOrder = S.runsInOrder
        self.outputFiles = stage.outputFiles
        self.mergeLogKind = stage.mergeLogKind
        if let merging = stage as? any ShardMergingStage {
            self.mergeShards = { @Sendable merge in try merging.mergeShards(merge, stageID: stageID) }
        } else {
            self.mergeShards = nil
        }
        self.fieldAccess = stage.fieldAccess
        self.location = location
        let batchStage = stage as? any BatchStage<S.Input, S.Output>
        let writer = stage as? any WriterStage
        isWriter = writer != nil
        if let writer {
            processBatch = Self.writerProcessBatch(stage, halves: Self.writerHalves(writer, stageID: stageID), policy: policy,
                                                   location: location)
        } else {
            processBatch = { batch, shared in
                let received = type(of: batch)
                // Consumed, so that `typed` holds the only reference to the items (see `process`).
                guard let typed = (consume batch) as? Batch<S.Input> else {
                    throw PipeError(.typeMismatch, "stage `\(stageID)` expects \(S.Input.self) but received \(received)")
                }
                let context = shared.processing(typed.sequence)
                let started = ContinuousClock.now
                let results: Results<S.Input, S.Output>
                if let batchStage {
                    let all = try await batchStage.process(batch: typed.values, context: context)
                    guard all.count == typed.count else {
                        throw PipeError(.stageFailed, "stage `\(stageID)` gave \(all.count) results for a batch of \(typed.count)")
                    }
                    results = .all(all)
                } else {
                    results = .each { value, id in
                        if let limit = context.timeout {
                            try await StageTimeout.run(within: limit, item: id, context: context) {
                                try await stage.process(value, context: context)
                            }
                        } else {
                            try await stage.process(consume value, context: context)
                        }
                    }
                }
                return try await Self.process(typed, results: results, started: started, policy: policy, location: location,
                                              context: context)
            }
        }
        self.start = { context in try await stage.start(context: context) }
        self.finish = { outcome, context in try await stage.finish(outcome, context: context) }
        if let resumable = stage as? any ResumableStage {
            (checkpoint, resume) = Self.resumeHooks(resumable)
        } else {
            (checkpoint, resume) = (nil, nil)
        }
    }

    /// A writer's batch step: it encodes the batch, waits for the batch's turn (``WriteTurns``),
    /// writes, and hands the turn on. Its busy time leaves out the wait.
    ///
    /// Generic over the stage's own type, so that the loop over the items is compiled for it; the
    /// two calls a batch makes to the writer go through ``writerHalves(_:stageID:)``.
    @inlinable
    static func writerProcessBatch<S: Stage>(_ stage: S, halves: WriterHalves, policy: ErrorPolicy, location: SourceLocation?)
        -> @Sendable (consuming any AnyBatch, StageContext) async throws -> (any AnyBatch, StageTally) {
        { batch, shared in
            let received = type(of: batch)
            guard let typed = (consume batch) as? Batch<S.Input> else {
                throw PipeError(.typeMismatch, "stage `\(shared.stageID)` expects \(S.Input.self) but received \(received)")
            }
            let context = shared.processing(typed.sequence)
            let started = ContinuousClock.now
            let encoded = try halves.encode(typed.values, context)
            let waited = try await context.writeTurns?.waitForTurn(typed.sequence) ?? .zero
            let failures: [Int: any Error]
            do {
                defer { context.writeTurns?.done(typed.sequence) }
                failures = try halves.write(encoded, context)
            }
            // A writer passes on what it receives (its `Output` is its `Input`): the batch as it
            // is, unless some items could not be written.
            if failures.isEmpty, let passed = typed as? Batch<S.Output> {
                var tally = StageTally(stageID: context.stageID)
                (tally.received, tally.emitted) = (typed.count, typed.count)
                tally.duration = ContinuousClock.now - started.advanced(by: waited)
                return (passed, tally)
            }
            let results = typed.values.indices.map { index -> Result<S.Output?, any Error> in
                if let failure = failures[index] { return .failure(failure) }
                return .success(typed.values[index] as? S.Output)
            }
            return try await process(typed, results: .all(results), started: started.advanced(by: waited), policy: policy,
                                     location: location, context: context)
        }
    }

    /// A writer's two calls with its types erased: the items of a batch in, its encoding out.
    @usableFromInline
    struct WriterHalves: Sendable {
        @usableFromInline let encode: @Sendable (any Sendable, StageContext) throws -> any Sendable
        @usableFromInline let write: @Sendable (any Sendable, StageContext) throws -> [Int: any Error]
    }

    @usableFromInline
    static func writerHalves<W: WriterStage>(_ writer: W, stageID: String) -> WriterHalves {
        WriterHalves(
            encode: { items, context in
                guard let items = items as? [W.Input] else {
                    throw PipeError(.typeMismatch, "stage `\(stageID)` expects \(W.Input.self) but received \(type(of: items))")
                }
                return try writer.encode(items, context: context)
            },
            write: { encoded, context in
                guard let encoded = encoded as? W.Encoded else {
                    throw PipeError(.typeMismatch, "stage `\(stageID)` cannot write \(type(of: encoded))")
                }
                return try writer.write(encoded, context: context)
            }
        )
    }

    @usableFromInline
    static func resumeHooks<R: ResumableStage>(_ stage: R) -> (
        @Sendable (StageContext) async throws -> StagePosition, @Sendable (StagePosition, StageContext) async throws -> Void
    ) {
        ({ context in try await stage.checkpoint(context: context) },
         { position, context in try await stage.resume(from: position, context: context) })
    }

    /// The results of a stage for a batch: computed together, or one item at a time.
    @usableFromInline
    enum Results<Input: Sendable, Output: Sendable> {
        case all([Result<Output?, any Error>])
        /// The stage's `process`, given each item as its own, and the item's id for a timeout message.
        case each(@Sendable (consuming Input, _ id: String) async throws -> Output?)
    }

    /// Applies `results` to the batch's items and the stage's error policy to its failures.
    ///
    /// The items are taken out of the batch one by one, so that a stage gets each as its own and
    /// may change it in place: copied, an article costs a retain and a release of each of its
    /// strings and arrays, for every stage. That needs the only reference to the batch's items,
    /// which the runtime hands from stage to stage (`consume`) without keeping one.
    @inlinable
    static func process<Input: Sendable, Output: Sendable>(
        _ batch: consuming Batch<Input>, results: Results<Input, Output>, started: ContinuousClock.Instant, policy: ErrorPolicy,
        location: SourceLocation?, context: StageContext
    ) async throws -> (Batch<Output>, StageTally) {
        var tally = StageTally(stageID: context.stageID)
        var values: [Input] = [], raws: [RawRecord?] = []
        swap(&values, &batch.values)
        swap(&raws, &batch.raws)
        // Last first, so that each is taken off the end (through the buffer: `Array.reverse`
        // copies what it swaps).
        values.withUnsafeMutableBufferPointer { $0.reverse() }
        raws.withUnsafeMutableBufferPointer { $0.reverse() }
        var output = Batch<Output>(sequence: batch.sequence, reads: batch.reads, deadLetters: batch.deadLetters, reservingCapacity: values.count)
        var index = 0
        while let value = values.popLast() {
            defer { index += 1 }
            let raw = raws.popLast() ?? nil
            tally.received += 1
            // What an error names, kept before the stage takes the item.
            let (id, source) = identity(of: value, raw: raw)
            do {
                let result: Output? = switch results {
                case .all(let all): try all[index].get()
                case .each(let process): try await process(consume value, id)
                }
                if let value = consume result {
                    output.append(consume value, raw: consume raw)
                    tally.emitted += 1
                } else {
                    tally.filtered += 1
                }
            } catch {
                var (id, error) = (id, error)
                if let failure = error as? RecordFailure { (id, error) = (failure.id, failure.error) }
                switch policy {
                case .fail:
                    throw PipeError(
                        .stageFailed,
                        "stage `\(context.stageID)` failed on article `\(id)` (\(source)): \(describe(error))",
                        hint: "set `on_error: skip` or `on_error: dead-letter` on the stage to go on past such articles",
                        at: location
                    )
                case .skip:
                    tally.skipped += 1
                    context.logger.debug("skipped \(id): \(describe(error))")
                case .deadLetter:
                    tally.deadLettered += 1
                    output.deadLetters.append(DeadLetter(
                        id: id, source: source, stage: context.stageID, error: describe(error), raw: raw?.text,
                        format: raw?.format
                    ))
                }
            }
        }
        tally.duration = ContinuousClock.now - started
        return (output, tally)
    }

    /// The id and source an error names: the article's, else the raw record's.
    ///
    /// An article's are read where it lies: cast out of a generic value, it is copied whole.
    @inlinable
    static func identity<Value>(of value: borrowing Value, raw: RawRecord?) -> (id: String, source: String) {
        if Value.self == Article.self {
            return withUnsafePointer(to: value) { value in
                value.withMemoryRebound(to: Article.self, capacity: 1) { ($0.pointee.id, $0.pointee.source) }
            }
        }
        if let raw { return (raw.id, raw.source) }
        return ("?", "?")
    }

    @usableFromInline
    static func describe(_ error: any Error) -> String {
        if let error = error as? PipeError {
            return error.hint.map { "\(error.message); \($0)" } ?? error.message
        }
        return String(describing: error)
    }
}
