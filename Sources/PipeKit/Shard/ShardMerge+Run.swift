extension ShardMerge {
    /// What a merge wrote.
    public struct Outcome: Sendable {
        /// The shards' counts summed, stage by stage.
        public var summary: RunSummary
        /// How many shards were merged.
        public var shards: Int
        /// The final files published.
        public var files: [String]
        /// The copies kept by a shard that an earlier shard kept first, left out.
        public var dropped: Int
        /// Files of stages that cannot combine shards' copies, each shard's copy left as it is.
        public var unmerged: [String]
    }

    /// Writes every final file from the shards' copies and publishes them together.
    ///
    /// The final paths are locked as a run locks them, so that a merge and a run of the same
    /// pipeline never write one file at once. A failure publishes nothing and leaves every
    /// earlier file as it was.
    ///
    /// - Throws: ``PipeError`` when a shard's file cannot be read or a final one written.
    public func run() throws -> Outcome {
        let started = ContinuousClock.now
        let finals = definition.stages.flatMap(\.outputFiles) + [definition.deadLetterPath].compactMap { $0 }
        let locks = try OutputLocks(outputs: finals, pipeline: definition.name)
        defer { withExtendedLifetime(locks) {} }
        var unmerged: [String] = []
        do {
            if let deadLetters = definition.deadLetterPath { try concatenate(into: deadLetters) }
            for stage in definition.stages where !stage.outputFiles.isEmpty {
                guard let merge = stage.mergeShards else {
                    unmerged += stage.outputFiles
                    continue
                }
                try merge(self)
            }
        } catch {
            publication.discard()
            throw error
        }
        let files = publication.paths
        try publication.publish()
        return Outcome(summary: summary(elapsed: .now - started), shards: shards.count, files: files, dropped: dropped.count, unmerged: unmerged)
    }

    /// The markers' counts summed, stage by stage.
    private func summary(elapsed: Duration) -> RunSummary {
        var stages = markers.first?.stages.map { StageTally(stageID: $0.stageID) } ?? []
        for marker in markers {
            for (index, tally) in marker.stages.enumerated() where index < stages.count { stages[index].add(tally) }
        }
        return RunSummary(outcome: .completed, read: markers.reduce(0) { $0 + $1.read }, written: markers.reduce(0) { $0 + $1.written },
                          stages: stages, elapsed: elapsed, bytesRead: markers.reduce(0) { $0 + $1.bytesRead },
                          deadLetterFile: definition.deadLetterPath)
    }
}
