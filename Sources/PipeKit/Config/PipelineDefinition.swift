/// A pipeline loaded from a file and checked: its name, input, typed stages and dead-letter file.
///
/// Load one with ``PipelineLoader``; run it with ``run(configuration:)``.
public struct PipelineDefinition: Sendable {
    /// The pipeline's name (`pipeline:`).
    public var name: String
    /// The input (`input:`).
    public var input: InputSpec
    /// The stages, built from their options and checked to connect.
    public var stages: [AnyStage]
    /// Where dead letters go: beside the first stage that writes a file, `NAME.dead-letter.jsonl`.
    ///
    /// `nil` when no stage uses `on_error: dead-letter`.
    public var deadLetterPath: String?
    /// The file the pipeline was loaded from.
    public var file: String
    /// The values `${NAME}` references were replaced with, to hide in messages and dead letters.
    public var redaction = Redaction()
    /// Where and how often `pipe run` writes checkpoints (`checkpoint:`); `nil` for none.
    ///
    /// A run keeps checkpoints only when its ``RunConfiguration/checkpoint`` is set: `pipe run`
    /// sets it from here.
    public var checkpoint: CheckpointSettings?
    /// How many failed articles the run allows before it exits 3 (`max_failures`).
    public var maxFailures: FailureLimit?
    /// The text of the pipeline file, when it was loaded from one.
    public var sourceText: String?
    /// What claims the input when it is a queue (``InputSpec/queue``): the connector the loader
    /// found for its format.
    public var queueConnector: (any QueueConnector)?

    /// A digest of what a run's outputs depend on: the file's text, the input, the stages and
    /// every output path; a checkpoint can be resumed only by a pipeline with the same one.
    public var fingerprint: String {
        var hash = StableHash()
        hash.add(sourceText ?? "")
        hash.add(name)
        input.paths.forEach { hash.add($0) }
        hash.add(input.format.rawValue)
        for stage in stages {
            hash.add(stage.id)
            hash.add(stage.typeName)
            stage.outputFiles.forEach { hash.add($0) }
        }
        hash.add(deadLetterPath ?? "")
        hash.add(input.shard?.description ?? "")
        return hash.hex
    }

    /// A digest of what every shard of a sharded run shares: the file's text, the input and the
    /// shard count. A shard's marker records it, and `pipe merge` merges only shards that agree.
    public func shardFingerprint(count: Int) -> String {
        var hash = StableHash()
        hash.add(sourceText ?? "")
        hash.add(name)
        input.paths.forEach { hash.add($0) }
        hash.add(count)
        return hash.hex
    }

    /// The first file the pipeline writes: the first stage's output, else the dead-letter file.
    public var firstOutput: String? {
        stages.lazy.flatMap(\.outputFiles).first ?? deadLetterPath
    }

    /// The files `shard` leaves for `pipe merge` beside the first output; nil when the pipeline
    /// writes no file.
    public func shardFiles(_ shard: Shard) -> ShardFiles? {
        firstOutput.map { ShardFiles(shard: shard, pipeline: name, firstOutput: $0) }
    }

    /// Creates a definition; ``PipelineLoader`` is the usual way.
    public init(name: String, input: InputSpec, stages: [AnyStage], deadLetterPath: String?, file: String) {
        self.name = name
        self.input = input
        self.stages = stages
        self.deadLetterPath = deadLetterPath
        self.file = file
    }

    /// What is wrong with the run also writing `path`: the problems `pipe validate` reports for
    /// the file's own outputs (a path another output, the input or the checkpoint folder has, or
    /// one too long), or nil.
    public func problem(writingAlso path: String, role: String) -> String? {
        var paths = OutputPaths(inputs: input.paths)
        let entries = stages.flatMap { stage in stage.outputFiles.map { OutputPaths.Entry.stage(stage.id, writes: $0) } }
            + (deadLetterPath.map { [.deadLetters($0)] } ?? []) + (checkpoint.map { [.checkpointFolder($0.folder)] } ?? [])
        entries.forEach { _ = paths.add($0) }
        return paths.add(OutputPaths.Entry(path: path, role: role)) ?? OutputPathCheck.problem(writing: path)
    }

    /// The dead-letter path beside `output`: `out/syria.jsonl` gives `out/syria.dead-letter.jsonl`.
    public static func deadLetterPath(besides output: String) -> String {
        PathParts.droppingExtension(output) + ".dead-letter.jsonl"
    }

    /// Reads the input and runs every stage over it, handing every item that leaves the last stage to `onOutput`.
    ///
    /// Without `onOutput` the results are only what the stages write.
    ///
    /// - Throws: ``PipeError`` with code `io` when the input cannot be read or an output not
    ///   written, `stage-failed` when a stage with `on_error: fail` fails.
    @discardableResult
    public func run(
        configuration: RunConfiguration = RunConfiguration(),
        onOutput: (@Sendable (any Sendable) async throws -> Void)? = nil
    ) async throws -> RunSummary {
        if let queue = input.queue {
            return try await runClaiming(queue, configuration: configuration, onOutput: onOutput)
        }
        let files = try InputReader(spec: input).files()
        let reader = InputReader(spec: input, stop: configuration.stop, files: files)
        return try await run(over: reader, configuration: configuration, onOutput: onOutput)
    }

    /// Claims the input from its queue, a batch per claim, and commits each batch with its results.
    private func runClaiming(
        _ queue: QueueInput, configuration: RunConfiguration, onOutput: (@Sendable (any Sendable) async throws -> Void)?
    ) async throws -> RunSummary {
        guard let queueConnector else {
            throw PipeError(.invalidValue, "this pipeline reads `format: \(input.format.rawValue)`, and no connector was given for it",
                            hint: "load it with a registry that has one (`StageRegistry.connect(_:)`)")
        }
        var configuration = configuration
        configuration.batchSize = queue.batch
        let source = try await queueConnector.open(queue, configuration: configuration)
        do {
            let summary = try await run(over: source, configuration: configuration, onOutput: onOutput)
            await source.close()
            return summary
        } catch {
            await source.close()
            throw error
        }
    }

    /// Runs the stages over any sequence instead of the file's input, in the order it gives.
    ///
    /// The elements must be what the first stage consumes: ``RawRecord``s for a pipeline that
    /// starts with `parse`, ``Article``s for one that starts after it.
    ///
    /// - Throws: ``PipeError`` with code `type-mismatch` when they are not.
    @discardableResult
    public func run<Source: AsyncSequence & Sendable>(
        over source: Source,
        configuration: RunConfiguration = RunConfiguration(),
        onOutput: (@Sendable (any Sendable) async throws -> Void)? = nil
    ) async throws -> RunSummary where Source.Element: Sendable {
        var configuration = configuration
        configuration.pipelineName = name
        configuration.deadLetterPath = configuration.deadLetterPath ?? deadLetterPath
        configuration.redaction = redaction
        configuration.fingerprint = fingerprint
        if let shard = input.shard, configuration.shard == nil {
            configuration.shard = shardFiles(shard)
            configuration.shardFingerprint = shardFingerprint(count: shard.count)
        }
        configuration.logger = RedactingLogHandler.wrapping(configuration.logger, redaction: redaction)
        let runner = PipelineRunner(stages: stages, configuration: configuration)
        var deliver: (@Sendable (any AnyBatch) async throws -> Void)?
        if let onOutput {
            deliver = { batch in
                for value in batch.erasedValues { try await onOutput(value) }
            }
        }
        return try await runner.run(source, deliver: deliver)
    }
}
