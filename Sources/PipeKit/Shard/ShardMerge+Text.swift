#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ShardMerge {
    /// Merges the shards' copies of a text file (JSON Lines, CSV, Markdown) that `stageID` wrote
    /// at `path`: the header they share, then every article's bytes in input order, without
    /// those dropped. Staged in ``publication``.
    ///
    /// - Throws: ``PipeError`` with code `io` when a copy is missing, or its size or header does
    ///   not match its merge log.
    public func mergeText(of stageID: String, into path: String) throws {
        let rows = try rows(of: stageID)
        let copies = try shards.map { try ShardCopy(path: $0.shard.path(for: path)) }
        var sizes = [Int](repeating: 0, count: shards.count)
        for row in rows { sizes[row.shard] += row.size }
        let file = try AtomicFile(path: path, token: token, resumingAt: nil)
        do {
            var header: [UInt8]?
            for (index, copy) in copies.enumerated() {
                guard copy.size >= sizes[index] else {
                    throw PipeError(.io, "`\(copy.path)` holds \(copy.size) bytes, fewer than its merge log's \(sizes[index])",
                                    hint: "run shard \(shards[index].shard) again")
                }
                let own = Array(try copy.read(copy.size - sizes[index]))
                if header == nil { header = own }
                guard own == header else {
                    throw PipeError(.io, "`\(copy.path)` starts with another header than `\(copies[0].path)`",
                                    hint: "run every shard with the same build of Pipe, then merge again")
                }
            }
            try file.write(header ?? [])
            for row in rows {
                let bytes = try copies[row.shard].read(row.size)
                if !row.isDropped { try file.write(bytes) }
            }
            try file.stage(in: publication)
        } catch {
            file.discard()
            throw error
        }
    }

    /// Appends the shards' files at `path`, one after the other in shard order (the dead letters).
    public func concatenate(into path: String) throws {
        let file = try AtomicFile(path: path, token: token, resumingAt: nil)
        do {
            for files in shards {
                let copy = try ShardCopy(path: files.shard.path(for: path))
                var left = copy.size
                while left > 0 {
                    let piece = try copy.read(min(left, 1 << 20))
                    try file.write(piece)
                    left -= piece.count
                }
            }
            try file.stage(in: publication)
        } catch {
            file.discard()
            throw error
        }
    }
}

/// A shard's copy of an output, read from the start in pieces, through a buffer of 1 MiB so
/// that an article costs no system call of its own.
final class ShardCopy {
    let path: String
    let size: Int
    private let source: DescriptorSource
    private var buffer: [UInt8] = []
    private var start = 0

    private static let blockSize = 1 << 20

    init(path: String) throws {
        self.path = path
        let descriptor = FolderWalk.openFile(path, flags: O_RDONLY | O_NOFOLLOW)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw PipeError(.io, "cannot read the shard's output `\(path)`: \(reason)", hint: "run its shard again")
        }
        source = DescriptorSource(descriptor: descriptor, closesDescriptor: true)
        size = Int(status.st_size)
    }

    /// The next `count` bytes.
    func read(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - start < count {
            buffer.removeFirst(start)
            start = 0
            let wanted = max(Self.blockSize, count - buffer.count)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            let got = try buffer.withUnsafeMutableBytes { [source] in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...]))
            }
            buffer.removeLast(wanted - got)
            guard got > 0 else {
                throw PipeError(.io, "`\(path)` ended before its merge log said", hint: "run its shard again")
            }
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }
}
