import PipeKit
import Synchronization

/// Drops exact duplicates: an article whose normalized body was seen before is counted as filtered.
///
/// The body is hashed with its whitespace collapsed; the stage remembers a 128-bit hash per
/// distinct body (16 bytes, whatever the article's length) and keeps the first article of each.
/// It runs in input order, so which copy is kept never depends on timing. While the run keeps
/// checkpoints, the hashes learnt are appended to `FOLDER/ID.seen` at each one, so that a resumed
/// run remembers every body the interrupted run passed. In a sharded run it also records the
/// hash of each article it keeps in its merge log, for `pipe merge` to drop a copy that an
/// earlier shard, in input order, kept. In a run over a queue, it hands the hash of each article
/// it keeps to the claim's commit: the queue keeps the hashes every worker committed, and an
/// article whose hash another worker committed first is left out of the results then.
public struct DedupeStage: ConfigurableStage, ResumableStage {
    /// What makes two articles duplicates.
    public enum Key: String, Sendable, CaseIterable, OptionValue {
        /// The body alone.
        case body
        /// The title and the body.
        case titleAndBody = "title+body"
    }

    /// The options of `dedupe`.
    public struct Options: StageOptions {
        /// What is compared.
        @Option("key", help: "what must be equal: `body`, or `title+body` to require the same title too")
        public var key: Key = .body

        /// The defaults.
        public init() {}
    }

    /// `dedupe`.
    public static let name = "dedupe"
    /// One line for `pipe stages`.
    public static let summary = "Drop exact duplicates by a hash of the normalized body, keeping the first"
    /// The first copy must be the first in the input.
    public static let runsInOrder = true

    /// The options in force.
    public let options: Options
    private let seen = SeenBodies()

    /// In a sharded run, the hash of each article kept, so that `pipe merge` drops an article
    /// an earlier shard kept.
    public var mergeLogKind: MergeLog.Kind? { .keptHashes }

    /// Creates the stage.
    public init(options: Options = Options(), setup: StageSetup) {
        self.options = options
    }

    /// Creates the stage outside a pipeline file.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads the body, and the title when the key includes it.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: options.key == .titleAndBody ? ["title", "body"] : ["body"])
    }

    /// Passes the first article with a given body and drops the later ones.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        var hasher = ContentHash()
        if options.key == .titleAndBody {
            hasher.add(article.title)
            hasher.separate()
        }
        hasher.add(article.body)
        guard seen.insert(hasher.value) else { return nil }
        let key = String(hasher.value, radix: 16)
        try context.mergeLog?.record(article.position, key)
        if context.commitsWithClaims {
            var pair = JSONWriter()
            pair.beginArray()
            pair.string(article.id)
            pair.string(key)
            pair.endArray()
            try context.addToCommit(CommitWrite(stageID: context.stageID, target: .seenKey, payload: pair.bytes))
        }
        return article
    }

    /// Starts remembering; while the run keeps checkpoints, the journal starts empty.
    public func start(context: StageContext) async throws {
        try seen.open(journal: context.stateFile(named: Self.journalName), keeping: 0)
    }

    /// Appends the hashes learnt since the last checkpoint to the journal and syncs it.
    public func checkpoint(context: StageContext) async throws -> StagePosition {
        ["bytes": try seen.sync()]
    }

    /// Remembers every body the journal holds up to the checkpoint, and goes on from there.
    public func resume(from position: StagePosition, context: StageContext) async throws {
        guard let journal = try context.stateFile(named: Self.journalName) else { return try await start(context: context) }
        try seen.open(journal: journal, keeping: position["bytes"] ?? 0)
    }

    /// Hashes are finished with when the run ends.
    public func finish(_ outcome: RunOutcome, context: StageContext) async throws {
        seen.close()
    }

    /// The number of distinct bodies remembered.
    public var rememberedCount: Int { seen.count }

    /// The journal's name among the stage's state files: `STAGE.seen`.
    static let journalName = "seen"
}
