/// A stage that writes files and combines its shards' copies of them into the final ones when
/// `pipe merge` runs: `export` does.
///
/// A sharded run writes each file at ``StageSetup/outputPath(_:)``; the merge calls
/// ``mergeShards(_:)`` on the stage built from the same file without a shard, whose
/// ``Stage/outputFiles`` are the final paths.
public protocol ShardMergingStage: Stage {
    /// Writes the final files of the stage `stageID` from the shards' copies, staged in ``ShardMerge/publication``,
    /// leaving out the rows ``ShardMerge/rows(of:)`` marks as dropped.
    ///
    /// - Throws: ``PipeError`` when a shard's copy cannot be read or the final file written.
    func mergeShards(_ merge: ShardMerge, stageID: String) throws
}
