/// How far a run got: the input records it finished and where every resumable stage stood then.
///
/// Written atomically as `checkpoint.json` in the run's checkpoint folder; small whatever the
/// input's size (stages keep bulky state in files of their own beside it and record their length).
public struct Checkpoint: Codable, Sendable, Equatable {
    /// The format version this build writes and reads.
    public static let currentVersion = 1

    /// The format version.
    public var version = Self.currentVersion
    /// The pipeline's name.
    public var pipeline: String
    /// A digest of the pipeline: its file, input, stages and outputs; a resumed run must match it.
    public var fingerprint: String
    /// Input records whose results are all written.
    public var records: Int
    /// Their bytes.
    public var bytes: Int
    /// A digest of those records' ids and sizes, to notice an input that changed.
    public var inputDigest: String
    /// The length of the dead-letter file, when the run writes one.
    public var deadLetters: Int?
    /// Where each resumable stage stood, by stage id.
    public var stages: [String: StagePosition]
    /// The length of each merge log of a sharded run, by stage id.
    public var mergeLogs: [String: Int]?
    /// Each stage's counts so far, so that the resumed run's summary covers the whole job.
    public var tallies: [StageTally]

    /// Creates a checkpoint.
    public init(
        pipeline: String, fingerprint: String, records: Int, bytes: Int, inputDigest: String,
        deadLetters: Int?, stages: [String: StagePosition], tallies: [StageTally]
    ) {
        self.pipeline = pipeline
        self.fingerprint = fingerprint
        self.records = records
        self.bytes = bytes
        self.inputDigest = inputDigest
        self.deadLetters = deadLetters
        self.stages = stages
        self.tallies = tallies
    }
}
