import ArgumentParser
import Foundation
import Logging
import PipeKit

/// `pipe run FILE.yaml`: checks the pipeline, then runs it over its input.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Check a pipeline file, then run it over its input.",
        discussion: """
            Prints a summary per stage to standard error. Ctrl-C stops reading, finishes the articles in flight, \
            writes a checkpoint and publishes the outputs; `pipe run --resume` continues from the checkpoint, \
            also after a crash or `kill -9`, and gives the same files as a run that was never stopped.
            """
    )

    @Argument(help: "The pipeline file.")
    var file: String

    @Option(name: .long, parsing: .upToNextOption,
            help: "Read these files, folders, globs or `-` instead of `input.path`, in this order; plain and compressed files mix.")
    var input: [String] = []

    @Option(name: .long, help: "How many articles may fail (be skipped or dead-lettered) before the run exits 3: a count (100) or a share (5%); overrides `max_failures`.")
    var maxFailures: String?

    @Flag(name: .shortAndLong, help: "Print no summary.")
    var quiet = false

    @Option(name: .long, help: "Also write the summary as JSON to this file (per-stage counts, busy time, queue waits).")
    var stats: String?

    @Flag(name: .long, help: "Continue from the checkpoint an interrupted run left (a full run when there is none).")
    var resume = false

    @Option(name: .long, help: ArgumentHelp(
        "Run one share of the input, INDEX/COUNT counting from 0 (`3/16`), writing outputs with the shard's suffix for `pipe merge`; `none` runs the whole input.",
        discussion: "Without it the shard comes from a Slurm job array (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with PIPE_SHARDS).",
        valueName: "INDEX/COUNT"))
    var shard: String?

    @Flag(name: .long, help: "With `input.format: postgres`: once the table is drained, wait for new rows until stopped (Ctrl-C, SIGTERM) instead of ending.")
    var follow = false

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func run() async throws {
        // A queue ignores a shard from the environment: a Slurm array's tasks are its workers.
        var definition = try PipelineFileLoading.load(file, inputs: input.isEmpty ? nil : input, shard: ShardChoice.resolve(shard),
                                                      shardFromEnvironment: shard == nil)
        let shard = definition.input.shard
        if let shard, isComplete(shard, of: definition) { return }
        if follow {
            guard definition.input.queue != nil else {
                Terminal.report(PipeError(.invalidValue, "`--follow` waits for new rows of a queue, and `\(file)` reads files",
                                          hint: "use it with `input.format: postgres`"))
                throw ExitCode(2)
            }
            definition.input.queue?.follow = true
        }
        if let maxFailures {
            guard let limit = FailureLimit(maxFailures) else {
                Terminal.report(PipeError(.invalidValue, "`--max-failures` expects a count (`100`) or a share (`5%`), got `\(maxFailures)`"))
                throw ExitCode(2)
            }
            definition.maxFailures = limit
        }
        let trap = SignalTrap()
        var configuration = try configuration(for: definition, shard: shard)
        configuration.stop = trap.stop
        var summary: RunSummary
        do {
            summary = try await definition.run(configuration: configuration)
        } catch var error as PipeError {
            // A batch system's log holds many shards' (or workers') lines: each error says whose it is.
            if let shard { error.message = "shard \(shard) of `\(definition.name)`: " + error.message }
            if let worker = definition.queueConnector?.worker { error.message = "worker \(worker): " + error.message }
            Terminal.report(definition.redaction.apply(to: error))
            throw ExitCode(1)
        }
        summary.deadLetterFile = summary.deadLetterFile.map(definition.redaction.apply(to:))
        if !quiet {
            SummaryTable(summary: summary).lines.forEach(Terminal.error)
        }
        if case .interrupted(let signal) = summary.outcome {
            throw ExitCode(128 + signal)
        }
        if let verdict = summary.failureVerdict(limit: definition.maxFailures) {
            Terminal.error("error: \(shard.map { "shard \($0): " } ?? "")\(verdict); the outputs were written. Exit code 3.")
            throw ExitCode(3)
        }
    }

    /// Whether `shard` completed this pipeline already (its marker is there), saying so.
    private func isComplete(_ shard: Shard, of definition: PipelineDefinition) -> Bool {
        guard let files = definition.shardFiles(shard), let marker = ShardMarker.read(files.marker),
              marker.fingerprint == definition.shardFingerprint(count: shard.count) else { return false }
        if !quiet {
            Terminal.error("shard \(shard) of `\(definition.name)` is complete (\(files.marker)): nothing to do. Remove the marker to run it again.")
        }
        return true
    }

    /// The run's configuration from the options: `--stats`, `--log-level`, and the checkpoints
    /// to keep or resume.
    private func configuration(for definition: PipelineDefinition, shard: Shard?) throws -> RunConfiguration {
        var configuration = RunConfiguration()
        // A shard's own, like its other outputs.
        if let stats = stats.map({ shard?.path(for: $0) ?? $0 }) {
            if let problem = definition.problem(writingAlso: stats, role: "`--stats`") {
                Terminal.report(PipeError(.invalidValue, problem, hint: "give `--stats` a path of its own, outside the input"))
                throw ExitCode(2)
            }
            configuration.statsPath = stats
        }
        configuration.logger.logLevel = logLevel
        if resume {
            if definition.input.queue != nil {
                Terminal.report(PipeError(.checkpoint, "`--resume` continues from a checkpoint, and `\(file)` reads a queue, whose claims are its checkpoint",
                                          hint: "run without `--resume`: the worker claims what is left"))
                throw ExitCode(2)
            }
            guard var settings = definition.checkpoint else {
                Terminal.report(PipeError(.checkpoint, "`--resume` needs checkpoints, and `\(file)` turns them off",
                                          hint: "remove `checkpoint: false` from the file, or run without `--resume`"))
                throw ExitCode(2)
            }
            settings.resume = true
            configuration.checkpoint = settings
            if !quiet, !FileManager.default.fileExists(atPath: CheckpointStore.checkpointPath(in: settings.folder)) {
                Terminal.error("no checkpoint in \(settings.folder): running from the start")
            }
        } else if let settings = definition.checkpoint, let problem = settings.folderProblem {
            // Only the default folder gets here: one named in the file was checked when loading.
            Terminal.error("warning: cannot keep checkpoints in \(settings.folder) (\(problem)); running without them, so this run cannot be resumed. Set `checkpoint: { folder: PATH }` to a writable folder, or `checkpoint: false`.")
        } else {
            configuration.checkpoint = definition.checkpoint
        }
        return configuration
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
