import Yams

extension PipelineLoader {
    /// Builds one stage of type `S` from the YAML text of its `options:` mapping, with the checks
    /// and messages of a pipeline file (for `PipeTesting`).
    ///
    /// - Throws: ``PipelineFileError`` listing every problem, each at its line and column of `text`.
    package static func stage<S: ConfigurableStage>(
        _ type: S.Type, options text: String, setup: StageSetup, file: String = "options.yaml"
    ) throws -> S {
        var context = LoadContext(file: file, environment: [:])
        let fail = { (context: LoadContext) in PipelineFileError(diagnostics: context.sortedDiagnostics, sourceText: text) }
        let node: Node
        do {
            node = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
        } catch {
            context.reportSyntax(error, text: text)
            throw fail(context)
        }
        guard node.mapping != nil else {
            context.report(.invalidValue, "`options` expects a mapping of option names to values", at: node)
            throw fail(context)
        }
        do {
            return try S(options: StageDescriptor.decodeOptions(S.Options.self, from: node), setup: setup)
        } catch {
            report(buildError: error, type: S.name, options: node, typeNode: node, stageID: setup.stageID, context: &context)
        }
        throw fail(context)
    }
}
