import Foundation

/// Combines the outputs of a sharded run's shards into the files one run would have written
/// (`pipe merge`).
///
/// It checks first that every shard completed the same pipeline (``ShardMarker``), and refuses,
/// naming them, when one is missing or incomplete. It then learns from the `dedupe` stages' merge
/// logs which articles an earlier shard, in input order, already kept, and lets each stage that
/// writes files (``ShardMergingStage``) combine its shards' copies in input order, without them.
/// Every final file is staged under a temporary name and published with the others once all are
/// complete: never a partial final file.
public struct ShardMerge: Sendable {
    /// The pipeline, loaded whole (no shard): its outputs are the final paths.
    public let definition: PipelineDefinition
    /// The files of every shard, by index.
    public let shards: [ShardFiles]
    /// Their markers, by index.
    public let markers: [ShardMarker]
    /// The positions of articles a shard kept that an earlier shard, in input order, kept too.
    public let dropped: Set<InputPosition>
    /// The token of the merged files' staged names.
    public let token = SafeFile.randomToken()
    /// The merged files, published together.
    public let publication = Publication()

    /// Checks the shards of `definition` (`count` of them, or as many as their markers say) and
    /// reads what they kept.
    ///
    /// - Throws: ``PipeError`` with code `shard` naming every shard missing or incomplete, or
    ///   `io` when a merge log cannot be read.
    public init(definition: PipelineDefinition, count: Int?) throws {
        guard let firstOutput = definition.firstOutput else {
            throw PipeError(.shard, "`\(definition.name)` writes no file, so its shards left nothing to merge")
        }
        let count = try count ?? Self.countFromMarkers(definition: definition, firstOutput: firstOutput)
        self.definition = definition
        shards = try (0..<count).map { try ShardFiles(shard: Shard(index: $0, count: count), pipeline: definition.name, firstOutput: firstOutput) }
        markers = try Self.markers(of: shards, fingerprint: definition.shardFingerprint(count: count))
        dropped = try Self.laterCopies(in: shards, stages: definition.stages.filter { $0.mergeLogKind == .keptHashes })
    }

    /// The shard count the markers beside the first output give.
    private static func countFromMarkers(definition: PipelineDefinition, firstOutput: String) throws -> Int {
        let folder = PathParts.parent(firstOutput).isEmpty ? "." : PathParts.parent(firstOutput)
        let prefix = definition.name + ".shard-", suffix = "." + ShardMarker.fileExtension
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let counts = Set(names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.compactMap {
            ShardMarker.read(PathParts.sibling(of: firstOutput, named: $0))?.shard.count
        })
        guard let count = counts.first else {
            throw PipeError(.shard, "no shard of `\(definition.name)` has completed: there is no `\(prefix)*\(suffix)` in `\(folder)`",
                            hint: "run the shards first (`pipe run FILE --shard I/N`), or give `--shards N` to name the missing ones")
        }
        guard counts.count == 1 else {
            throw PipeError(.shard, "the markers in `\(folder)` are of runs split \(counts.sorted().map(String.init).joined(separator: " and ")) ways",
                            hint: "give `--shards N` for the run to merge")
        }
        return count
    }

    /// The markers of every shard; an error naming each one missing, incomplete or of another pipeline.
    private static func markers(of shards: [ShardFiles], fingerprint: String) throws -> [ShardMarker] {
        var markers: [ShardMarker] = []
        var problems: [String] = []
        for files in shards {
            guard let marker = ShardMarker.read(files.marker) else {
                problems.append("shard \(files.shard) has no marker `\(files.marker)`: it is missing, still running, or was stopped")
                continue
            }
            if marker.fingerprint != fingerprint {
                problems.append("shard \(files.shard) completed another version of the pipeline, its input or its shard count (`\(files.marker)`)")
            }
            markers.append(marker)
        }
        guard problems.isEmpty else {
            throw PipeError(.shard, "cannot merge: " + problems.joined(separator: "; "),
                            hint: "run each shard named (`pipe run FILE --shard I/N`, with `--resume` for one that was stopped), then merge again")
        }
        return markers
    }

    /// The positions of the copies that `dedupe` kept in one shard although an earlier article,
    /// in input order, with the same hash was kept by another.
    private static func laterCopies(in shards: [ShardFiles], stages: [AnyStage]) throws -> Set<InputPosition> {
        var dropped: Set<InputPosition> = []
        for stage in stages {
            var first: [Substring: InputPosition] = [:]
            var kept: [(InputPosition, Substring)] = []
            for files in shards {
                try MergeLogReader(path: files.log(stage: stage.id)).forEach { position, hash in
                    kept.append((position, hash))
                    if let earlier = first[hash], earlier < position { return }
                    first[hash] = position
                }
            }
            for (position, hash) in kept where first[hash] != position { dropped.insert(position) }
        }
        return dropped
    }

    /// One article a stage wrote in some shard, in the merged order.
    public struct Row: Sendable, Hashable {
        /// The shard's index.
        public var shard: Int
        /// The article's place among what the stage wrote in that shard, from 0.
        public var ordinal: Int
        /// Its size in bytes in the shard's output (0 for a database row).
        public var size: Int
        /// Whether an earlier shard kept the same article, so that the merge leaves it out.
        public var isDropped: Bool
    }

    /// What `stageID` wrote in every shard, in input order.
    ///
    /// - Throws: ``PipeError`` with code `io` when a merge log is missing or damaged.
    public func rows(of stageID: String) throws -> [Row] {
        var rows: [(InputPosition, Row)] = []
        for files in shards {
            var ordinal = 0
            try MergeLogReader(path: files.log(stage: stageID)).forEach { position, note in
                guard let size = Int(note) else {
                    throw PipeError(.io, "`\(files.log(stage: stageID))` is damaged: `\(note)` is no size")
                }
                rows.append((position, Row(shard: files.shard.index, ordinal: ordinal, size: size, isDropped: dropped.contains(position))))
                ordinal += 1
            }
        }
        // A position belongs to one shard, so input order is a total order on the rows.
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
