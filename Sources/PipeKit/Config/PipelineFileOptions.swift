/// The top-level keys of a pipeline file, declared once: the loader checks them, and
/// `pipe stages --json` and the docs describe them, from these declarations.
public struct PipelineFileOptions: StageOptions {
    /// The pipeline's name.
    @Option("pipeline", help: "a name (letters, digits, `-`, `_`; no `/`, leading dot or control character); defaults "
                + "to the file's name without its extension")
    public var pipeline: String?
    /// Where the records come from.
    @Option("input", help: "where the records come from and how they are cut (`path`, `format`, `max_record_size`)")
    public var input: Section
    /// The stages.
    @Option("stages", type: "list of stages", help: "the stages, in order, each with `type` and its keys below")
    public var stages: Section
    /// Where dead letters go.
    @Option("dead_letter", type: "path", help: "where dead letters go; by default beside the first file a stage writes")
    public var deadLetter: String?
    /// How checkpoints are kept.
    @Option("checkpoint", type: "false or mapping", help: "`false`, or how often a run records how far it got "
                + "(`folder`, `interval`, `records`)")
    public var checkpoint = Section()

    /// The defaults.
    public init() {}
}
