import Foundation
import Yams

/// Reads a pipeline file and checks all of it before anything is read or written.
///
/// Every problem is collected, with its line and column, and thrown together as a
/// ``PipelineFileError``: YAML syntax, unknown keys and stage types (with a did-you-mean),
/// option values of the wrong type, stages whose types do not connect, unset environment
/// variables.
public struct PipelineLoader: Sendable {
    /// The stage types the file may name.
    public var registry: StageRegistry
    /// The variables `${NAME}` is replaced from.
    public var environment: [String: String]
    /// The dead-letter file of a pipeline that names none and writes no file to put it beside
    /// (`PipeTesting` gives a temporary one); without it such a pipeline is invalid.
    package var deadLetterFallback: String?
    /// The shard the pipeline is loaded for (`pipe run --shard`): the input reads only its share,
    /// every output gets the shard's suffix (``Shard/path(for:)``), and checkpoints go in a
    /// folder of the shard's own. Nil loads the whole pipeline.
    public var shard: Shard?
    /// Whether ``shard`` came from a batch system's variables (a Slurm array, an Indexed Job)
    /// rather than `pipe run --shard`: a pipeline reading a queue then ignores it, as each task is
    /// one more worker of the queue.
    public var shardFromEnvironment = false

    /// Creates a loader.
    public init(registry: StageRegistry, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.registry = registry
        self.environment = environment
    }

    /// Loads and checks the pipeline file at `path`.
    ///
    /// - Parameter input: replaces `input.path` (the CLI's `--input`).
    /// - Throws: ``PipelineFileError`` listing every problem, or ``PipeError`` when the file cannot be read.
    public func load(file path: String, input: String? = nil) throws -> PipelineDefinition {
        try load(file: path, inputs: input.map { [$0] })
    }

