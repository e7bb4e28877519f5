import Yams

extension PipelineLoader {
    /// One stage entry as written, and the stage built from it.
    private struct Entry {
        /// `nil` when the type is unknown: the stages after it are not type-checked against it.
        let descriptor: StageDescriptor?
        let typeNode: Node
        let id: String
        /// `nil` when the stage could not be built: the fields it would set are unknown.
        var stage: AnyStage?
    }

    /// Reads every stage entry, builds each stage from its options, and checks that they connect.
    func readStages(_ node: Node, pipeline: String, input: InputSpec?, context: inout LoadContext) -> [AnyStage] {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            context.report(.invalidValue, "`stages` expects a list with at least one stage",
                           hint: "write `stages:` then `  - type: parse` on the next line", at: node)
            return []
        }
        var stages: [AnyStage] = []
        var entries: [Entry] = []
        var ids: [String: Node] = [:]
        for item in sequence {
            guard item.mapping != nil else {
                context.report(.invalidValue, "a stage is a mapping with at least `type:`", at: item)
                continue
            }
            let name = (item["id"] ?? item["type"])?.scalar.map { "stage `\($0.string)`" } ?? "a stage"
            guard let keys = context.decode(StageEntryOptions.self, from: item, owner: name, mappingNoun: "a stage", partial: true),
                  let typeNode = item["type"], typeNode.scalar != nil else { continue }
            let typeName = keys.type
            guard let descriptor = registry[typeName] else {
                context.report(.unknownStage, "unknown stage type `\(typeName)`",
                               hint: Suggestion.hint(for: typeName, among: registry.names, noun: "types"), at: typeNode)
                entries.append(Entry(descriptor: nil, typeNode: typeNode, id: typeName))
                continue
            }
            let id = keys.id ?? typeName
            let idNode = item["id"] ?? typeNode
            if ids[id] != nil {
                context.report(.duplicateID, "two stages have the id `\(id)`",
                               hint: "give this one its own `id:`", at: idNode)
            }
            if let problem = PipelineLoader.nameProblem(id) {
                context.report(.invalidValue, "the stage id `\(id)` \(problem)",
                               hint: "use letters, digits, `-` and `_`, for example `id: export-csv`", at: idNode)
            }
            ids[id] = idNode
            var concurrency = keys.concurrency
            if descriptor.runsInOrder, concurrency != .workers(1), let node = item["concurrency"] {
                context.report(.invalidValue, "stage `\(descriptor.name)` runs in input order with one worker",
                               hint: "remove `concurrency` from this stage", at: node)
                concurrency = .workers(1)
            }
            entries.append(Entry(descriptor: descriptor, typeNode: typeNode, id: id))
            let setup = StageSetup(pipeline: pipeline, stageID: id, input: input,
                                   precedingStages: entries.dropLast().compactMap { $0.descriptor?.name }, shard: input?.shard)
            if var stage = build(descriptor, options: item["options"], typeNode: typeNode,
                                 setup: setup, concurrency: concurrency, policy: keys.onError, context: &context) {
                stage.timeout = keys.timeout
                stages.append(stage)
                entries[entries.count - 1].stage = stage
                checkOutputs(of: stage, options: item["options"], typeNode: typeNode, context: &context)
            }
        }
        checkTypes(entries, context: &context)
        checkFields(entries, context: &context)
        return stages
    }

    /// Reports every field a stage reads that no stage before it writes, with the stage that
    /// would set it: a later one of this pipeline, or a registered type.
    private func checkFields(_ entries: [Entry], context: inout LoadContext) {
        var written: [FieldAccess] = []
        for (index, entry) in entries.enumerated() {
            // Past a stage that could not be built, what is set is unknown: report nothing more.
            guard let stage = entry.stage else { return }
            for field in stage.fieldAccess.reads where !written.contains(where: { $0.sets(field) }) {
                let noun = field.isCustom ? "the custom field `\(field)`" : "`\(field)`"
                let hint: String
                if let later = entries[(index + 1)...].first(where: { $0.stage?.fieldAccess.sets(field) == true }) {
                    hint = "move it after `\(later.id)` (line \(context.location(of: later.typeNode).line)), which sets \(field)"
                } else if let writer = registeredWriter(of: field) {
                    hint = "insert a stage that sets it before this one, for example `\(writer)`"
                } else {
                    hint = "insert a stage that sets it before this one"
                }
                context.report(.missingField, "stage `\(entry.id)` reads \(noun), which no stage before it sets",
                               hint: hint, at: entry.typeNode)
            }
            written.append(stage.fieldAccess)
        }
    }

    /// The first registered stage type that sets `field` with its default options.
    private func registeredWriter(of field: ArticleField) -> String? {
        registry.descriptors.first { $0.defaultFieldAccess?.writes.contains(field) == true }?.name
    }

    /// Reports each file the stage will write that cannot be, at the option that names it.
    private func checkOutputs(of stage: AnyStage, options: Node?, typeNode: Node, context: inout LoadContext) {
        for file in stage.outputFiles {
            let node = options?.mapping?.first { $0.value.scalar?.string == file }?.value ?? typeNode
            context.stageOutputs.append((.stage(stage.id, writes: file), node))
            guard let problem = OutputPathCheck.problem(writing: file) else { continue }
            context.report(.io, "`\(stage.id)` cannot write `\(file)`: \(problem)",
                           hint: "choose a path in a folder you can write to", at: node)
        }
    }

    private func build(
        _ descriptor: StageDescriptor, options: Node?, typeNode: Node, setup: StageSetup,
        concurrency: Concurrency, policy: ErrorPolicy, context: inout LoadContext
    ) -> AnyStage? {
        var optionsNode = options
        if let node = options {
            if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) {
                optionsNode = nil
            } else if node.mapping == nil {
                context.report(.invalidValue, "`options` expects a mapping of option names to values", at: node)
                return nil
            }
        }
        do {
            return try descriptor.build(optionsNode, setup, concurrency, policy, context.location(of: typeNode))
        } catch {
            Self.report(buildError: error, type: descriptor.name, options: optionsNode, typeNode: typeNode,
                        stageID: setup.stageID, context: &context)
        }
        return nil
    }

    /// Reports why a stage could not be built: every problem of its options (``OptionProblems``,
    /// from decoding), each at its position, or what its initializer refused, at the key named.
    static func report(
        buildError error: any Error, type: String, options: Node?, typeNode: Node, stageID: String, context: inout LoadContext
    ) {
        func report(_ error: OptionError) {
            let keyNode = error.key.flatMap { key in options?.mapping?.first { $0.key.scalar?.string == key }?.value }
            context.report(.invalidValue, "stage `\(stageID)`: \(error.message)", hint: error.hint,
                           at: keyNode ?? options ?? typeNode)
        }
        switch error {
        case let problems as OptionProblems:
            context.report(contentsOf: OptionDiagnostics.diagnostics(
                for: problems.problems, owner: "stage `\(stageID)`", mappingNoun: "the options of `\(type)`",
                fallback: typeNode, context: context))
        case let error as OptionError:
            report(error)
        case let errors as OptionErrors:
            errors.errors.forEach(report)
        default:
            context.report(.invalidValue, "stage `\(stageID)`: \(error)", at: options ?? typeNode)
        }
    }

    private func checkTypes(_ entries: [Entry], context: inout LoadContext) {
        var previous: DataType? = DataType(RawRecord.self)
        var previousName = "the input"
        for entry in entries {
            defer { previousName = "stage `\(entry.id)`" }
            guard let descriptor = entry.descriptor else {
                previous = nil
                continue
            }
            defer { previous = descriptor.outputType }
            let wanted = descriptor.inputType
            if let previous, wanted != previous {
                let bridges = registry.descriptors.filter { $0.inputType == previous && $0.outputType == wanted }
                let hint = bridges.first.map { "insert `\($0.name)` before it" }
                    ?? "no registered stage turns \(previous) into \(wanted); reorder the stages"
                context.report(.typeMismatch,
                               "stage `\(entry.id)` expects \(wanted) but \(previousName) produces \(previous)",
                               hint: hint, at: entry.typeNode)
            }
        }
    }
}
