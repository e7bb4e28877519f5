#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a folder's files recursively, each folder opened relative to its parent (`openat`), so
/// that a tree nested deeper than `PATH_MAX` is listed whole, and opens such deep files the same
/// way.
///
/// Hidden entries (a leading dot) are skipped and links are not followed, as documented for
/// `input.path`. A folder that cannot be opened or read is not skipped silently: it is listed
/// as its path with a trailing `/`, which the reader turns into a record with a problem.
package enum FolderWalk {
    /// The regular files below `root` (and the folders it could not read, ending in `/`), as
    /// paths that start with `root`, in no particular order.
    package static func files(in root: String) -> [String] {
        var files: [String] = []
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return [root.hasSuffix("/") ? root : root + "/"] }
        walk(descriptor, path: root.hasSuffix("/") ? String(root.dropLast()) : root, into: &files)
        return files
    }

    /// Lists the open folder `descriptor` (closing it) and the folders below it.
    private static func walk(_ descriptor: Int32, path: String, into files: inout [String]) {
        guard let folder = fdopendir(descriptor) else {
            close(descriptor)
            files.append(path + "/")
            return
        }
        var folders: [String] = []
        errno = 0
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard !name.hasPrefix(".") else { continue }
            switch kind(of: entry.pointee.d_type, name: name, in: descriptor) {
            case .file: files.append(path + "/" + name)
            case .folder: folders.append(name)
            case .other: break
            }
        }
        let failed = errno != 0
        // Each folder below is opened from this one, then this one's descriptor is kept only
        // until its folders are done: one descriptor a level of depth.
        for name in folders {
            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                walk(child, path: path + "/" + name, into: &files)
            } else {
                files.append(path + "/" + name + "/")
            }
        }
        closedir(folder)
        if failed { files.append(path + "/") }
    }

    private enum Kind { case file, folder, other }

    private static func kind(of type: UInt8, name: String, in folder: Int32) -> Kind {
        switch Int32(type) {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .folder
        case Int32(DT_UNKNOWN):
            var status = stat()
            guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
            switch status.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            default: return .other
            }
        default: return .other
        }
    }

    /// Opens `path` for reading, walking its folders with `openat` when it is longer than
    /// `PATH_MAX`; -1 with `errno` set when it cannot be opened.
    package static func openFile(_ path: String, flags: Int32 = O_RDONLY) -> Int32 {
        guard path.utf8.count >= Int(PATH_MAX) else { return open(path, flags | O_CLOEXEC) }
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let last = parts.removeLast()
        var current = open(path.hasPrefix("/") ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for part in parts where current >= 0 {
            current = openAt(current, part, O_RDONLY | O_DIRECTORY)
        }
        guard current >= 0 else { return -1 }
        return openAt(current, last, flags)
    }

    /// Opens `name` in the folder `folder` and closes the folder, keeping the `errno` of the open.
    private static func openAt(_ folder: Int32, _ name: String, _ flags: Int32) -> Int32 {
        let opened = openat(folder, name, flags | O_CLOEXEC)
        let saved = errno
        close(folder)
        errno = saved
        return opened
    }
}
