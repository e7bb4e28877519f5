/// Whether and how often a run writes checkpoints, where, and whether it resumes from one.
///
/// A pipeline file's `checkpoint:` key sets the folder and the interval; `pipe run --resume`
/// sets ``resume``. A checkpoint is written whenever ``interval`` has passed or ``records``
/// records were read since the last one (whichever comes first), and when a signal stops the run.
public struct CheckpointSettings: Sendable, Hashable {
    /// The folder for the checkpoint and the stages' state, `.pipe/NAME` unless the file says otherwise.
    public var folder: String
    /// The longest time between two checkpoints.
    public var interval: Duration
    /// The most records read between two checkpoints, if limited.
    public var records: Int?
    /// Whether to continue from the checkpoint in ``folder``, if there is one.
    public var resume = false

    /// The default interval: ten seconds.
    public static let defaultInterval = Duration.seconds(10)

    /// The default folder for a pipeline: `.pipe/NAME` in the current folder.
    public static func defaultFolder(pipeline: String) -> String { ".pipe/" + pipeline }

    /// What stops a run from keeping checkpoints in ``folder``, or nil when nothing does: a
    /// folder that cannot be written, or one that holds files Pipe did not write there.
    public var folderProblem: String? {
        OutputPathCheck.problem(writing: folder + "/lock") ?? CheckpointStore.problem(with: folder)
    }

    /// Creates settings.
    public init(folder: String, interval: Duration = Self.defaultInterval, records: Int? = nil, resume: Bool = false) {
        self.folder = folder
        self.interval = interval
        self.records = records
        self.resume = resume
    }
}
