import Logging

/// How a run moves items: batch size, buffers between segments, stop signal and dead letters.
public struct RunConfiguration: Sendable {
    /// Items per batch; the runtime moves whole batches between stages.
    public var batchSize: Int = 64
    /// Batches buffered between two segments before the upstream one waits.
    public var channelCapacity: Int = 2
    /// Where dead letters go; required when a stage uses `on_error: dead-letter`.
    public var deadLetterPath: String?
    /// Where to write the summary as JSON (`--stats`), published with the other outputs.
    public var statsPath: String?
    /// Set by a signal handler to stop reading.
    public var stop: StopSignal?
    /// The pipeline's name, passed to stages.
    public var pipelineName: String = "pipeline"
    /// Values to hide in dead letters and messages: those `${NAME}` references stood for.
    public var redaction = Redaction()
    /// Checkpoints to write and resume from; `nil` writes none (`pipe run` sets them from the file).
    public var checkpoint: CheckpointSettings?
    /// A digest of the pipeline, recorded in checkpoints so that only the same pipeline resumes them.
    public var fingerprint = ""
    /// The files a sharded run leaves for `pipe merge`: the merge logs of the stages that keep
    /// one, and the completion marker; nil for a run that is not a shard.
    public var shard: ShardFiles?
    /// The ``PipelineDefinition/shardFingerprint(count:)`` the marker records.
    public var shardFingerprint = ""
    /// The logger for the run.
    public var logger: Logger = Logger(label: "pipe")

    /// Creates the defaults.
    public init() {}
}
