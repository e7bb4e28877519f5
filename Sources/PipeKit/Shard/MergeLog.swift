/// A file in which a stage of a sharded run records, line by line, what `pipe merge` needs of
/// it: each line is an article's ``InputPosition`` and the stage's note about it.
///
/// `export` notes the size in bytes of each article it writes, so that merge can cut the shard's
/// output into articles; `dedupe` notes the hash of each article it keeps, so that merge can drop
/// what an earlier shard kept. The runtime opens one per stage that has a ``Stage/mergeLogKind``,
/// makes it durable at each checkpoint, and publishes it with the run's outputs.
public final class MergeLog: Sendable {
    /// What a stage's merge log records, and so what `pipe merge` does with it.
    public enum Kind: Sendable, Hashable {
        /// Each article the stage kept, noted with the hash that makes copies of it duplicates:
        /// merge leaves out a copy kept in one shard when an earlier one was kept in another.
        case keptHashes
        /// Each article the stage wrote, noted with its size in bytes (0 for a database row):
        /// merge puts the shards' articles back in input order.
        case writtenRows
    }

    /// The file written, staged like every output (``AtomicFile``).
    let file: AtomicFile

    /// Opens the log at `path`, new or continuing where a checkpoint left it.
    init(path: String, token: String, resumingAt length: Int?) throws {
        file = try AtomicFile(path: path, token: token, resumingAt: length)
    }

    /// The final path.
    public var path: String { file.path }

    /// Records `note` about the article at `position`. A stage calls it in input order.
    ///
    /// - Throws: ``PipeError`` with code `io` when the file cannot be written.
    public func record(_ position: InputPosition?, _ note: String) throws {
        guard let position else {
            throw PipeError(.io, "an article without an input position reached a sharded run's merge log",
                            hint: "a sharded run needs its articles to come from `parse`, which gives each its position")
        }
        try file.write("\(position) \(note)\n")
    }

    /// One line of a log: the position and the note.
    package static func entry(_ line: Substring) -> (position: InputPosition, note: Substring)? {
        guard let space = line.firstIndex(of: " "), let position = InputPosition(line[..<space]) else { return nil }
        return (position, line[line.index(after: space)...])
    }
}
