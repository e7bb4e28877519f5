/// A pipeline built in code from stage values, typed from its first input to its last output.
///
/// ```swift
/// let pipeline = Pipeline(NormalizeStage())
///     .then(MyScorer(), concurrency: .auto)
/// let summary = try await pipeline.run(articles) { article in print(article.title) }
/// ```
/// The compiler checks that each stage consumes what the previous one produces.
public struct Pipeline<Input: Sendable, Output: Sendable>: Sendable {
    /// The stages in order.
    public let stages: [AnyStage]

    /// A pipeline of one stage.
    public init<S: Stage>(
        _ stage: S, id: String? = nil, concurrency: Concurrency = .workers(1), onError: ErrorPolicy = .fail,
        timeout: Duration? = nil
    ) where S.Input == Input, S.Output == Output {
        var erased = AnyStage(stage, id: id, concurrency: concurrency, onError: onError)
        erased.timeout = timeout
        stages = [erased]
    }

    init(checked stages: [AnyStage]) {
        self.stages = stages
    }

    /// This pipeline followed by `stage`.
    public func then<S: Stage>(
        _ stage: S, id: String? = nil, concurrency: Concurrency = .workers(1), onError: ErrorPolicy = .fail,
        timeout: Duration? = nil
    ) -> Pipeline<Input, S.Output> where S.Input == Output {
        var erased = AnyStage(stage, id: id, concurrency: concurrency, onError: onError)
        erased.timeout = timeout
        return Pipeline<Input, S.Output>(checked: stages + [erased])
    }

    /// Runs the pipeline over `source` and hands every output to `onOutput`, in input order.
    ///
    /// `onOutput` is called from one task at a time; while it runs, the pipeline waits, so a slow
    /// consumer slows the run instead of filling memory.
    ///
    /// - Throws: ``PipeError`` with code `stage-failed` when a stage with `on_error: fail` fails,
    ///   and whatever `source` or `onOutput` throws.
    @discardableResult
    public func run<Source: AsyncSequence & Sendable>(
        _ source: Source,
        configuration: RunConfiguration = RunConfiguration(),
        onOutput: @escaping @Sendable (Output) async throws -> Void
    ) async throws -> RunSummary where Source.Element == Input {
        try Self.checkIDs(stages)
        // A claimed source commits dead letters with their batch.
        if stages.contains(where: { $0.policy == .deadLetter }), configuration.deadLetterPath == nil, !(source is any ClaimedSource) {
            throw PipeError(.invalidValue, "a stage uses `on_error: dead-letter` but the run has no dead-letter file",
                            hint: "set `RunConfiguration.deadLetterPath`")
        }
        let runner = PipelineRunner(stages: stages, configuration: configuration)
        return try await runner.run(
            source,
            deliver: { batch in
                guard let batch = batch as? Batch<Output> else {
                    throw PipeError(.typeMismatch, "the last stage produced \(type(of: batch)), not \(Output.self)")
                }
                for value in batch.values { try await onOutput(value) }
            }
        )
    }

    static func checkIDs(_ stages: [AnyStage]) throws {
        var seen: Set<String> = []
        for stage in stages where !seen.insert(stage.id).inserted {
            throw PipeError(.duplicateID, "two stages have the id `\(stage.id)`",
                            hint: "give one of them another `id:`", at: stage.location)
        }
    }
}
