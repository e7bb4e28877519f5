/// The top-level keys of a pipeline file, declared once: the loader checks them, and
/// `pipe stages --json` and the docs describe them, from these declarations.
public struct PipelineFileOptions: StageOptions {
    /// The pipeline's name.
    @Option("pipeline", help: "a name (letters, digits, `-`, `_`; no `/`, leading dot or control character); defaults "
                + "to the file's name without its extension")
    public var pipeline: String?
    /// Where the records come from.
    @Option("input", help: "where the records come from and how they are read (`path`, `format` and the keys below)")
    public var input: Section
    /// The stages.
    @Option("stages", type: "list of stages", help: "the stages, in order, each with `type` and its keys below")
    public var stages: Section
    /// Where dead letters go.
    @Option("dead_letter", type: "path", help: "where dead letters go; by default beside the first file a stage writes")
    public var deadLetter: String?
    /// How many failed articles a run allows before it exits 3.
    @Option("max_failures", type: "count or share", help: "how many of the articles read may be skipped or dead-lettered, "
                + "a count (`100`) or a share (`5%`); above it the run still writes its outputs, then exits 3. A run "
                + "that read articles and wrote none because they failed exits 3 whatever the limit. "
                + "`pipe run --max-failures` overrides it")
    public var maxFailures: String?
    /// How checkpoints are kept.
    @Option("checkpoint", type: "false or mapping", help: "`false`, or how often a run records how far it got "
                + "(`folder`, `interval`, `records`)")
    public var checkpoint = Section()

    /// The defaults.
    public init() {}
}
