import Yams

extension PipelineLoader {
    /// Reads `checkpoint:`: `false` for none, or a mapping with `folder`, `interval` and `records`.
    ///
    /// Without the key a run keeps checkpoints in `.pipe/NAME` every ten seconds. A folder given
    /// here must be writable; the default one is checked by `pipe run`, which goes on without
    /// checkpoints (and says so) when it is not.
    func readCheckpoint(_ entry: (key: Node, value: Node)?, pipeline: String, context: inout LoadContext) -> CheckpointSettings? {
        var settings = CheckpointSettings(folder: CheckpointSettings.defaultFolder(pipeline: pipeline))
        guard let node = entry?.value else { return settings }
        if let scalar = node.scalar, scalar.style == .plain, let enabled = Bool.construct(from: scalar) {
            return enabled ? settings : nil
        }
        guard node.mapping != nil else {
            context.report(.invalidValue, "`checkpoint` expects `false` or a mapping with `folder`, `interval` and `records`",
                           hint: "write for example `checkpoint: { interval: 30s }`", at: node)
            return settings
        }
        guard let options = context.decode(CheckpointOptions.self, from: node, owner: "`checkpoint`") else { return settings }
        if let folder = options.folder, let value = node["folder"] {
            settings.folder = folder
            if let problem = settings.folderProblem {
                context.report(.io, "cannot keep checkpoints in `\(folder)`: \(problem)",
                               hint: "choose a folder you can write to, or write `checkpoint: false`", at: value)
            }
        }
        settings.interval = options.interval
        if let records = options.records {
            guard records > 0 else {
                context.report(.invalidValue, "option `records` of `checkpoint` expects a whole number above zero",
                               hint: "write for example `records: 10000`", at: node["records"])
                return settings
            }
            settings.records = records
        }
        return settings
    }
}
