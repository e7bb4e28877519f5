import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an ``InputSpec`` as a sequence of ``RawRecord``s.
///
/// Each file is cut by ``FileRecords``: `dated-text` and `text`, one record per file; `jsonl`, one
/// per non-blank line; `csv` and `tsv`, one per row; `json`, one per element of a document's
/// array. Compressed files are decompressed and other encodings converted as they are read
/// (``InputBytes``). A file named `*.dead-letter.jsonl` is replayed whatever the format: each
/// line's `raw` record is read again with the `format` recorded beside it. The input's paths are
/// read in order; a directory is read recursively to any depth (``FolderWalk``), skipping hidden
/// entries; files come in byte order of their paths, and a folder that cannot be read is a
/// record with a problem, never skipped silently. Only one file is open at a time. When the stop
/// signal fires, reading ends before the next file or the next block of lines; lines already read
/// are still returned.
public struct InputReader: AsyncSequence, Sendable, StopAwareSource {
    /// One file to read, with the folder its records' ids are relative to.
    public struct File: Sendable, Hashable {
        /// The folder ids are relative to (`""` for the current one).
        public var root: String
        /// The file's path; `-` for standard input; ending in `/` for a folder that could not be listed.
        public var path: String

        /// The path below ``root``: `a/b.txt` for `in/a/b.txt` below `in`.
        public var relativePath: String {
            var relative = path
            if !root.isEmpty, root != ".", path.hasPrefix(root) {
                relative = String(path.dropFirst(root.count))
                while relative.hasPrefix("/") { relative.removeFirst() }
            } else if relative.hasPrefix("./") {
                relative.removeFirst(2)
            }
            return relative
        }
    }

    /// The input to read.
    public let spec: InputSpec
    /// Ends reading early when it fires, even while waiting for standard input.
    public let stop: StopSignal?
    private let listing: [File]?

    /// Creates a reader; the input's files are listed when reading starts.
    public init(spec: InputSpec, stop: StopSignal? = nil) {
        self.spec = spec
        self.stop = stop
        listing = nil
    }

    /// Creates a reader over files already listed by ``files()``, so that they are not listed twice.
    public init(spec: InputSpec, stop: StopSignal? = nil, files: [File]) {
        self.spec = spec
        self.stop = stop
        listing = files
    }

    /// The files the input's paths name, each path's in byte order, checked before reading.
    ///
    /// - Throws: ``PipeError`` with code `io` when a path names nothing readable.
    public func files() throws -> [File] {
        try spec.paths.flatMap { path in
            let listed = try files(of: path)
            return listed.files.map { File(root: listed.root, path: $0) }
        }
    }

