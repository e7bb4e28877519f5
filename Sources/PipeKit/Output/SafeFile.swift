import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ways Pipe creates and reopens its own files without being tricked by what another user
/// planted: never through a symbolic link, never over an existing file, never into a file that
/// another user owns.
///
/// Every file Pipe writes is created with `O_CREAT | O_EXCL | O_NOFOLLOW` under a name nobody
/// can guess (``stagedPath(of:token:)``), and only reopened (to resume a run) when it is still a
/// plain file of the running user with one link.
package enum SafeFile {
    /// The text of the current `errno`.
    package static var lastError: String { String(cString: strerror(errno)) }

    /// The length of a token: 16 lower-case letters and digits, 82 bits.
    package static let tokenLength = 16

    /// What SQLite adds to a staged database's name for its journal, and what the SQLite export
    /// adds for the compacted copy it publishes: files a run may leave beside a staged output.
    package static let journalSuffix = "-journal"
    package static let copySuffix = "-copy"

    /// A new random token for staged names, ``tokenLength`` letters and digits.
    package static func randomToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<tokenLength).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] },
                      as: UTF8.self)
    }

    /// The name a file is written under before it is published: `.NAME.TOKEN.partial` beside `path`.
    package static func stagedPath(of path: String, token: String) -> String {
        PathParts.sibling(of: path, named: "." + PathParts.name(path) + "." + token + ".partial")
    }

    /// The suffix a staged name adds to a final one, for the length checks of `pipe validate`.
    package static let stagedSuffixLength = ".".utf8.count + tokenLength + ".partial".utf8.count + journalSuffix.utf8.count + 1

    /// Creates `path`, which must not exist, and opens it for reading and writing.
    ///
    /// - Throws: ``PipeError`` with code `io`, naming the path, when anything is there already
    ///   (a symbolic link included) or the file cannot be made.
    package static func create(_ path: String, mode: mode_t = 0o644) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let reason = lastError
            if errno == EEXIST {
                throw PipeError(.io, "cannot create `\(path)`: something is already there",
                                hint: "Pipe writes only files it creates itself; remove `\(path)` if it is yours")
            }
            throw PipeError(.io, "cannot create `\(path)`: \(reason)", hint: "check that the folder exists and is writable")
        }
        return descriptor
    }

    /// Reopens a file Pipe created earlier, or returns nil when there is none.
    ///
    /// - Throws: ``PipeError`` with code `io` when the path is a symbolic link, not a plain file,
    ///   owned by another user or linked elsewhere too: not a file Pipe made.
    package static func reopen(_ path: String, flags: Int32 = O_RDWR) throws -> Int32? {
        let descriptor = open(path, flags | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            let reason = errno == ELOOP ? "it is a symbolic link" : lastError
            throw PipeError(.io, "cannot reopen `\(path)`: \(reason)",
                            hint: "Pipe continues only files it made itself; run without `--resume` to start over")
        }
        if let problem = notOwn(descriptor) {
            close(descriptor)
            throw PipeError(.io, "cannot reopen `\(path)`: \(problem)",
                            hint: "Pipe continues only files it made itself; run without `--resume` to start over")
        }
        return descriptor
    }

    /// Why an open file is not one Pipe made for this user, or nil when it may be.
    static func notOwn(_ descriptor: Int32) -> String? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return lastError }
        if status.st_mode & S_IFMT != S_IFREG { return "it is not a plain file" }
        if status.st_uid != geteuid() { return "it belongs to another user (uid \(status.st_uid))" }
        if status.st_nlink != 1 { return "it has \(status.st_nlink) links" }
        return nil
    }

    /// Writes every byte, retrying after signals; false on an error (`errno` tells which).
    package static func writeAll(_ bytes: some ContiguousBytes, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Copies the first `length` bytes of `source` to `target` a block at a time; false when
    /// `source` ends first or a write fails.
    package static func copy(_ length: Int, from source: Int32, to target: Int32) -> Bool {
        var block = [UInt8](repeating: 0, count: max(1, min(length, 1 << 20)))
        var copied = 0
        while copied < length {
            let count = block.withUnsafeMutableBytes { read(source, $0.baseAddress, min($0.count, length - copied)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0, writeAll(block[..<count], to: target) else { return false }
            copied += count
        }
        return true
    }

    /// Creates the folders on the way to `path`'s folder.
    package static func createParent(of path: String) throws {
        let folder = PathParts.parent(path)
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipeError(.io, "cannot create folder `\(folder)` for `\(path)`: \(error.localizedDescription)")
        }
    }

    /// Makes the file at `path`, this user's own and no link, durable.
    ///
    /// - Throws: ``PipeError`` with code `io` when it cannot be opened or synced.
    package static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw PipeError(.io, "cannot sync `\(path)`: \(lastError)")
        }
        close(descriptor)
    }
}
