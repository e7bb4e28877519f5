import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The locks a run holds on every file it writes, so that a second run writing any of them,
/// whatever its pipeline, stops before it reads anything and names the run that holds it.
///
/// Each lock is an exclusive `flock` on `.NAME.lock` beside the output, which holds the process
/// id and pipeline of the run that holds it. The kernel releases it when the process ends, even
/// by `kill -9`; the file itself is removed when the run ends, and a file left by a killed run is
/// simply locked again. A lock file is opened without following links and written only when it
/// is the user's own plain file.
package final class OutputLocks: Sendable {
    private let held: [(path: String, descriptor: Int32)]

    /// The lock file of `output`: `.NAME.lock` beside it.
    package static func lockPath(of output: String) -> String {
        PathParts.sibling(of: output, named: "." + PathParts.name(output) + ".lock")
    }

    /// Locks every output, creating the folders they go in.
    ///
    /// - Throws: ``PipeError`` with code `checkpoint` when another run holds one (naming it), `io`
    ///   when a lock file cannot be made or is not a plain file.
    package init(outputs: [String], pipeline: String) throws {
        var held: [(String, Int32)] = []
        do {
            for output in Set(outputs).sorted() {
                let path = Self.lockPath(of: output)
                held.append((path, try Self.lock(path, output: output, pipeline: pipeline)))
            }
        } catch {
            held.forEach { Self.release($0.0, $0.1) }
            throw error
        }
        self.held = held
    }

    deinit { held.forEach { Self.release($0.path, $0.descriptor) } }

    private static func lock(_ path: String, output: String, pipeline: String) throws -> Int32 {
        try SafeFile.createParent(of: output)
        // A lock file removed by the run that held it between our open and our lock is no lock:
        // try again with the file now at the path.
        for _ in 0..<8 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw PipeError(.io, "cannot lock `\(output)` through `\(path)`: \(SafeFile.lastError)",
                                hint: "Pipe makes this file while it writes `\(output)`; check the folder's permissions")
            }
            var opened = stat()
            guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                throw PipeError(.io, "cannot lock `\(output)`: `\(path)` is not a plain file", hint: "remove it if it is yours")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(descriptor)
                throw PipeError(.checkpoint, "another run is writing `\(output)`\(holder.isEmpty ? "" : " (\(holder))")",
                                hint: "wait for it to end, or give this pipeline outputs of its own")
            }
            guard isStill(path, descriptor) else {
                close(descriptor)
                continue
            }
            if SafeFile.notOwn(descriptor) == nil, ftruncate(descriptor, 0) == 0 {
                _ = SafeFile.writeAll(Array("pid \(getpid()), pipeline `\(pipeline)`\n".utf8), to: descriptor)
            }
            return descriptor
        }
        throw PipeError(.checkpoint, "cannot lock `\(output)`: `\(path)` keeps being replaced", hint: "check what else writes that folder")
    }

    /// Removes the lock file while it is still the one held and the user's own, then lets it go.
    private static func release(_ path: String, _ descriptor: Int32) {
        if SafeFile.notOwn(descriptor) == nil, isStill(path, descriptor) {
            unlink(path)
        }
        close(descriptor)
    }

    /// Whether `path` still names the file `descriptor` has open (the same device and inode).
    private static func isStill(_ path: String, _ descriptor: Int32) -> Bool {
        var opened = stat(), current = stat()
        return fstat(descriptor, &opened) == 0 && stat(path, &current) == 0
            && current.st_ino == opened.st_ino && current.st_dev == opened.st_dev
    }
}
