#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a shard's ``MergeLog`` line by line, in bounded memory.
struct MergeLogReader {
    /// The log's path.
    let path: String

    /// Calls `body` with each line's position and note, in order.
    ///
    /// - Throws: ``PipeError`` with code `io` when the log cannot be opened or a line is damaged,
    ///   and what `body` throws.
    func forEach(_ body: (InputPosition, Substring) throws -> Void) throws {
        let descriptor = FolderWalk.openFile(path)
        guard descriptor >= 0 else {
            throw PipeError(.io, "cannot read the merge log `\(path)`: \(String(cString: strerror(errno)))",
                            hint: "a completed shard leaves it beside its outputs; run the shard again")
        }
        let lines = LineReader(descriptor: descriptor, closesDescriptor: true)
        while let line = try lines.next() {
            let text = String(decoding: line.bytes, as: UTF8.self)
            guard let entry = MergeLog.entry(text[...]) else {
                throw PipeError(.io, "the merge log `\(path)` is damaged at line \(lines.lineNumber)",
                                hint: "run the shard again")
            }
            try body(entry.position, entry.note)
        }
    }
}
