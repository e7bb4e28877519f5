import PipeKit

extension ExportStage: ShardMergingStage {
    /// Writes the final file from the shards' copies: text formats article by article in input
    /// order, a database table by table (``SQLiteMerge``). A stream has nothing to merge.
    public func mergeShards(_ merge: ShardMerge, stageID: String) throws {
        guard !isStream else { return }
        if options.format == .sqlite {
            try SQLiteMerge(merge: merge, stageID: stageID, path: path).run()
        } else {
            try merge.mergeText(of: stageID, into: path)
        }
    }
}
