/// The files a shard leaves for `pipe merge` beside the pipeline's first output, besides its
/// suffixed outputs: the merge log of each stage that keeps one (``MergeLog``) and, once the
/// shard completed, its marker (``ShardMarker``).
///
/// For `pipeline: syria` writing `out/syria.jsonl`, shard 3 of 16 leaves
/// `out/syria.shard-0003-of-0016.export.log` and `out/syria.shard-0003-of-0016.done`.
public struct ShardFiles: Sendable, Hashable {
    /// The shard.
    public let shard: Shard
    /// The pipeline's name.
    public let pipeline: String
    /// The pipeline's first output, beside which the files go.
    let firstOutput: String

    /// The files of `shard` of a pipeline whose first output (unsharded or not) is `firstOutput`.
    public init(shard: Shard, pipeline: String, firstOutput: String) {
        self.shard = shard
        self.pipeline = pipeline
        self.firstOutput = firstOutput
    }

    /// The completion marker.
    public var marker: String { file(ShardMarker.fileExtension) }

    /// The merge log of the stage `stageID`.
    public func log(stage stageID: String) -> String { file(stageID + ".log") }

    private func file(_ ending: String) -> String {
        PathParts.sibling(of: firstOutput, named: pipeline + "." + shard.label + "." + ending)
    }
}
