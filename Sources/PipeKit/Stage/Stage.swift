import Logging

/// A step of a pipeline: it takes one `Input` and gives one `Output`, or none to drop it.
///
/// Stages are values shared by every worker of a run, so they must be `Sendable`; a stage that
/// keeps state (an output file, a cache) keeps it behind a lock. The runtime calls
/// ``process(_:context:)`` for every item, in input order when ``runsInOrder`` is `true` and
/// from up to `concurrency` workers at once otherwise. The item is the stage's own (`consuming`):
/// the runtime keeps no copy, so a stage changes it in place and returns it.
///
/// ```swift
/// struct Shout: Stage {
///     func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
///         article.title = article.title.uppercased()
///         return article
///     }
/// }
/// ```
public protocol Stage<Input, Output>: Sendable {
    /// What the stage consumes.
    associatedtype Input: Sendable
    /// What the stage produces.
    associatedtype Output: Sendable

    /// Whether the stage must see items one at a time in input order (writers do).
    ///
    /// Such a stage always runs with one worker. The default is `false`.
    static var runsInOrder: Bool { get }

    /// Transforms one item, its own to change; returns `nil` to drop it on purpose (it is counted
    /// as filtered).
    ///
    /// A thrown error is handled by the stage's `on_error` policy and never stops other items.
    func process(_ input: consuming Input, context: StageContext) async throws -> Output?

    /// Called once before the first item, after the whole pipeline has been checked.
    ///
    /// Open files and connections here, not in `init`: `pipe validate` builds stages too.
    func start(context: StageContext) async throws

    /// Called once after the last item, with how the run ended.
    ///
    /// Writers publish their output here when the run completed or was interrupted, and
    /// discard it when it failed.
    func finish(_ outcome: RunOutcome, context: StageContext) async throws

    /// Files the stage writes, so that the runtime can put the dead-letter file beside the first.
    var outputFiles: [String] { get }

    /// The article fields the stage needs and sets, checked before a run; none by default.
    var fieldAccess: FieldAccess { get }

    /// What the stage records in ``StageContext/mergeLog`` for `pipe merge` when the run is a
    /// shard: `export` each article it writes, `dedupe` each it keeps. Nil (the default) for nothing.
    var mergeLogKind: MergeLog.Kind? { get }
}

extension Stage {
    /// Stages run concurrently unless they say otherwise.
    public static var runsInOrder: Bool { false }
    /// Nothing to open.
    public func start(context: StageContext) async throws {}
    /// Nothing to publish.
    public func finish(_ outcome: RunOutcome, context: StageContext) async throws {}
    /// No files.
    public var outputFiles: [String] { [] }
    /// Needs and sets no field.
    public var fieldAccess: FieldAccess { FieldAccess() }
    /// Nothing to record for `pipe merge`.
    public var mergeLogKind: MergeLog.Kind? { nil }
}

/// What a stage knows about the run it is part of.
public struct StageContext: Sendable {
    /// The stage's id in the pipeline (its `id:`, or its type).
    public var stageID: String
    /// The pipeline's name.
    public var pipeline: String
    /// A logger labelled with the stage's id.
    public var logger: Logger
    /// How long the stage may take on one item (`timeout:`), if it is limited.
    public var timeout: Duration?
    /// The token of the run's staged file names: give it to ``AtomicFile/init(path:token:resumingAt:)``
    /// so that a resumed run finds the files the interrupted one was writing.
    public var stagingToken = SafeFile.randomToken()
    /// The checkpoint folder's store, while the run keeps checkpoints.
    package var stateStore: CheckpointStore?
    /// The run's outputs, renamed into place together once every stage finished: a writer
    /// stages its files here in `finish` (``AtomicFile/stage(in:)``). Nil outside a run, where a
    /// writer publishes on its own.
    public var publication: Publication?
    /// Where the stage records what `pipe merge` needs, in a sharded run of a stage with a
    /// ``Stage/mergeLogKind``, from the first item on (not yet in `start`); nil otherwise.
    public var mergeLog: MergeLog?
    /// The turns a writer stage takes to write batches in input order; set by the runtime.
    @usableFromInline var writeTurns: WriteTurns?
    /// Where a writer leaves rows for the claimed source's commit (``addToCommit(_:)``); set by
    /// the runtime when the input is claimed.
    var commitWrites: CommitWrites?
    /// The batch being processed, for ``addToCommit(_:)``; set by the runtime.
    @usableFromInline var batchSequence = 0

    /// The context for processing batch `sequence`.
    @usableFromInline func processing(_ sequence: Int) -> StageContext {
        var context = self
        context.batchSequence = sequence
        return context
    }

    /// Creates a context.
    public init(stageID: String, pipeline: String, logger: Logger? = nil) {
        self.stageID = stageID
        self.pipeline = pipeline
        self.logger = logger ?? Logger(label: "pipe.\(stageID)")
    }

    /// The path of a file the stage may keep state in for a resumed run, `STAGE.NAME` in the
    /// checkpoint folder, or nil when the run keeps no checkpoints.
    ///
    /// The name is recorded before the path is returned, so that Pipe removes the file when the
    /// run's checkpoint goes, and recognizes it as its own. Create the file with
    /// `O_CREAT | O_EXCL | O_NOFOLLOW`, and reopen it only with `O_NOFOLLOW`.
    public func stateFile(named name: String) throws -> String? {
        try stateStore?.stateFile(stage: stageID, name: name)
    }
}

/// How a run ended.
public enum RunOutcome: Sendable, Hashable {
    /// Every record was read and processed.
    case completed
    /// A signal stopped reading; the items already read were processed.
    case interrupted(signal: Int32)
    /// A `fail` policy fired or an I/O error stopped the run.
    case failed

    /// Whether outputs should be published: `true` unless the run failed.
    public var publishesOutputs: Bool { self != .failed }
}
