import ArgumentParser
import PipeKit
import PipeStages

/// The `pipe` command: runs, checks and describes text-processing pipelines.
///
/// A package that adds stages builds its own `pipe` by calling ``main(stages:)`` with them:
///
/// ```swift
/// @main struct MyPipe {
///     static func main() async { await PipeCommand.main(stages: [MyStage.self]) }
/// }
/// ```
public struct PipeCommand: AsyncParsableCommand {
    /// The version `pipe --version` prints.
    public static let version = "0.1.0"

    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Run text-processing pipelines over streams of news articles.",
        discussion: """
        Exit codes: 0 the run finished (also with skipped or dead-lettered articles); 1 the run \
        stopped (a `fail` policy fired, or an I/O error); 2 the pipeline file is invalid; \
        130/143 interrupted by SIGINT/SIGTERM.
        """,
        version: version,
        subcommands: [RunCommand.self, MergeCommand.self, ValidateCommand.self, StagesCommand.self, NewCommand.self, TrainCommand.self, DocsCommand.self]
    )

    /// The stages commands may use, set by ``main(registry:)``.
    @TaskLocal static var registry = StageRegistry()

    /// Creates the command (ArgumentParser parses it from the arguments).
    public init() {}

    /// Runs `pipe` with the arguments of this process, the built-in stages and `stages`, then exits.
    ///
    /// A stage of `stages` with the name of a built-in one replaces it. `connectors` are the
    /// queues the input may claim from (`format: postgres`); `pipe` itself has PostgreSQL's.
    public static func main(stages: [any ConfigurableStage.Type], connectors: [any QueueConnector] = []) async {
        var registry = BuiltinStages.registry
        registry.register(stages)
        connectors.forEach { registry.connect($0) }
        await main(registry: registry)
    }

    /// Runs `pipe` with the arguments of this process and exactly the stages in `registry`, then exits.
    public static func main(registry: StageRegistry) async {
        await $registry.withValue(registry) {
            await main()
        }
    }
}
