/// A stage that can be named in a pipeline file: it has a type name, a summary and typed options.
///
/// Register it with ``StageRegistry/register(_:)``; the YAML `type:` is ``name``.
public protocol ConfigurableStage: Stage {
    /// The stage's options.
    associatedtype Options: StageOptions

    /// The YAML `type:`, for example `normalize`.
    static var name: String { get }
    /// One line for `pipe stages`.
    static var summary: String { get }

    /// Builds the stage from checked options; throw ``OptionError`` for values decoding cannot reject.
    ///
    /// Do no I/O here: `pipe validate` calls it too. Open files in ``Stage/start(context:)``.
    init(options: Options, setup: StageSetup) throws
}

/// What a stage's initializer may know about the pipeline it is built for.
public struct StageSetup: Sendable {
    /// The pipeline's name.
    public var pipeline: String
    /// The stage's id.
    public var stageID: String
    /// The pipeline's input, with its format, field map and time zone.
    public var input: InputSpec?
    /// The input's format.
    public var inputFormat: InputFormat? { input?.format }
    /// The types of the stages before this one, in order, so that a stage can require one.
    public var precedingStages: [String]
    /// The share of the input the run reads, when it is one shard of several.
    public var shard: Shard?

    /// Creates a setup.
    public init(pipeline: String, stageID: String, input: InputSpec? = nil, precedingStages: [String] = [], shard: Shard? = nil) {
        self.pipeline = pipeline
        self.stageID = stageID
        self.input = input
        self.precedingStages = precedingStages
        self.shard = shard
    }

    /// The path to write for an output the options name `path`: in a sharded run, the shard's
    /// own (``Shard/path(for:)``), so that shards running at once never share a file. A stage
    /// that writes files opens them at this path and lists it in ``Stage/outputFiles``.
    public func outputPath(_ path: String) -> String {
        shard.map { $0.path(for: path) } ?? path
    }
}
