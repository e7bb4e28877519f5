import Foundation

/// What a completed shard leaves beside its outputs: which pipeline and shard it is, and its
/// counts, which `pipe merge` sums into the merged run's summary.
///
/// It is published after the shard's outputs, so that it stands only beside complete ones; a
/// shard without it is missing or incomplete, and `pipe merge` refuses to merge it.
public struct ShardMarker: Codable, Sendable, Equatable {
    /// The marker's ending: `NAME.shard-0003-of-0016.done`.
    public static let fileExtension = "done"

    /// The pipeline's name.
    public var pipeline: String
    /// The shard.
    public var shard: Shard
    /// The pipeline's ``PipelineDefinition/shardFingerprint``: only shards of the same pipeline,
    /// input and count merge.
    public var fingerprint: String
    /// Records read.
    public var read: Int
    /// Bytes read.
    public var bytesRead: Int
    /// Articles that left the last stage.
    public var written: Int
    /// Each stage's counts.
    public var stages: [StageTally]

    /// Creates a marker.
    public init(pipeline: String, shard: Shard, fingerprint: String, summary: RunSummary) {
        self.pipeline = pipeline
        self.shard = shard
        self.fingerprint = fingerprint
        read = summary.read
        bytesRead = summary.bytesRead
        written = summary.written
        stages = summary.stages
    }

    /// The marker as JSON, one line.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Reads the marker at `path`; nil when there is none or it is not one.
    public static func read(_ path: String) -> ShardMarker? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(ShardMarker.self, from: $0) }
    }
}
