import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CheckpointStore {
    /// What makes `folder` unfit to keep checkpoints in, or nil when nothing does: a folder that
    /// holds files Pipe did not write, a symbolic link (the folder or its parent) that another user
    /// owns, or a path that is not a folder. A missing folder is fine.
    ///
    /// `pipe validate` reports it at `checkpoint.folder`, and a run refuses the folder before it
    /// reads anything, so that Pipe never removes what it did not make.
    public static func problem(with folder: String) -> String? {
        let parent = PathParts.parent(folder)
        if !parent.isEmpty, let problem = foreignLink(parent) { return problem }
        if let problem = foreignLink(folder) { return problem }
        var status = stat()
        guard stat(folder, &status) == 0 else { return nil }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "`\(folder)` is not a folder" }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let state = readLedger(in: folder)?.state ?? []
        let foreign = names.filter { !isPipes($0, state: state) }.sorted()
        guard !foreign.isEmpty else { return nil }
        let shown = foreign.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        let more = foreign.count > 3 ? " and \(foreign.count - 3) more" : ""
        return "it holds files Pipe did not write (\(shown)\(more)), which Pipe would never remove"
    }

    /// Why `path` is a symbolic link Pipe must not follow: one owned by another user.
    private static func foreignLink(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, status.st_uid != geteuid() else { return nil }
        return "`\(path)` is a symbolic link owned by another user (uid \(status.st_uid))"
    }

    /// Whether `name` in a checkpoint folder is one Pipe writes there.
    private static func isPipes(_ name: String, state: [String]) -> Bool {
        // The checkpoint folders of the pipeline's shards (`shard-0003-of-0016`) are Pipe's too.
        if fixedNames.contains(name) || state.contains(name) || Shard(label: name) != nil { return true }
        // One of them being replaced when the run was killed: `.NAME.TOKEN.partial`.
        return name.hasSuffix(".partial") && fixedNames.contains { name.hasPrefix("." + $0 + ".") }
    }
}
