import Yams

extension PipelineLoader {
    static let checkpointKeys = ["folder", "interval", "records"]

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
        let keys = context.pairs(of: node, allowed: Self.checkpointKeys, noun: "`checkpoint`")
        if let value = keys["folder"]?.value, let folder = context.string(value, key: "checkpoint.folder") {
            settings.folder = folder
            if let problem = settings.folderProblem {
                context.report(.io, "cannot keep checkpoints in `\(folder)`: \(problem)",
                               hint: "choose a folder you can write to, or write `checkpoint: false`", at: value)
            }
        }
        if let value = keys["interval"]?.value, let text = context.string(value, key: "checkpoint.interval") {
            if let interval = DurationText.parse(text), interval > .zero {
                settings.interval = interval
            } else {
                context.report(.invalidValue, "`checkpoint.interval` expects a duration above zero, not `\(text)`",
                               hint: "write for example `interval: 10s`, `500ms` or `2m`", at: value)
            }
        }
        if let value = keys["records"]?.value {
            if let scalar = value.scalar, let count = Int(scalar.string), count > 0 {
                settings.records = count
            } else {
                context.report(.invalidValue, "`checkpoint.records` expects a whole number above zero",
                               hint: "write for example `records: 10000`", at: value)
            }
        }
        return settings
    }
}
