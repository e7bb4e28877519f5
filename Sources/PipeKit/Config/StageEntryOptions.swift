/// The keys of one entry of the pipeline file's `stages:` list, declared once: the loader
/// decodes them, and `pipe stages --json` and the docs describe them, from these declarations.
public struct StageEntryOptions: StageOptions {
    /// The stage type.
    @Option("type", help: "a registered stage (`pipe stages` lists them)")
    public var type: String
    /// The stage's id.
    @Option("id", help: "a name unique in the pipeline; defaults to the type. Shown in the summary and in dead letters")
    public var id: String?
    /// The stage's options.
    @Option("options", help: "the stage's options (`pipe stages TYPE` lists them with their defaults)")
    public var options = Section()
    /// How many workers run the stage.
    @Option("concurrency", help: "workers: a whole number ≥ 1 or `auto` (one per core), the default. Stages that keep "
                + "state or write (`dedupe`, `export`, and custom stages that declare `runsInOrder`) always run with one "
                + "worker in input order; setting more is an error")
    public var concurrency = Concurrency.auto
    /// What happens to an article the stage fails on.
    @Option("on_error", help: "what to do with an article the stage fails on: `fail` (stop, exit 1), `skip` (drop and "
                + "count), `dead-letter` (write it to the dead-letter file and count)")
    public var onError = ErrorPolicy.fail
    /// How long the stage may take on one article.
    @Option("timeout", help: "how long the stage may take on one article: `30s`, `500ms`, `2m`, or seconds; no limit by "
                + "default. Past it the article fails with a `stage-timeout` error for `on_error`. A stage that awaits is "
                + "cancelled at once; one that computes without awaiting cannot be pre-empted, so a warning names the "
                + "stage and the article each time the limit passes again, and its late result is discarded")
    public var timeout: Duration?

    /// The defaults.
    public init() {}
}
