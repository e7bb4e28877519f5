/// The keys of the pipeline file's `checkpoint:` mapping, declared once (`checkpoint: false`
/// turns checkpoints off instead).
public struct CheckpointOptions: StageOptions {
    /// The folder for the checkpoint and the stages' state.
    @Option("folder", type: "path", help: "where the checkpoint and the stages' state are kept; `.pipe/NAME` by default. "
                + "It must hold nothing but what Pipe wrote there")
    public var folder: String?
    /// The longest time between two checkpoints.
    @Option("interval", help: "the longest time between two checkpoints")
    public var interval = CheckpointSettings.defaultInterval
    /// The most records read between two checkpoints.
    @Option("records", help: "also write a checkpoint after this many records, if that comes first")
    public var records: Int?

    /// The defaults.
    public init() {}
}
