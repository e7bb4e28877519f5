import Foundation

/// Tells, without creating anything, whether a run will be able to write a file: the folders
/// that do not exist yet can be created, and the nearest one that exists is writable.
///
/// `pipe validate` and `pipe run` check every output this way before the first article is read.
enum OutputPathCheck {
    /// What stops `path` from being written, or nil when nothing does.
    static func problem(writing path: String) -> String? {
        guard !path.isEmpty else { return "the path is empty" }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "`\(path)` is a folder" }
        }
        // The nearest folder on the way up that exists must be a folder and writable; a link to
        // nothing on the way is neither there nor creatable.
        var folder = PathParts.parent(path)
        while !folder.isEmpty, !manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            var status = stat()
            if lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                return "`\(folder)` is a symbolic link to something that does not exist"
            }
            folder = PathParts.parent(folder)
        }
        if folder.isEmpty { folder = "." }
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "`\(folder)` is a file, so the folders for `\(path)` cannot be created"
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            return "folder `\(folder)` is not writable (\(String(cString: strerror(errno))))"
        }
        return nil
    }
}