    private func files(of path: String) throws -> (root: String, files: [String]) {
        if path == "-" { return ("", ["-"]) }
        if InputSpec.isGlob(path) { return try globFiles(path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw missing(path)
        }
        if !isDirectory.boolValue {
            return (PathParts.parent(path), [path])
        }
        let files = FolderWalk.files(in: path)
        if files == [path.hasSuffix("/") ? path : path + "/"] {
            throw PipeError(.io, "cannot list folder `\(path)`: \(String(cString: strerror(errno)))", at: spec.location)
        }
        return (path, files.sorted(by: Self.byteOrder))
    }

    /// Checks that the input names something to read, without listing a folder: `pipe validate`
    /// and `pipe run` call it before a run.
    ///
    /// - Throws: ``PipeError`` with code `io`, at `input.path`, when a path does not exist or a
    ///   glob matches no file.
    public func checkExists() throws {
        for path in spec.paths where path != "-" {
            if InputSpec.isGlob(path) {
                _ = try globFiles(path)
            } else if !FileManager.default.fileExists(atPath: path) {
                throw missing(path)
            }
        }
    }

    /// The error for a path that names nothing.
    private func missing(_ path: String) -> PipeError {
        PipeError(.io, "input `\(path)` does not exist", hint: pathHint, at: spec.location)
    }

    /// Where to look when the input is not there: the file's `input.path`, or `--input`.
    private var pathHint: String {
        spec.location == nil ? "check the paths given to `--input`" : "check `input.path` or pass `--input PATH`"
    }

    private func globFiles(_ pattern: String) throws -> (root: String, files: [String]) {
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(pattern, 0, nil, &result)
        guard status == 0 || status == GLOB_NOMATCH else {
            throw PipeError(.io, "cannot expand glob `\(pattern)`", at: spec.location)
        }
        var files: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let entry = result.gl_pathv[index], let name = String(validatingCString: entry) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(name)
            }
        }
        guard !files.isEmpty else {
            throw PipeError(.io, "glob `\(pattern)` matches no file", hint: pathHint, at: spec.location)
        }
        let fixed = pattern.prefix { !"*?[".contains($0) }
        let root = fixed.contains("/") ? String(fixed[..<(fixed.lastIndex(of: "/") ?? fixed.startIndex)]) : "."
        return (root, files.sorted(by: Self.byteOrder))
    }

    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The id of a file's record: its path below `root` without the extension, and without a
    /// compressed file's two (`2024/a.jsonl.gz` → `2024/a`).
    static func recordID(for file: String, root: String) -> String {
        let relative = File(root: root, path: file).relativePath
        let stem = PathParts.droppingExtension(relative)
        let isCompressedName = Compression.fileExtensions.contains { relative.dropFirst(stem.count) == "." + $0 }
        return isCompressedName ? PathParts.droppingExtension(stem) : stem
    }

    /// Whether a file is read as dead letters to replay: its name ends in `.dead-letter.jsonl`.
    static func isDeadLetterFile(_ file: String) -> Bool {
        file.hasSuffix(".dead-letter.jsonl")
    }

    /// The records `bytes` hold, read as one file named `file` is read (decompressed, converted and
    /// cut as `spec` says): for tests, fuzzing and callers that already hold the bytes.
    public static func records(in bytes: [UInt8], file: String = "-", spec: InputSpec) -> [RawRecord] {
        let id = file == "-" ? "stdin" : recordID(for: file, root: PathParts.parent(file))
        let records: FileRecords
        do {
            records = try FileRecords(source: InputBytes.open(BytesSource(bytes), encoding: spec.encoding), file: file, id: id, spec: spec)
        } catch {
            return [RawRecord(id: id, source: file, format: spec.format, bytes: [], problem: FileRecords.problem(error))]
        }
        var result: [RawRecord] = []
        while let record = records.next() { result.append(record) }
        return result
    }

    /// Starts reading.
    public func makeAsyncIterator() -> Iterator { Iterator(spec: spec, reader: self, listing: listing) }

    /// Reads records one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        let spec: InputSpec
        let reader: InputReader
        private var listing: [File]?
        private var fileIndex = 0
        /// The file being read.
        private var current: FileRecords?
        /// The place of the next record in the file being read.
        private var recordIndex = 0

        init(spec: InputSpec, reader: InputReader, listing: [File]?) {
            self.spec = spec
            self.reader = reader
            self.listing = listing
        }

        /// The next record, or `nil` after the last.
        public mutating func next() async throws -> RawRecord? {
            if listing == nil { listing = try reader.files() }
            guard let listing else { return nil }
            // One file (or standard input) is shared by record, several by file (`Shard`).
            let sharesRecords = listing.count == 1
            while true {
                if let records = current {
                    while let record = records.next() {
                        if let record = placed(record, sharesRecords: sharesRecords) { return record }
                    }
                    current = nil
                }
                guard fileIndex < listing.count, reader.stop?.signal == nil else { return nil }
                let (file, root) = (listing[fileIndex].path, listing[fileIndex].root)
                fileIndex += 1
                recordIndex = 0
                if !sharesRecords, let shard = spec.shard, !shard.owns(file: listing[fileIndex - 1].relativePath) { continue }
                // A file that could not be read is its record 0.
                if let problem = open(file, root: root), let record = placed(problem, sharesRecords: sharesRecords) { return record }
            }
        }

        /// The next record of the file being read, at its position in the whole input; nil when
        /// it is another shard's.
        private mutating func placed(_ record: RawRecord, sharesRecords: Bool) -> RawRecord? {
            defer { recordIndex += 1 }
            if sharesRecords, let shard = spec.shard, !shard.owns(record: recordIndex) { return nil }
            var record = record
            record.position = InputPosition(file: fileIndex - 1, record: recordIndex)
            return record
        }

        /// Starts reading `file`; a record with the problem when it cannot be read.
        private mutating func open(_ file: String, root: String) -> RawRecord? {
            let id = file == "-" ? "stdin" : InputReader.recordID(for: file, root: root)
            if file.hasSuffix("/") {
                // A folder the listing could not read: its files are not skipped silently.
                let problem = FolderWalk.openFile(file, flags: O_RDONLY | O_DIRECTORY)
                let reason = problem < 0 ? String(cString: strerror(errno)) : "it could not be listed"
                if problem >= 0 { close(problem) }
                return RawRecord(id: id, source: file, format: spec.format, bytes: [],
                                 problem: .unreadable(reason: "the folder's files were not read: \(reason)"))
            }
            // A file that cannot be opened now (gone, or no longer readable, since it was
            // listed) is a record with a problem, for `parse` to report; the run goes on.
            let descriptor = file == "-" ? STDIN_FILENO : FolderWalk.openFile(file)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                return RawRecord(id: id, source: file, format: spec.format, bytes: [], problem: .unreadable(reason: reason))
            }
            do {
                let source = try InputBytes.open(descriptor: descriptor, closesDescriptor: file != "-", stop: reader.stop,
                                                 encoding: spec.encoding)
                current = FileRecords(source: source, file: file, id: id, spec: spec)
                return nil
            } catch {
                return RawRecord(id: id, source: file, format: spec.format, bytes: [], problem: FileRecords.problem(error))
            }
        }
    }
}
