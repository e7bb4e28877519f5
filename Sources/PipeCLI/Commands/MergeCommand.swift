import ArgumentParser
import Foundation
import PipeKit

/// `pipe merge FILE.yaml`: combines the outputs of a pipeline's shards into the final ones.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the outputs of a sharded run (`pipe run --shard I/N`) into what one run would have written.",
        discussion: """
            JSON Lines, CSV and Markdown come out in input order, SQLite databases table by table, dead letters \
            one shard after the other; an article that `dedupe` kept in one shard and an earlier shard kept too is \
            left out. Refuses, naming them, when a shard is missing or incomplete; publishes every final file or none. \
            The shards' own files stay.
            """
    )

    @Argument(help: "The pipeline file the shards ran.")
    var file: String

    @Option(name: .long, parsing: .upToNextOption, help: "The `--input` the shards were given, if any.")
    var input: [String] = []

    @Option(name: .long, help: "How many shards the run was split into; by default, what the shards' markers say.")
    var shards: Int?

    @Flag(name: .shortAndLong, help: "Print no summary.")
    var quiet = false

    func run() async throws {
        let definition = try PipelineFileLoading.load(file, inputs: input.isEmpty ? nil : input)
        let outcome: ShardMerge.Outcome
        do {
            outcome = try ShardMerge(definition: definition, count: shards).run()
        } catch let error as PipeError {
            Terminal.report(definition.redaction.apply(to: error))
            throw ExitCode(1)
        }
        guard !quiet else { return }
        SummaryTable(summary: outcome.summary, showsThroughput: false).lines.forEach(Terminal.error)
        if outcome.dropped > 0 {
            Terminal.error("left out \(outcome.dropped) articles that `dedupe` kept in one shard after an earlier shard kept a copy")
        }
        for path in outcome.unmerged {
            Terminal.error("warning: `\(path)` is written by a stage that cannot merge shards; each shard's copy stays as it is")
        }
        Terminal.error("merged \(outcome.shards) shards into " + outcome.files.joined(separator: ", "))
    }
}
