import Foundation
import PipeKit
import PipeStages
import Testing

/// A pipeline file loaded for one shard (`pipe run --shard`): every path the shard writes is its own.
@Suite("Loading a pipeline for a shard")
struct ShardLoadingTests {
    static let yaml = """
        pipeline: wide
        input: {path: in, format: jsonl}
        stages:
          - type: parse
            on_error: dead-letter
          - type: dedupe
          - type: export
            id: jsonl
            options: {format: jsonl, path: out/wide.jsonl}
          - type: export
            id: db
            options: {format: sqlite, path: out/db/wide.sqlite}
        """

    func load(_ yaml: String, shard: Shard?) throws -> PipelineDefinition {
        var loader = PipelineLoader(registry: BuiltinStages.registry)
        loader.shard = shard
        return try loader.load(yaml: yaml, file: "wide.yaml")
    }

    @Test func everyOutputTheCheckpointsAndTheMergeFilesAreTheShards() throws {
        let shard = try Shard(index: 3, count: 16)
        let definition = try load(Self.yaml, shard: shard)
        #expect(definition.stages.flatMap(\.outputFiles) == ["out/wide.shard-0003-of-0016.jsonl", "out/db/wide.shard-0003-of-0016.sqlite"])
        #expect(definition.deadLetterPath == "out/wide.shard-0003-of-0016.dead-letter.jsonl")
        #expect(definition.checkpoint?.folder == ".pipe/wide/shard-0003-of-0016")
        #expect(definition.input.shard == shard)
        let files = try #require(definition.shardFiles(shard))
        #expect(files.marker == "out/wide.shard-0003-of-0016.done")
        #expect(files.log(stage: "db") == "out/wide.shard-0003-of-0016.db.log")
        #expect(definition.stages.map(\.mergeLogKind) == [nil, .keptHashes, .writtenRows, .writtenRows])

        let whole = try load(Self.yaml, shard: nil)
        #expect(whole.stages.flatMap(\.outputFiles) == ["out/wide.jsonl", "out/db/wide.sqlite"])
        #expect(whole.shardFingerprint(count: 16) == definition.shardFingerprint(count: 16), "every shard and the merge agree")
        #expect(whole.shardFingerprint(count: 8) != definition.shardFingerprint(count: 16))
        #expect(whole.fingerprint != definition.fingerprint, "a shard's checkpoint is its own")
    }

    @Test func anExplicitDeadLetterFileGetsTheSuffixToo() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "stages:", with: "dead_letter: failed/wide.dead-letter.jsonl\nstages:")
        #expect(try load(yaml, shard: Shard(index: 0, count: 2)).deadLetterPath == "failed/wide.shard-0000-of-0002.dead-letter.jsonl")
    }

    @Test func aPipelineThatWritesNoFileCannotBeSharded() throws {
        let yaml = "pipeline: quiet\ninput: {path: in, format: jsonl}\nstages:\n  - type: parse\n  - type: dedupe\n"
        #expect(throws: Never.self) { try load(yaml, shard: nil) }
        #expect {
            try load(yaml, shard: Shard(index: 0, count: 2))
        } throws: { error in
            guard let diagnostic = (error as? PipelineFileError)?.diagnostics.first else { return false }
            return diagnostic.code == .shard && diagnostic.message.contains("would write nothing for `pipe merge`")
                && diagnostic.location?.line == 3 && diagnostic.location?.column == 1
        }
    }
}
