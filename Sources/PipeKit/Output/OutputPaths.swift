import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths a run writes, checked against one another and against its input before anything
/// runs: two outputs on one path would interleave their bytes, an output on the input would
/// replace it, and an output inside the checkpoint folder would be taken for one of Pipe's files.
package struct OutputPaths {
    /// One path a run writes.
    package struct Entry {
        /// The path as written.
        package var path: String
        /// What writes it, for messages: "export `jsonl`", "`dead_letter`", "`--stats`".
        package var role: String
        /// Whether it is a folder (the checkpoint folder) that nothing else may be inside.
        package var isFolder = false

        /// Creates an entry.
        package init(path: String, role: String, isFolder: Bool = false) {
            self.path = path
            self.role = role
            self.isFolder = isFolder
        }

        /// A file a stage writes.
        package static func stage(_ id: String, writes path: String) -> Entry { Entry(path: path, role: "stage `\(id)`") }
        /// The dead-letter file.
        package static func deadLetters(_ path: String) -> Entry { Entry(path: path, role: "the dead-letter file") }
        /// The checkpoint folder, which nothing else may be inside.
        package static func checkpointFolder(_ path: String) -> Entry { Entry(path: path, role: "the checkpoint folder", isFolder: true) }
    }

    /// The paths so far, in the order they were given.
    package private(set) var entries: [Entry] = []
    /// The input's paths, files or folders, leaving out standard input and globs.
    package var inputs: [String]

    /// Creates an empty list.
    package init(input: String? = nil) {
        self.init(inputs: input.map { [$0] } ?? [])
    }

    /// Creates an empty list for an input of several paths.
    package init(inputs: [String]) {
        self.inputs = inputs.filter { $0 != "-" && !InputSpec.isGlob($0) }
    }

    /// Adds a path and returns what is wrong with it: a clash with an earlier path or the input,
    /// or a length the system cannot take once Pipe's staged suffix is added. Nil when nothing is.
    package mutating func add(_ entry: Entry) -> String? {
        defer { entries.append(entry) }
        if let problem = Self.lengthProblem(entry.path, isFolder: entry.isFolder) { return problem }
        let path = Self.canonical(entry.path)
        for input in inputs where Self.canonical(input) == path || Self.isInside(path, Self.canonical(input)) {
            return "\(entry.role) would write `\(entry.path)` \(Self.canonical(input) == path ? "over" : "inside") the input `\(input)`"
        }
        for earlier in entries {
            let other = Self.canonical(earlier.path)
            if other == path {
                return "\(entry.role) and \(earlier.role) both write `\(entry.path)`"
            }
            if earlier.isFolder, Self.isInside(path, other) {
                return "\(entry.role) would write `\(entry.path)` inside the checkpoint folder `\(earlier.path)`, which holds only Pipe's own files"
            }
            if entry.isFolder, Self.isInside(other, path) {
                return "the checkpoint folder `\(entry.path)` holds \(earlier.role)'s `\(earlier.path)`, and holds only Pipe's own files"
            }
        }
        return nil
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// Why `path` cannot be written once `.NAME.TOKEN.partial-journal` stands for its name.
    static func lengthProblem(_ path: String, isFolder: Bool) -> String? {
        let name = PathParts.name(path)
        let nameLimit = Int(NAME_MAX) - (isFolder ? 0 : SafeFile.stagedSuffixLength)
        if name.utf8.count > nameLimit {
            return "the name `\(name)` has \(name.utf8.count) bytes, and Pipe's temporary name for it would pass the system's limit of \(NAME_MAX); keep names under \(nameLimit) bytes"
        }
        let full = canonical(path).utf8.count + (isFolder ? "/checkpoint.json".utf8.count : SafeFile.stagedSuffixLength)
        if full >= Int(PATH_MAX) {
            return "the path is \(full) bytes long with Pipe's temporary name, past the system's limit of \(PATH_MAX)"
        }
        return nil
    }

    /// The absolute path with `.`, `..` and the links of the folders that exist resolved, so
    /// that two spellings of one file compare equal.
    package static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") where part != "." && !part.isEmpty {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        // Resolve the longest prefix that exists; the rest is appended as written.
        var rest: [Substring] = []
        while !parts.isEmpty {
            if let resolved = realpath("/" + parts.joined(separator: "/"), nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            rest.append(parts.removeLast())
        }
        return "/" + rest.reversed().joined(separator: "/")
    }
}
