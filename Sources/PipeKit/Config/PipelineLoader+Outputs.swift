import Yams

extension PipelineLoader {
    /// What is wrong with a pipeline name or stage id that Pipe makes file names of, or nil:
    /// empty, a `/`, a leading dot (`.`, `..`, hidden names) or a control character.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.contains("/") { return "holds a `/`" }
        if name.hasPrefix(".") { return "starts with a dot" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || DisplayText.needsEscape($0) }) {
            return "holds a control character"
        }
        return nil
    }

    /// Reports a pipeline name that cannot name a checkpoint folder, at `pipeline:` or, for a
    /// name taken from the file's, at the file's start.
    func checkName(_ name: String, node: Node?, context: inout LoadContext) {
        guard let problem = Self.nameProblem(name) else { return }
        let source = node == nil ? "the file's name, " : ""
        context.report(.invalidValue, "the pipeline name `\(name)` (\(source)used for `.pipe/NAME`) \(problem)",
                       hint: "write a name of letters, digits, `-` and `_`, for example `pipeline: syria`", at: node)
    }

    /// Reports every two outputs on one path, an output on or inside the input, an output inside
    /// the checkpoint folder, and a path too long once Pipe's temporary suffix is added; each at
    /// the later of the two.
    func checkOutputPaths(
        input: InputSpec?, deadLetter: (path: String, node: Node?)?, checkpoint: (folder: String, node: Node?)?,
        root: Node, context: inout LoadContext
    ) {
        var paths = OutputPaths(inputs: input?.paths ?? [])
        var entries = context.stageOutputs.map { ($0.entry, Optional($0.node)) }
        if let deadLetter {
            entries.append((.deadLetters(deadLetter.path), deadLetter.node))
        }
        if let checkpoint {
            entries.append((.checkpointFolder(checkpoint.folder), checkpoint.node))
        }
        for (entry, node) in entries {
            guard let problem = paths.add(entry) else { continue }
            context.report(.invalidValue, problem, hint: "give each output a path of its own, outside the input and the checkpoint folder",
                           at: node ?? root)
        }
    }
}
