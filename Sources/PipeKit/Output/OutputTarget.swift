#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an export's `path` names: a file Pipe creates or replaces atomically, or a stream it
/// writes straight into, never replacing it: standard output (`-`), a FIFO or a character
/// device (`/dev/null`, a terminal), also through a symbolic link (`/dev/stdout`).
package enum OutputTarget: Sendable, Hashable {
    /// A regular file, or a path where none exists yet.
    case file
    /// Standard output.
    case standardOutput
    /// An existing FIFO or character device, opened for writing as it is.
    case stream

    /// What `path` names now.
    ///
    /// - Throws: ``OptionError`` for `path` when it exists and is neither a regular file, nor a
    ///   FIFO, nor a character device (a folder, a socket, a block device).
    package init(path: String) throws {
        if path == "-" {
            self = .standardOutput
            return
        }
        var status = stat()
        // A link is followed: a link to a regular file is replaced as the file would be.
        guard stat(path, &status) == 0 else {
            self = .file
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            // `/dev/stdout` when standard output is a file: a link to the process's own descriptor,
            // written through (appending), never replaced.
            self = Self.linksToADescriptor(path) ? .stream : .file
        case S_IFIFO, S_IFCHR: self = .stream
        case S_IFDIR:
            throw OptionError(key: "path", "`\(path)` is a folder", hint: "name a file in it, for example `\(path)/articles.jsonl`")
        default:
            throw OptionError(key: "path", "`\(path)` is neither a regular file, nor a FIFO, nor a character device",
                              hint: "name a file to create, `-` for standard output, or a FIFO")
        }
    }

    /// Whether `path` is a link to one of the process's descriptors (`/proc/self/fd/1`, `/dev/fd/2`).
    private static func linksToADescriptor(_ path: String) -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return false }
        let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/proc/self/fd/") || target.hasPrefix("/dev/fd/")
    }

    /// Whether the output is written as it goes, with no file to publish.
    package var isStream: Bool { self != .file }
}