    /// Loads and checks the pipeline file at `path`, reading `inputs` instead of `input.path`
    /// when they are given (the CLI's `--input`, which takes several paths).
    ///
    /// - Throws: ``PipelineFileError`` listing every problem, or ``PipeError`` when the file cannot be read.
    public func load(file path: String, inputs: [String]?) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipeError(.io, "cannot read pipeline file `\(path)`", hint: "check the path")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw PipeError(.yamlSyntax, "pipeline file `\(path)` is not UTF-8 text", hint: "save it as UTF-8",
                            at: SourceLocation(file: path, line: 1, column: 1))
        }
        return try load(yaml: text, file: path, inputs: inputs)
    }

    /// Loads and checks pipeline text; `file` names it in messages.
    public func load(yaml text: String, file: String, input: String? = nil) throws -> PipelineDefinition {
        try load(yaml: text, file: file, inputs: input.map { [$0] })
    }

    /// Loads and checks pipeline text, reading `inputs` instead of `input.path` when they are given.
    public func load(yaml text: String, file: String, inputs: [String]?) throws -> PipelineDefinition {
        var context = LoadContext(file: file, environment: environment)
        let fail = { (context: LoadContext) in PipelineFileError(diagnostics: context.sortedDiagnostics, sourceText: text) }
        if let finding = YAMLPreflight.check(text) {
            context.report(Self.error(for: finding, file: file))
            throw fail(context)
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            context.reportSyntax(error, text: text)
            throw fail(context)
        }
        guard let composed, composed.mapping != nil else {
            context.report(.missingKey, "a pipeline file is a mapping with `pipeline`, `input` and `stages`",
                           hint: "start from Pipelines/syria.yaml", at: composed)
            throw fail(context)
        }
        let root = context.substitute(composed)
        let keys = context.pairs(of: root, allowed: PipelineFileOptions.fields.map(\.name), noun: "the pipeline file")

        let fileStem = PathParts.stem(file)
        let name = keys["pipeline"].flatMap { context.string($0.value, key: "pipeline") } ?? fileStem
        checkName(name, node: keys["pipeline"]?.value, context: &context)
        var inputSpec = readInput(keys["input"], root: root, override: inputs, context: &context)
        // The shard everything below reads, from the input: a queue shares its work by itself.
        let shard = inputSpec?.queue != nil && shardFromEnvironment ? nil : self.shard
        inputSpec?.shard = shard
        var stages: [AnyStage] = []
        if let entry = keys["stages"] {
            stages = readStages(entry.value, pipeline: name, input: inputSpec, context: &context)
        } else {
            context.report(.missingKey, "missing `stages`", hint: "add `stages:` with at least one `- type: parse`", at: root)
        }
        let deadLetter = deadLetterPath(keys["dead_letter"], stages: stages, input: inputSpec, context: &context)
        let maxFailures = keys["max_failures"].flatMap { entry in
            context.string(entry.value, key: "max_failures").flatMap { text in
                FailureLimit(text) ?? {
                    context.report(.invalidValue, "`max_failures` expects a count (`100`) or a share (`5%`), got `\(text)`",
                                   hint: "write `max_failures: 5%`, for example", at: entry.value)
                    return nil
                }()
            }
        }
        var checkpoint = readCheckpoint(keys["checkpoint"], pipeline: name, context: &context)
        if let shard { checkpoint?.folder += "/" + shard.label }
        if let inputSpec, inputSpec.queue != nil {
            checkpoint = nil
            checkQueuePipeline(inputSpec, keys: keys, context: &context)
        }
        let checkpointNode = keys["checkpoint"].map { $0.value["folder"] ?? $0.key } ?? keys["pipeline"]?.value
        checkOutputPaths(input: inputSpec, deadLetter: deadLetter.map { ($0, keys["dead_letter"]?.value) },
                         checkpoint: checkpoint.map { ($0.folder, checkpointNode) }, root: root, context: &context)

        if let shard, context.diagnostics.isEmpty, deadLetter == nil, !stages.contains(where: { !$0.outputFiles.isEmpty }) {
            context.report(.shard, "shard \(shard) of `\(name)` would write nothing for `pipe merge` to combine: the pipeline writes no file",
                           hint: "add an `export` stage with a `path`, or run without `--shard`", at: keys["stages"]?.key ?? root)
        }
        guard context.diagnostics.isEmpty, let inputSpec else { throw fail(context) }
        var definition = PipelineDefinition(name: name, input: inputSpec, stages: stages, deadLetterPath: deadLetter, file: file)
        definition.redaction = context.redaction
        definition.checkpoint = checkpoint
        definition.maxFailures = maxFailures
        definition.sourceText = text
        definition.queueConnector = inputSpec.queue.flatMap { _ in registry.connector(for: inputSpec.format) }
        return definition
    }

    /// Checks what a pipeline whose input is a queue cannot have: it runs on many workers at once
    /// from one folder, so it keeps no checkpoint and writes no dead-letter file, and the queue
    /// shares the work, not shards.
    private func checkQueuePipeline(_ input: InputSpec, keys: [String: (key: Node, value: Node)], context: inout LoadContext) {
        let name = input.format.rawValue
        if let entry = keys["checkpoint"] {
            context.report(.invalidValue, "a pipeline reading `format: \(name)` keeps no checkpoint: the queue's claims are its checkpoint",
                           hint: "remove `checkpoint`; a worker that stops leaves its claims to the others", at: entry.key)
        }
        if let entry = keys["dead_letter"] {
            context.report(.invalidValue, "a pipeline reading `format: \(name)` writes its dead letters to the table `\(input.queue?.table.description ?? "")_pipe_dead_letters`",
                           hint: "remove `dead_letter`", at: entry.key)
        }
        if let shard = input.shard {
            context.report(.shard, "a pipeline reading `format: \(name)` is shared by its queue, not by shards (\(shard))",
                           hint: "run it without `--shard` (or with `--shard none`) on as many workers as you like",
                           at: keys["input"]?.key)
        }
    }

    /// The diagnostic for what the preflight found; it never prints what aliases expand to.
    static func error(for finding: YAMLPreflight.Finding, file: String) -> PipeError {
        let hint = "pipeline files need no anchors or aliases: write the values out"
        switch finding {
        case .tooManyAliases(let line, let column):
            return PipeError(.yamlAlias, "the file uses more than \(YAMLPreflight.maximumAliases) aliases", hint: hint,
                             at: SourceLocation(file: file, line: line, column: column))
        case .tooLarge(let line, let column):
            return PipeError(.yamlAlias, "aliases expand the file to more than \(YAMLPreflight.maximumNodes) values (an alias bomb?)",
                             hint: hint, at: SourceLocation(file: file, line: line, column: column))
        case .aliasKey(let line, let column):
            return PipeError(.yamlAlias, "an alias cannot be a mapping key", hint: "write the key out",
                             at: SourceLocation(file: file, line: line, column: column))
        case .duplicateKey(let key, let line, let column, let firstLine):
            return PipeError(.invalidValue, "the key `\(key)` is given twice in this mapping (first on line \(firstLine))",
                             hint: "remove one of them", at: SourceLocation(file: file, line: line, column: column))
        }
    }

    private func deadLetterPath(
        _ entry: (key: Node, value: Node)?, stages: [AnyStage], input: InputSpec?, context: inout LoadContext
    ) -> String? {
        // A shard's own, like its outputs; the default beside the first output has its suffix already.
        let explicit = entry.flatMap { context.string($0.value, key: "dead_letter") }.map { input?.shard?.path(for: $0) ?? $0 }
        if let explicit, let entry, let problem = OutputPathCheck.problem(writing: explicit) {
            context.report(.io, "cannot write the dead-letter file `\(explicit)`: \(problem)",
                           hint: "choose a path in a folder you can write to", at: entry.value)
        }
        guard let first = stages.first(where: { $0.policy == .deadLetter }) else { return explicit }
        if let explicit { return explicit }
        // A queue's dead letters go to a table beside it, in the transaction of their batch.
        if input?.queue != nil { return nil }
        if let output = stages.lazy.flatMap(\.outputFiles).first {
            return PipelineDefinition.deadLetterPath(besides: output)
        }
        if let deadLetterFallback { return deadLetterFallback }
        context.report(PipeError(
            .missingKey, "stage `\(first.id)` uses `on_error: dead-letter` but there is no file to put dead letters beside",
            hint: "add an export stage, or set `dead_letter: PATH` at the top level", at: first.location
        ))
        return nil
    }
}
